package dev.tabrelay.protocol.codec;

import dev.tabrelay.protocol.Required;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks {@link Required} components of a decoded record tree. Moshi gives {@code null} for a missing
 * reference component; this turns that into a {@link FrameError#MISSING_FIELD} naming the exact path.
 * Per-class plans are computed once per codec.
 */
final class RequiredFields {

    private record Check(String name, java.lang.invoke.MethodHandle accessor, boolean required, boolean nested) {
    }

    private static final java.lang.invoke.MethodType ACCESSOR_TYPE =
            java.lang.invoke.MethodType.methodType(Object.class, Object.class);

    private final Map<Class<?>, List<Check>> plans = new ConcurrentHashMap<>();

    void check(Object value, String path) throws FrameException {
        // Fast path: no path strings are built for a valid tree; only a failing one is walked again to
        // produce the exact error.
        if (!complete(value)) {
            report(value, path);
        }
    }

    /** True when no required component anywhere in the tree is null. */
    private boolean complete(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                if (item != null && item.getClass().isRecord() && !complete(item)) {
                    return false;
                }
            }
            return true;
        }
        if (!value.getClass().isRecord()) {
            return true;
        }
        for (Check check : plans.computeIfAbsent(value.getClass(), RequiredFields::plan)) {
            Object component = read(check, value);
            if (component == null) {
                if (check.required()) {
                    return false;
                }
            } else if (check.nested() && !complete(component)) {
                return false;
            }
        }
        return true;
    }

    /** The original walk, which names the path of the first missing component. */
    private void report(Object value, String path) throws FrameException {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                if (item != null && item.getClass().isRecord()) {
                    report(item, path + "[" + index + "]");
                }
                index++;
            }
            return;
        }
        if (!value.getClass().isRecord()) {
            return;
        }
        for (Check check : plans.computeIfAbsent(value.getClass(), RequiredFields::plan)) {
            Object component = read(check, value);
            String componentPath = path + "." + check.name();
            if (component == null) {
                if (check.required()) {
                    throw new FrameException(FrameError.MISSING_FIELD,
                            "missing required field '" + componentPath.substring(2) + "'", componentPath, null);
                }
            } else if (check.nested()) {
                report(component, componentPath);
            }
        }
    }

    private static Object read(Check check, Object record) {
        try {
            return (Object) check.accessor().invokeExact(record);
        } catch (Throwable e) {
            throw new IllegalStateException("record accessor failed: " + check.name(), e);
        }
    }

    private static List<Check> plan(Class<?> type) {
        List<Check> checks = new ArrayList<>();
        java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.publicLookup();
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> componentType = component.getType();
            if (componentType.isPrimitive()) {
                continue; // Moshi already refuses a missing primitive
            }
            boolean required = component.isAnnotationPresent(Required.class);
            boolean nested = componentType.isRecord() || Collection.class.isAssignableFrom(componentType);
            if (!required && !nested) {
                continue;
            }
            try {
                checks.add(new Check(component.getName(),
                        lookup.unreflect(component.getAccessor()).asType(ACCESSOR_TYPE), required, nested));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("payload records must be public: " + type.getName(), e);
            }
        }
        return List.copyOf(checks);
    }
}
