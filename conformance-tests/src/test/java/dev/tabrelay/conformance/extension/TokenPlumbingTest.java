package dev.tabrelay.conformance.extension;

import dev.tabrelay.simulator.Dialect;
import dev.tabrelay.simulator.Simulator;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The simulator presents its pairing token as Authorization: Bearer on the WebSocket upgrade, in every dialect. */
@Timeout(60)
class TokenPlumbingTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void simulatorSendsItsPairingToken(Dialect dialect) {
        try (ExtensionHarness harness = ExtensionHarness.start("127.0.0.1", 0);
             Simulator simulator = ExtensionUnderTest.simulatorFor(dialect, "http://127.0.0.1:" + harness.port())
                     .pairingToken("t0ken-" + dialect.cliName()).output(line -> { }).build().start()) {
            ExtensionPeer peer = harness.awaitPeer(Duration.ofSeconds(30)).orElseThrow();
            assertEquals(dialect, peer.dialect());
            assertEquals("Bearer t0ken-" + dialect.cliName(), peer.authorization());
        }
    }
}
