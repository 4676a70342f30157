package dev.tabrelay.simulator;

import java.util.Objects;

/** One simulated tab: its id and the page it shows. */
public record TabSpec(String tabId, String url) {
    public TabSpec {
        Objects.requireNonNull(tabId, "tabId");
        Objects.requireNonNull(url, "url");
    }
}
