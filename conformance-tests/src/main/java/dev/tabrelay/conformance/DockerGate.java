package dev.tabrelay.conformance;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Decides what container mode does before touching Docker: refuse to run without the no-registry settings, then
 * skip with a reason when there is no engine, or fail loudly when CI requires one.
 */
final class DockerGate {

    /** Read by Testcontainers only from the environment; without them it pulls ryuk/alpine and hangs for minutes. */
    static final List<String> NO_REGISTRY_ENV = List.of(
            "TESTCONTAINERS_RYUK_DISABLED", "TESTCONTAINERS_HOST_OVERRIDE", "TESTCONTAINERS_CHECKS_DISABLE");

    private final boolean required;
    private final Map<String, String> env;
    private final BooleanSupplier dockerAvailable;

    DockerGate(boolean required, Map<String, String> env, BooleanSupplier dockerAvailable) {
        this.required = required;
        this.env = env;
        this.dockerAvailable = dockerAvailable;
    }

    DockerGate(boolean required) {
        this(required, System.getenv(), () -> DockerClientFactory.instance().isDockerAvailable());
    }

    void check() {
        List<String> missing = NO_REGISTRY_ENV.stream().filter(name -> env.get(name) == null).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("container mode needs the environment variables " + missing
                    + " (TESTCONTAINERS_RYUK_DISABLED=true, TESTCONTAINERS_HOST_OVERRIDE=localhost,"
                    + " TESTCONTAINERS_CHECKS_DISABLE=true; the conformance-tests POM sets them for failsafe and surefire)."
                    + " Without them Testcontainers tries to pull images from a registry this machine cannot reach.");
        }
        if (dockerAvailable.getAsBoolean()) {
            return;
        }
        String why = "Docker is not available (no engine at DOCKER_HOST or /var/run/docker.sock; start dockerd)";
        if (required) {
            throw new IllegalStateException(why
                    + ". TABRELAY_REQUIRE_DOCKER=true, so container-mode conformance tests fail instead of skipping.");
        }
        Assumptions.abort(why + ": container-mode conformance tests are SKIPPED."
                + " Set TABRELAY_REQUIRE_DOCKER=true to make this an error, or run -Dtabrelay.target=process.");
    }
}
