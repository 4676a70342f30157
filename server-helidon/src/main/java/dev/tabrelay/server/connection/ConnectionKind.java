package dev.tabrelay.server.connection;

/** What is on the other end of a socket; reported by {@code /health} and {@code /v1/tabs}. */
public enum ConnectionKind {
    EXTENSION("extension"),
    MCP("mcp");

    private final String label;

    ConnectionKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
