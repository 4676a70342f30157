package dev.tabrelay.protocol.schema;

import com.squareup.moshi.Json;
import dev.tabrelay.protocol.MessageType;
import dev.tabrelay.protocol.Required;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shipped schemas require exactly what the codec requires: primitives and {@link Required} components, by
 * their JSON names. Computed here independently of the generator, so a generator bug cannot hide itself.
 */
class RequiredFieldsMatchModelTest {

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void dataRequiresThePayloadsRequiredComponents(MessageType type) {
        Map<String, Object> schema = SchemaTrees.object(ProtocolSchemas.load(type));
        Map<String, Object> data = SchemaTrees.at(schema, "properties", "data");

        List<String> expected = requiredNames(type.payloadType());
        assertEquals(expected, SchemaTrees.required(data));
        assertEquals(!expected.isEmpty(), SchemaTrees.required(schema).contains("data"),
                "the frame must require data exactly when the payload has required fields");
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void nestedRecordsRequireTheirRequiredComponents(MessageType type) {
        Map<String, Object> defs = SchemaTrees.at(SchemaTrees.object(ProtocolSchemas.load(type)), "$defs");
        for (Class<?> nested : nestedRecords(type.payloadType(), new ArrayList<>())) {
            Map<String, Object> def = SchemaTrees.at(defs, nested.getSimpleName());
            assertEquals(requiredNames(nested), SchemaTrees.required(def), nested.getName());
        }
    }

    private static List<String> requiredNames(Class<?> record) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            if (component.getType().isPrimitive() || component.isAnnotationPresent(Required.class)) {
                Json json = component.getAnnotation(Json.class);
                names.add(json != null ? json.name() : component.getName());
            }
        }
        return names;
    }

    /** Records reachable from a record's components, directly or as list/map elements. */
    private static List<Class<?>> nestedRecords(Class<?> record, List<Class<?>> seen) {
        for (RecordComponent component : record.getRecordComponents()) {
            for (Class<?> candidate : mentionedClasses(component.getGenericType())) {
                if (candidate.isRecord() && !seen.contains(candidate)) {
                    seen.add(candidate);
                    nestedRecords(candidate, seen);
                }
            }
        }
        return seen;
    }

    private static List<Class<?>> mentionedClasses(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            List<Class<?>> classes = new ArrayList<>();
            for (Type argument : parameterized.getActualTypeArguments()) {
                classes.addAll(mentionedClasses(argument));
            }
            return classes;
        }
        return type instanceof Class<?> raw ? List.of(raw) : List.of();
    }
}
