package dev.tabrelay.server.security;

import java.util.Locale;

/** Host names as the policy compares them: lower case, no port, IPv6 without brackets. */
public final class Hosts {

    private Hosts() {
    }

    /** The host part of a {@code Host} header ({@code [::1]:3025} gives {@code ::1}); null for null or blank. */
    public static String hostOf(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(1, end);
        }
        int colon = value.indexOf(':');
        if (colon >= 0 && colon == value.lastIndexOf(':')) {
            return value.substring(0, colon);
        }
        return value; // a bare IPv6 literal, or no port
    }

    /** A configured host name, normalised the same way ({@code [::1]} and {@code ::1} are one host). */
    public static String normalise(String name) {
        String value = name.strip().toLowerCase(Locale.ROOT);
        return value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
    }

    /**
     * Whether a bind address is loopback, judged without DNS: {@code localhost}, {@code 127.x.x.x}, {@code ::1}.
     * Any other name counts as non-loopback (the safe side).
     */
    public static boolean isLoopbackBind(String host) {
        String h = normalise(host);
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
