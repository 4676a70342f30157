package dev.tabrelay.client.examples;

import dev.tabrelay.client.ConnectionState;
import dev.tabrelay.client.ExtensionClient;
import dev.tabrelay.client.RealRelay;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs every README example, and checks that the README shows exactly their code. */
@Timeout(60)
class ExamplesTest {

    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    @Test
    void socketHttpAndChatExamplesRunAgainstTheRealRelay() throws Exception {
        try (RealRelay relay = new RealRelay();
             ExtensionClient extension = ExtensionExample.run(relay.url(), PNG)) {
            HttpExample.Result http = HttpExample.run(relay.url());
            assertEquals("ok", http.status());
            assertEquals(1, http.tabs());
            assertEquals(1, http.messages().size());
            assertTrue(http.messages().get(0).startsWith("console-log #"), http.messages().toString());
            assertEquals(Base64.getDecoder().decode(PNG).length, http.imageBytes());

            McpExample.Result mcp = McpExample.run(relay.url(), () -> extension.consoleLog("info", "hello again"));
            assertEquals("tab-1: hello again", mcp.firstLog());
            assertEquals(Base64.getDecoder().decode(PNG).length, mcp.screenshotBytes());
            assertTrue(mcp.cleared() >= 2, "cleared " + mcp.cleared());

            ChatExample.Result chat = ChatExample.run(relay.url());   // answered by ExtensionExample's onChat
            assertEquals("You said: hello", chat.answer());
            assertEquals("You said: hello", chat.streamed());

            List<ConnectionState> states = ConfigExample.run(relay.url());
            assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.OPEN, ConnectionState.CLOSED), states);
        }
    }

    @Test
    void tunnelAndOpsExamplesRunAgainstTheRealRelay() throws IOException {
        String pairing = "7a".repeat(32);
        try (RealRelay relay = new RealRelay(b -> b.pairingToken(dev.tabrelay.server.security.PairingToken.parse(pairing)).tunnelSecret("examples-tunnel-secret-of-32-bytes!"));
             ExtensionClient tab = ExtensionClient.builder().serverUrl(relay.url()).tabId("tab-1")
                     .onCdp(command -> Map.of("result", Map.of("type", "number", "value", 2)))
                     .build()) {
            String session = tab.connect().join().sessionId();
            OkHttpClient http = new OkHttpClient();
            Request mint = new Request.Builder().url(relay.url() + "/v1/tunnel/tokens")
                    .header("Authorization", "Bearer " + pairing)
                    .post(RequestBody.create("{\"sessionId\":\"" + session + "\"}", MediaType.get("application/json")))
                    .build();
            String jwt;
            try (Response response = http.newCall(mint).execute()) {
                jwt = response.body().string().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            } finally {
                http.dispatcher().executorService().shutdown();
            }
            assertEquals("alive", TunnelExample.run(relay.url().replace("http:", "ws:"), session, jwt));
            assertEquals(Map.of("type", "number", "value", 2.0), OpsExample.run(relay.url(), pairing));
        }
    }

    @Test
    void docsShowTheExamplesVerbatim() throws IOException {
        String docs = Files.readString(Path.of("..", "README.md"));
        Matcher blocks = Pattern.compile("<!-- snippet: (\\w+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(docs);
        List<String> shown = new ArrayList<>();
        while (blocks.find()) {
            String name = blocks.group(1);
            String source = Files.readString(Path.of("src", "test", "java", "dev", "tabrelay", "client", "examples",
                    name + ".java"));
            Matcher snippet = Pattern.compile("// \\[snippet]\\n(.*?)\\n\\s*// \\[/snippet]", Pattern.DOTALL).matcher(source);
            assertTrue(snippet.find(), name + " has no snippet markers");
            assertEquals(dedent(snippet.group(1)), dedent(blocks.group(2)), "README.md differs from " + name);
            shown.add(name);
        }
        assertFalse(shown.isEmpty());
        assertTrue(shown.containsAll(List.of("ExtensionExample", "McpExample", "TunnelExample", "OpsExample",
                "HttpExample", "ChatExample", "ConfigExample")), "every role has an example in the docs: " + shown);
    }

    private static String dedent(String code) {
        List<String> lines = code.stripTrailing().lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return String.join("\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }
}
