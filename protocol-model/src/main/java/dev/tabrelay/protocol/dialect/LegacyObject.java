package dev.tabrelay.protocol.dialect;

import dev.tabrelay.protocol.codec.FrameError;
import dev.tabrelay.protocol.codec.FrameException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A typed, read-only view of one parsed legacy JSON object. Every accessor reports a wrong or missing value
 * as a {@link FrameException} naming the JSON path, so mapping code never sees a ClassCastException.
 * A JSON {@code null} counts as absent.
 *
 * @param fields the object's members (numbers are {@link BigDecimal})
 * @param path   JSON path of this object, {@code $} for the frame itself
 */
public record LegacyObject(Map<String, Object> fields, String path) {

    public boolean has(String name) {
        return fields.get(name) != null;
    }

    public String string(String name) throws FrameException {
        return required(name, optString(name));
    }

    public String optString(String name) throws FrameException {
        Object value = fields.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw wrongType(name, "a string", value);
    }

    public long wholeNumber(String name) throws FrameException {
        return required(name, optWholeNumber(name));
    }

    public Long optWholeNumber(String name) throws FrameException {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof BigDecimal number)) {
            throw wrongType(name, "a whole number", value);
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw new FrameException(FrameError.INVALID_VALUE,
                    "'" + at(name) + "' must be a whole number that fits in 64 bits, but is " + number, at(name), null);
        }
    }

    public Integer optInt(String name) throws FrameException {
        Long value = optWholeNumber(name);
        if (value == null) {
            return null;
        }
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new FrameException(FrameError.INVALID_VALUE,
                    "'" + at(name) + "' is out of range: " + value, at(name), null);
        }
        return value.intValue();
    }

    public double number(String name) throws FrameException {
        return required(name, optNumber(name));
    }

    public Double optNumber(String name) throws FrameException {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal number) {
            return number.doubleValue();
        }
        throw wrongType(name, "a number", value);
    }

    public Boolean optBoolean(String name) throws FrameException {
        Object value = fields.get(name);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        throw wrongType(name, "a boolean", value);
    }

    /** An id the legacy peer sends as a number (Chrome tab ids) or a string; always a string here. */
    public String optId(String name) throws FrameException {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof BigDecimal) {
            return Long.toString(optWholeNumber(name));
        }
        throw wrongType(name, "a number or a string", value);
    }

    public LegacyObject object(String name) throws FrameException {
        return required(name, optObject(name));
    }

    public LegacyObject optObject(String name) throws FrameException {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> members = (Map<String, Object>) map;
            return new LegacyObject(members, at(name));
        }
        throw wrongType(name, "an object", value);
    }

    /** A list of raw JSON values (numbers stay {@link BigDecimal}). */
    public List<Object> optList(String name) throws FrameException {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        throw wrongType(name, "an array", value);
    }

    /** A list whose items must all be objects. */
    public List<LegacyObject> optObjects(String name) throws FrameException {
        List<Object> items = optList(name);
        if (items == null) {
            return null;
        }
        List<LegacyObject> objects = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String itemPath = at(name) + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> map)) {
                throw new FrameException(FrameError.WRONG_FIELD_TYPE,
                        "'" + itemPath + "' must be an object, but is " + describe(items.get(i)), itemPath, null);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> members = (Map<String, Object>) map;
            objects.add(new LegacyObject(members, itemPath));
        }
        return objects;
    }

    /** The raw member as parsed, or {@code null}. */
    public Object raw(String name) {
        return fields.get(name);
    }

    /** The error for a {@code type} this dialect direction does not know. */
    public FrameException unknownType(String dialect, String type) {
        return new FrameException(FrameError.UNKNOWN_TYPE,
                "unknown " + dialect + " frame type '" + type + "'", at("type"), null);
    }

    /** The JSON path of a member of this object. */
    public String at(String name) {
        return path + "." + name;
    }

    private <T> T required(String name, T value) throws FrameException {
        if (value == null) {
            throw new FrameException(FrameError.MISSING_FIELD, "missing required field '" + at(name) + "'", at(name), null);
        }
        return value;
    }

    private FrameException wrongType(String name, String expected, Object value) {
        return new FrameException(FrameError.WRONG_FIELD_TYPE,
                "'" + at(name) + "' must be " + expected + ", but is " + describe(value), at(name), null);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof BigDecimal) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        return "an object";
    }
}
