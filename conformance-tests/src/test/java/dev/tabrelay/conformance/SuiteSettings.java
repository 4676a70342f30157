package dev.tabrelay.conformance;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What the suites run against, from system properties (set by the failsafe configuration) with environment
 * fallbacks, so a developer can run an IT from the IDE with only {@code TABRELAY_TARGET=process}.
 *
 * @param targets       tabrelay.target / TABRELAY_TARGET
 * @param serverJar     tabrelay.server.jar: the runnable jar for process mode
 * @param dockerContext tabrelay.docker.context: the staged image context for container mode
 * @param logsDir       where started servers write their logs (target/conformance-logs)
 * @param requireDocker TABRELAY_REQUIRE_DOCKER=true (CI): container mode fails instead of skipping without Docker
 * @param javaHome      the JDK that runs process mode (the test JVM's, 21+)
 */
public record SuiteSettings(List<TargetSpec> targets, Path serverJar, Path dockerContext, Path logsDir,
                            boolean requireDocker, Path javaHome) {

    private static final String SERVER_TARGET = "../server-helidon/target";

    public static SuiteSettings from(Properties properties, Map<String, String> env) {
        String target = properties.getProperty("tabrelay.target", env.get("TABRELAY_TARGET"));
        return new SuiteSettings(
                TargetSpec.parseList(target),
                Path.of(properties.getProperty("tabrelay.server.jar", SERVER_TARGET + "/tabrelay-server.jar")),
                Path.of(properties.getProperty("tabrelay.docker.context", SERVER_TARGET + "/docker-context")),
                Path.of(properties.getProperty("tabrelay.logs.dir", "target/conformance-logs")),
                "true".equalsIgnoreCase(env.get("TABRELAY_REQUIRE_DOCKER")),
                Path.of(properties.getProperty("java.home")));
    }
}
