package dev.tabrelay.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HealthCheckTest {

    private final HealthCheck check = new HealthCheck(Duration.ofSeconds(2));

    @Test
    void healthyServerGivesExitCodeZero() {
        try (TestRelay relay = new TestRelay()) {
            URI uri = HealthCheck.healthUri(ServerConfig.builder().host("127.0.0.1").port(relay.server.port()).build());
            assertEquals(0, check.probe(uri));
        }
    }

    @Test
    void nothingListeningGivesExitCodeOne() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        assertEquals(1, check.probe(URI.create("http://127.0.0.1:" + freePort + "/health")));
    }

    @Test
    void non200GivesExitCodeOne() {
        try (TestRelay relay = new TestRelay()) {
            assertEquals(1, check.probe(URI.create(relay.base() + "/no-such-path")));
        }
    }

    @Test
    void wildcardBindsAreProbedThroughLoopback() {
        assertEquals(URI.create("http://127.0.0.1:3025/health"),
                HealthCheck.healthUri(ServerConfig.builder().host("0.0.0.0").port(3025).build()));
        assertEquals(URI.create("http://[::1]:3025/health"),
                HealthCheck.healthUri(ServerConfig.builder().host("::").port(3025).build()));
        assertEquals(URI.create("http://localhost:8080/health"),
                HealthCheck.healthUri(ServerConfig.builder().host("localhost").port(8080).build()));
    }
}
