package dev.tabrelay.conformance;

import dev.tabrelay.client.EventListener;
import dev.tabrelay.client.McpClient;
import dev.tabrelay.client.RelayHttpClient;
import dev.tabrelay.client.TabEvent;
import dev.tabrelay.client.http.ExtensionSession;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator as a container: its image (extension-simulator/src/main/docker) dials the server container over
 * their Docker network (http://tabrelay-server:3025, with the pairing token), and the server sees its tabs and
 * events. Container target only: the other targets have no network the simulator container could join.
 */
class SimulatorContainerConformanceIT {

    @ConformanceTest
    void simulatorContainerTabsAndEventsReachTheServer(ServerTarget target, SuiteSettings settings) {
        Assumptions.assumeTrue(target instanceof ContainerTarget,
                "the simulator container joins the server container's network: container target only");
        boolean staged = java.nio.file.Files.isRegularFile(settings.simulatorContext().resolve("Dockerfile"));
        if (!settings.requireDocker()) { // in CI a missing context is a build error, not a reason to skip
            Assumptions.assumeTrue(staged, () -> "no staged simulator image context at "
                    + settings.simulatorContext().toAbsolutePath() + " (extension-simulator's package phase stages it)");
        }
        ContainerTarget server = (ContainerTarget) target;
        String prefix = Sdk.unique("sim-docker") + "-";
        BlockingQueue<TabEvent<?>> events = new LinkedBlockingQueue<>();
        String image = ServerImage.simulator().resolve(settings.simulatorContext());
        try (McpClient mcp = Sdk.mcp(target).eventListener(new EventListener() {
                 @Override
                 public void onEvent(TabEvent<?> event) {
                     events.add(event);
                 }
             }).build();
             RelayHttpClient http = Sdk.http(target);
             GenericContainer<?> simulator = new GenericContainer<>(DockerImageName.parse(image))
                     .withNetwork(server.network())
                     .withCommand("--url", "http://" + ContainerTarget.ALIAS + ":" + ContainerTarget.PORT,
                             "--token", server.pairingToken().orElseThrow(), "--tabs", "2", "--tab-prefix", prefix,
                             "--events-per-second", "4", "--event-kinds", "console", "--screenshot", "32x24")
                     .waitingFor(Wait.forLogMessage(".*connected.*\\n", 2).withStartupTimeout(Duration.ofSeconds(60)))) {
            Sdk.await(mcp.connect(), "the MCP connection-ack");
            simulator.start();

            Sdk.eventually("both simulated tabs listed by GET /v1/tabs", () -> tabsWith(http, prefix).size() == 2);
            assertEquals(Set.of(prefix + "1", prefix + "2"), tabsWith(http, prefix));

            TabEvent<?> event;
            do {
                event = Sdk.take(events, "a console event from the simulator container");
            } while (event.tabId() == null || !event.tabId().startsWith(prefix));
            assertEquals("console-log", event.type().replace("console-error", "console-log"),
                    "the simulator generates console events only here");
            assertTrue(http.screenshot(prefix + "1", null).bytes().length > 8, "a screenshot from inside the container");
        }
    }

    private static Set<String> tabsWith(RelayHttpClient http, String prefix) {
        return http.tabs().stream().flatMap(session -> session.tabs().stream()).map(ExtensionSession.Tab::tabId)
                .filter(id -> id.startsWith(prefix)).collect(Collectors.toSet());
    }
}
