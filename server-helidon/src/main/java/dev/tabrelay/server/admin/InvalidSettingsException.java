package dev.tabrelay.server.admin;

import java.util.List;

/** Settings that fail validation; each reason names the field and what is wrong with it. */
public final class InvalidSettingsException extends RuntimeException {

    private final List<String> reasons;

    public InvalidSettingsException(List<String> reasons) {
        super(String.join("; ", reasons), null, false, false);
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
