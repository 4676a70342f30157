package dev.tabrelay.simulator;

/**
 * Opens a ConnectWindow session for each tab on connect, as the extension's popup does (seed 000): a
 * {@code NewSession} with the ports of the API ({@code gpt-auto-api}, 8766) and of the WebSocket bridge (8765).
 */
public record ConnectWindow(int apiPort, int socketPort) {

    public static ConnectWindow defaults() {
        return new ConnectWindow(8766, 8765);
    }

    /** Parses {@code API:SOCKET}, e.g. {@code 8766:8765}. */
    public static ConnectWindow parse(String spec) {
        String[] parts = spec.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--connect-window wants API_PORT:SOCKET_PORT, e.g. 8766:8765");
        }
        return new ConnectWindow(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }
}
