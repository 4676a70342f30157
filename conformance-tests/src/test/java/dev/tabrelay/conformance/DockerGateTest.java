package dev.tabrelay.conformance;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerGateTest {

    private static final Map<String, String> NO_REGISTRY = Map.of("TESTCONTAINERS_RYUK_DISABLED", "true",
            "TESTCONTAINERS_HOST_OVERRIDE", "localhost", "TESTCONTAINERS_CHECKS_DISABLE", "true");

    @Test
    void withDockerNothingHappens() {
        assertDoesNotThrow(() -> new DockerGate(true, NO_REGISTRY, () -> true).check());
        assertDoesNotThrow(() -> new DockerGate(false, NO_REGISTRY, () -> true).check());
    }

    @Test
    void withoutDockerALocalRunSkipsWithTheReason() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> new DockerGate(false, NO_REGISTRY, () -> false).check());
        assertTrue(skipped.getMessage().contains("SKIPPED"), skipped.getMessage());
        assertTrue(skipped.getMessage().contains("TABRELAY_REQUIRE_DOCKER"), skipped.getMessage());
    }

    @Test
    void withoutDockerCiFails() {
        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> new DockerGate(true, NO_REGISTRY, () -> false).check());
        assertTrue(failed.getMessage().contains("TABRELAY_REQUIRE_DOCKER=true"), failed.getMessage());
    }

    @Test
    void withoutTheNoRegistrySettingsItRefusesBeforeAskingDocker() {
        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> new DockerGate(false, Map.of("TESTCONTAINERS_RYUK_DISABLED", "true"), () -> {
                    throw new AssertionError("Docker must not be asked");
                }).check());
        assertTrue(failed.getMessage().contains("TESTCONTAINERS_HOST_OVERRIDE"), failed.getMessage());
    }
}
