package dev.tabrelay.conformance;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** One entry of {@code tabrelay.target}: {@code container}, {@code process} or {@code url=http://HOST:PORT}. */
public sealed interface TargetSpec {

    String mode();

    /** The server image built from server-helidon/target/docker-context, run by Testcontainers. */
    record Container() implements TargetSpec {
        @Override
        public String mode() {
            return "container";
        }
    }

    /** {@code java -jar tabrelay-server.jar --port 0} as a child process of the test JVM. */
    record Process() implements TargetSpec {
        @Override
        public String mode() {
            return "process";
        }
    }

    /** A server somebody else runs. */
    record Url(URI base) implements TargetSpec {
        @Override
        public String mode() {
            return "url";
        }
    }

    /** Parses a comma list; blank means the default, {@code container}. */
    static List<TargetSpec> parseList(String value) {
        return SpecList.parse(value, new Container(), TargetSpec::parse);
    }

    static TargetSpec parse(String entry) {
        if (entry.equals("container")) {
            return new Container();
        }
        if (entry.equals("process")) {
            return new Process();
        }
        if (entry.startsWith("url=")) {
            String url = entry.substring("url=".length()).replaceAll("/+$", "");
            URI base = URI.create(url);
            if (!"http".equals(base.getScheme()) || base.getHost() == null) {
                throw new IllegalArgumentException("tabrelay.target url must look like url=http://HOST:PORT, got " + entry);
            }
            return new Url(base);
        }
        throw new IllegalArgumentException(
                "tabrelay.target entries are container, process or url=http://HOST:PORT; got '" + entry + "'");
    }
}
