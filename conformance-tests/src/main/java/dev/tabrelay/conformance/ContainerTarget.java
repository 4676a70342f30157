package dev.tabrelay.conformance;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The server image in a container (Testcontainers) with {@link ServerOptions#environment()}, port 3025 mapped to an
 * ephemeral localhost port, and a fresh random pairing token ({@code TABRELAY_PAIRING_TOKEN}): through the port
 * mapping the server sees the suite as a non-loopback peer, which must present it.
 */
final class ContainerTarget implements ServerTarget {

    static final int PORT = 3025;
    /** The server's name on its Docker network: other containers (the simulator) reach it as http://tabrelay-server:3025. */
    static final String ALIAS = "tabrelay-server";

    private final GenericContainer<?> container;
    private final Path log;
    private final URI base;
    private final String token;
    private final Network network;

    private ContainerTarget(GenericContainer<?> container, Path log, String token, Network network) {
        this.container = container;
        this.network = network;
        this.log = log;
        this.token = token;
        this.base = URI.create("http://" + container.getHost() + ":" + container.getMappedPort(PORT));
    }

    static ContainerTarget start(String image, SuiteSettings settings, Duration timeout) {
        String token = randomToken();
        Network network = Network.newNetwork();
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetwork(network)
                .withNetworkAliases(ALIAS)
                .withExposedPorts(PORT)
                .withEnv(ServerOptions.environment())
                .withEnv("TABRELAY_PAIRING_TOKEN", token)
                // Containers on the network call it by its alias; the relay's Host check (DNS-rebinding defence)
                // accepts only names it is told about.
                .withEnv("TABRELAY_ALLOWED_HOST", ALIAS)
                .waitingFor(Wait.forHttp("/health").forStatusCode(200).withStartupTimeout(timeout));
        try {
            container.start();
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
        return new ContainerTarget(container, settings.logsDir().resolve("container-server.log"), token, network);
    }

    /** 32 random bytes as 64 hex digits. */
    static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The Docker network the server is on (as {@link #ALIAS}), for containers that talk to it directly. */
    Network network() {
        return network;
    }

    @Override
    public Optional<String> pairingToken() {
        return Optional.of(token);
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
            network.close();
        }
    }

    @Override
    public String toString() {
        return "container " + base + " (" + container.getContainerId() + ")";
    }
}
