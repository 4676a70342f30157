package dev.tabrelay.client.http;

/**
 * A {@code POST /v1/admin/update-settings} body (Chat Relay shape); null fields are left unchanged.
 *
 * @param newRequestBehavior {@code queue} or {@code drop}: what happens to a chat request while every tab is busy
 */
public record SettingsUpdate(Long requestTimeoutMs, Integer port, String newRequestBehavior, Boolean autoKillPort) {

    public static SettingsUpdate none() {
        return new SettingsUpdate(null, null, null, null);
    }

    public SettingsUpdate withRequestTimeoutMs(long value) {
        return new SettingsUpdate(value, port, newRequestBehavior, autoKillPort);
    }

    public SettingsUpdate withPort(int value) {
        return new SettingsUpdate(requestTimeoutMs, value, newRequestBehavior, autoKillPort);
    }

    public SettingsUpdate withNewRequestBehavior(String value) {
        return new SettingsUpdate(requestTimeoutMs, port, value, autoKillPort);
    }
}
