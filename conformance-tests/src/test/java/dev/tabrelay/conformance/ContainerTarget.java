package dev.tabrelay.conformance;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The server image in a container (Testcontainers) with {@link ServerOptions#environment()}, port 3025 mapped to an
 * ephemeral localhost port.
 */
final class ContainerTarget implements ServerTarget {

    static final int PORT = 3025;

    private final GenericContainer<?> container;
    private final Path log;
    private final URI base;

    private ContainerTarget(GenericContainer<?> container, Path log) {
        this.container = container;
        this.log = log;
        this.base = URI.create("http://" + container.getHost() + ":" + container.getMappedPort(PORT));
    }

    static ContainerTarget start(String image, SuiteSettings settings, Duration timeout) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withExposedPorts(PORT)
                .withEnv(ServerOptions.environment())
                .waitingFor(Wait.forHttp("/health").forStatusCode(200).withStartupTimeout(timeout));
        container.start();
        return new ContainerTarget(container, settings.logsDir().resolve("container-server.log"));
    }

    @Override
    public String mode() {
        return "container";
    }

    @Override
    public URI httpBase() {
        return base;
    }

    @Override
    public void close() {
        try {
            // Kept for reading after the run: the container (and its logs) is removed by stop().
            Files.createDirectories(log.getParent());
            Files.writeString(log, container.getLogs());
        } catch (IOException | RuntimeException e) {
            System.err.println("conformance: could not save the container log: " + e);
        } finally {
            container.stop();
        }
    }

    @Override
    public String toString() {
        return "container " + base + " (" + container.getContainerId() + ")";
    }
}
