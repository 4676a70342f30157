package dev.tabrelay.client.examples;

import dev.tabrelay.client.RelayHttpClient;
import dev.tabrelay.client.http.LogQuery;
import dev.tabrelay.client.http.TabScreenshot;

import java.util.List;

/** README example: the relay's HTTP API. */
public final class HttpExample {

    private HttpExample() {
    }

    public record Result(String status, int tabs, List<String> messages, int imageBytes) {
    }

    public static Result run(String relayUrl) {
        // [snippet]
        try (RelayHttpClient http = RelayHttpClient.builder().serverUrl(relayUrl).build()) {
            String status = http.health().status();                          // "ok"
            int tabs = http.tabs().stream().mapToInt(s -> s.tabs().size()).sum();
            List<String> messages = http.allLogs(LogQuery.tab("tab-1").withTypes("console-log").withLimit(50))
                    .map(entry -> entry.message().type() + " #" + entry.seq())   // pages are fetched lazily
                    .toList();
            TabScreenshot shot = http.screenshot("tab-1", null);              // PNG bytes plus their origin
            return new Result(status, tabs, messages, shot.bytes().length);
        }
        // [/snippet]
    }
}
