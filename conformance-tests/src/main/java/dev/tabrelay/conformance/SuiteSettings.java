package dev.tabrelay.conformance;

import dev.tabrelay.conformance.extension.ExtensionSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * What the suites run against. Read from JUnit configuration parameters (the standalone runner sets them), then
 * system properties (the failsafe configuration), then environment fallbacks, so a developer can run an IT from
 * the IDE with only {@code TABRELAY_TARGET=process}.
 *
 * @param targets          tabrelay.target / TABRELAY_TARGET
 * @param serverJar        tabrelay.server.jar: a jar holding the server (its own, or the runner's) for process mode
 * @param dockerContext    tabrelay.docker.context: the staged image context for container mode
 * @param image            tabrelay.image: an existing server image to run instead of building the context
 * @param logsDir          where started servers write their logs (target/conformance-logs)
 * @param requireDocker    TABRELAY_REQUIRE_DOCKER=true (CI): container mode fails instead of skipping without Docker
 * @param javaHome         the JDK that runs process mode (the test JVM's, 21+)
 * @param token            tabrelay.token / TABRELAY_TOKEN: the pairing token of a url target
 * @param extensions       tabrelay.extension: the extensions the extension-mode suites check
 * @param simulatorJar     tabrelay.simulator.jar: the simulator CLI jar (simulator-jar extensions)
 * @param simulatorContext tabrelay.simulator.context: the staged simulator image context
 * @param extensionWait    tabrelay.extension.wait-s: how long extension mode waits for a third-party extension
 */
public record SuiteSettings(List<TargetSpec> targets, Path serverJar, Path dockerContext, Optional<String> image,
                            Path logsDir, boolean requireDocker, Path javaHome, Optional<String> token,
                            List<ExtensionSpec> extensions, Path simulatorJar, Path simulatorContext,
                            Duration extensionWait) {

    private static final String SERVER_TARGET = "../server-helidon/target";
    private static final String SIMULATOR_TARGET = "../extension-simulator/target";

    public static SuiteSettings from(Properties properties, Map<String, String> env) {
        return from(key -> Optional.ofNullable(properties.getProperty(key)), env);
    }

    /** @param lookup configuration parameters first (JUnit's, which fall back to system properties) */
    public static SuiteSettings from(Function<String, Optional<String>> lookup, Map<String, String> env) {
        Function<String, String> get = key -> lookup.apply(key).filter(v -> !v.isBlank()).orElse(null);
        String target = Optional.ofNullable(get.apply("tabrelay.target")).orElse(env.get("TABRELAY_TARGET"));
        String token = Optional.ofNullable(get.apply("tabrelay.token")).orElse(env.get("TABRELAY_TOKEN"));
        return new SuiteSettings(
                TargetSpec.parseList(target),
                Path.of(Optional.ofNullable(get.apply("tabrelay.server.jar")).orElse(SERVER_TARGET + "/tabrelay-server.jar")),
                Path.of(Optional.ofNullable(get.apply("tabrelay.docker.context")).orElse(SERVER_TARGET + "/docker-context")),
                Optional.ofNullable(get.apply("tabrelay.image")),
                Path.of(Optional.ofNullable(get.apply("tabrelay.logs.dir")).orElse("target/conformance-logs")),
                "true".equalsIgnoreCase(env.get("TABRELAY_REQUIRE_DOCKER")),
                Path.of(Optional.ofNullable(get.apply("java.home")).orElse(System.getProperty("java.home"))),
                Optional.ofNullable(token).filter(t -> !t.isBlank()),
                ExtensionSpec.parseList(get.apply("tabrelay.extension")),
                Path.of(Optional.ofNullable(get.apply("tabrelay.simulator.jar")).orElse(SIMULATOR_TARGET + "/tabrelay-simulator.jar")),
                Path.of(Optional.ofNullable(get.apply("tabrelay.simulator.context")).orElse(SIMULATOR_TARGET + "/docker-context")),
                Duration.ofSeconds(Long.parseLong(Optional.ofNullable(get.apply("tabrelay.extension.wait-s")).orElse("300"))));
    }
}
