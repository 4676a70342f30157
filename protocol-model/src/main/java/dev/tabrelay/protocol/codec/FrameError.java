package dev.tabrelay.protocol.codec;

/** Why a frame was refused. The {@link #code()} is what goes into an {@code error} frame. */
public enum FrameError {
    MALFORMED_JSON("malformed-json"),
    MISSING_FIELD("missing-field"),
    WRONG_FIELD_TYPE("wrong-field-type"),
    UNKNOWN_TYPE("unknown-type"),
    STALE_TIMESTAMP("stale-timestamp"),
    TOO_LARGE("too-large"),
    INVALID_VALUE("invalid-value");

    private final String code;

    FrameError(String code) {
        this.code = code;
    }

    /** Stable kebab-case code for the wire. */
    public String code() {
        return code;
    }
}
