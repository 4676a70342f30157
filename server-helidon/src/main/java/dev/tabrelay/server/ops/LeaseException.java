package dev.tabrelay.server.ops;

/** A lease request that cannot be honoured; {@link #code()} goes into the error frame. */
public final class LeaseException extends RuntimeException {

    public static final String REQUIRED = "lease-required";
    public static final String INVALID = "lease-invalid";

    private final String code;

    public LeaseException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
