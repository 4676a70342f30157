package dev.tabrelay.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A comma list of specs ({@code container,process}, {@code simulator=canonical,...}): blank means the fallback. */
public final class SpecList {

    private SpecList() {
    }

    public static <T> List<T> parse(String value, T fallback, Function<String, T> parseOne) {
        List<T> specs = new ArrayList<>();
        if (value == null || value.isBlank()) {
            specs.add(fallback);
            return specs;
        }
        for (String part : value.split(",")) {
            String entry = part.trim();
            if (!entry.isEmpty()) {
                specs.add(parseOne.apply(entry));
            }
        }
        return specs;
    }
}
