package dev.tabrelay.server.connection;

/** What is on the other end of a socket; reported by {@code /health} and {@code /v1/tabs}. */
public enum ConnectionKind {
    EXTENSION("extension", "ext"),
    MCP("mcp", "mcp"),
    /** A remote MCP client of one session ({@code /tunnel/{sessionId}}). */
    TUNNEL("tunnel", "tun"),
    /** An automation (CDP) tool on {@code /ops}. */
    OPS("ops", "ops"),
    /** An annotation client on {@code /annotation}. */
    ANNOTATION("annotation", "ann");

    private final String label;
    private final String idPrefix;

    ConnectionKind(String label, String idPrefix) {
        this.label = label;
        this.idPrefix = idPrefix;
    }

    public String label() {
        return label;
    }

    /** Prefix of the connection ids the relay mints for this kind. */
    public String idPrefix() {
        return idPrefix;
    }

    /** Whether tab events fan out to this kind of client (filtered by its subscription and scope). */
    public boolean receivesEvents() {
        return this == MCP || this == TUNNEL;
    }
}
