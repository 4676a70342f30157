package dev.tabrelay.conformance;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An image built from a staged context (the server's server-helidon/target/docker-context, the simulator's
 * extension-simulator/target/docker-context) under one stable tag. The image carries the context's hash as a label, so an unchanged context is not rebuilt (and
 * not even sent to the daemon) on the next run.
 */
final class ServerImage {

    /** TABRELAY_IMAGE_NAME lets two checkouts on one Docker engine keep separate cached images. */
    static final String NAME = System.getenv().getOrDefault("TABRELAY_IMAGE_NAME", "tabrelay/server:conformance");
    /** The simulator's image: TABRELAY_SIMULATOR_IMAGE_NAME, else tabrelay/simulator with the server image's tag. */
    static final String SIMULATOR_NAME = System.getenv().getOrDefault("TABRELAY_SIMULATOR_IMAGE_NAME",
            "tabrelay/simulator:" + NAME.substring(NAME.lastIndexOf(':') + 1));
    static final String HASH_LABEL = "dev.tabrelay.context-sha256";

    private final DockerClient docker;
    private final String name;

    ServerImage(DockerClient docker, String name) {
        this.docker = docker;
        this.name = name;
    }

    static ServerImage server() {
        return new ServerImage(DockerClientFactory.instance().client(), NAME);
    }

    static ServerImage simulator() {
        return new ServerImage(DockerClientFactory.instance().client(), SIMULATOR_NAME);
    }

    /** Returns the name of an image built from exactly this context, building it when needed. */
    String resolve(Path context) {
        if (!Files.isRegularFile(context.resolve("Dockerfile"))) {
            throw new IllegalStateException("no staged Docker context at " + context.toAbsolutePath()
                    + "; the package phase of server-helidon / extension-simulator stages it (./mvnw -pl conformance-tests -am verify)");
        }
        String hash = ContextHash.of(context);
        Optional<InspectImageResponse> existing = inspect();
        if (existing.map(image -> labels(image).get(HASH_LABEL)).filter(hash::equals).isPresent()) {
            return name;
        }
        build(context, hash);
        existing.ifPresent(old -> removeQuietly(old.getId()));
        return name;
    }

    private void build(Path context, String hash) {
        // deleteOnExit=false: the image is the cache. Every top-level entry of the context (Dockerfile included) is
        // added with withFileFromPath; withDockerfile(Path) is avoided because mixing the two hangs (java-stack.md §4.3).
        ImageFromDockerfile image = new ImageFromDockerfile(name, false)
                .withBuildImageCmdModifier(cmd -> cmd.withLabels(Map.of(HASH_LABEL, hash)));
        try (Stream<Path> entries = Files.list(context)) {
            entries.forEach(entry -> image.withFileFromPath(entry.getFileName().toString(), entry));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        image.get();
    }

    private Optional<InspectImageResponse> inspect() {
        try {
            return Optional.of(docker.inspectImageCmd(name).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> labels(InspectImageResponse image) {
        Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
        return labels == null ? Map.of() : labels;
    }

    /** The replaced image is now untagged; drop it unless a container still uses it. */
    private void removeQuietly(String imageId) {
        try {
            docker.removeImageCmd(imageId).exec();
        } catch (DockerException e) {
            // In use or already gone: harmless, `docker image prune` can take it later.
        }
    }
}
