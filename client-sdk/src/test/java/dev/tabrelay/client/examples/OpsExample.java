package dev.tabrelay.client.examples;

import dev.tabrelay.client.Lease;
import dev.tabrelay.client.OpsClient;

import java.util.Map;

/** README example: CDP automation under the FIFO lease. */
public final class OpsExample {

    private OpsExample() {
    }

    public static Object run(String relayUrl, String pairingToken) {
        // [snippet]
        try (OpsClient ops = OpsClient.builder()
                .serverUrl(relayUrl)
                .pairingToken(pairingToken)          // /ops?token=... and connection-init.pairingToken
                .autoRenewLeases(true)
                .build()) {
            ops.connect().join();
            Lease lease = ops.acquireLease().join();     // waits in the FIFO queue if someone holds it
            Map<String, Object> result = ops.cdp("Runtime.evaluate", Map.of("expression", "1 + 1")).join();
            ops.releaseLease(lease).join();
            return result.get("result");
        }
        // [/snippet]
    }
}
