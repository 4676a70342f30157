package dev.tabrelay.conformance.extension;

import dev.tabrelay.simulator.Dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code tabrelay.extension}: which extension the extension-mode suites check.
 * {@code simulator=DIALECT} (in-process), {@code simulator-jar=DIALECT} (the simulator CLI jar as a child process),
 * {@code wait} or {@code wait=HOST:PORT} (a third-party extension dials in; default 127.0.0.1:3025).
 */
public sealed interface ExtensionSpec {

    String label();

    /** The dialect, when it is known before the extension connects. */
    Optional<Dialect> dialect();

    record InProcess(Dialect value) implements ExtensionSpec {
        @Override
        public String label() {
            return "simulator " + value.cliName();
        }

        @Override
        public Optional<Dialect> dialect() {
            return Optional.of(value);
        }
    }

    record Jar(Dialect value) implements ExtensionSpec {
        @Override
        public String label() {
            return "simulator-jar " + value.cliName();
        }

        @Override
        public Optional<Dialect> dialect() {
            return Optional.of(value);
        }
    }

    record Wait(String host, int port) implements ExtensionSpec {
        public static final int DEFAULT_PORT = 3025;

        @Override
        public String label() {
            return "extension";
        }

        @Override
        public Optional<Dialect> dialect() {
            return Optional.empty();
        }
    }

    /** Parses a comma list; blank means {@code simulator=canonical}. */
    static List<ExtensionSpec> parseList(String value) {
        return dev.tabrelay.conformance.SpecList.parse(value, new InProcess(Dialect.CANONICAL), ExtensionSpec::parse);
    }

    static ExtensionSpec parse(String entry) {
        if (entry.startsWith("simulator=")) {
            return new InProcess(Dialect.parse(entry.substring("simulator=".length())));
        }
        if (entry.startsWith("simulator-jar=")) {
            return new Jar(Dialect.parse(entry.substring("simulator-jar=".length())));
        }
        if (entry.equals("wait")) {
            return new Wait("127.0.0.1", Wait.DEFAULT_PORT);
        }
        if (entry.startsWith("wait=")) {
            return waitOn(entry.substring("wait=".length()));
        }
        throw new IllegalArgumentException("tabrelay.extension entries are simulator=DIALECT, simulator-jar=DIALECT,"
                + " wait or wait=HOST:PORT; got '" + entry + "'");
    }

    /** {@code HOST:PORT} (or just {@code PORT}) to listen on. */
    static Wait waitOn(String address) {
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : address.substring(0, colon);
        String port = colon < 0 ? address : address.substring(colon + 1);
        try {
            return new Wait(host.isEmpty() ? "127.0.0.1" : host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + address + "'");
        }
    }
}
