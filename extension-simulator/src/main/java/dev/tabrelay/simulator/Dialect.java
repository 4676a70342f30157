package dev.tabrelay.simulator;

import java.util.Arrays;

/** The wire format a simulated extension speaks. */
public enum Dialect {
    CANONICAL("canonical"), CHAT_RELAY("chat-relay"), BROWSER_TOOLS("browser-tools"), BROWCALL("browcall");

    private final String cliName;

    Dialect(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static Dialect parse(String name) {
        return Arrays.stream(values()).filter(d -> d.cliName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown dialect '" + name
                        + "' (canonical, chat-relay, browser-tools, browcall)"));
    }
}
