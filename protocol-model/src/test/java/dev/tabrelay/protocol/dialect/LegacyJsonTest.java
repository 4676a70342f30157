package dev.tabrelay.protocol.dialect;

import dev.tabrelay.protocol.codec.FrameError;
import dev.tabrelay.protocol.codec.FrameException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LegacyJsonTest {

    private final LegacyJson json = LegacyJson.defaults();

    @Test
    void keepsLargeNumbersExact() throws FrameException {
        LegacyObject frame = json.parseObject("{\"requestId\":9007199254740993}");
        assertEquals(9_007_199_254_740_993L, frame.wholeNumber("requestId"));
    }

    @Test
    void refusesFractionsWhereAWholeNumberIsNeeded() throws FrameException {
        LegacyObject frame = json.parseObject("{\"n\":3.5,\"big\":1e30}");
        assertEquals(FrameError.INVALID_VALUE, assertThrows(FrameException.class, () -> frame.wholeNumber("n")).error());
        assertEquals(FrameError.INVALID_VALUE, assertThrows(FrameException.class, () -> frame.wholeNumber("big")).error());
    }

    @Test
    void acceptsIntegralNumbersWrittenWithAFraction() throws FrameException {
        assertEquals(3L, json.parseObject("{\"n\":3.0}").wholeNumber("n"));
    }

    @Test
    void nullCountsAsAbsent() throws FrameException {
        LegacyObject frame = json.parseObject("{\"a\":null}");
        assertNull(frame.optString("a"));
        FrameException e = assertThrows(FrameException.class, () -> frame.string("a"));
        assertEquals(FrameError.MISSING_FIELD, e.error());
        assertEquals("$.a", e.path());
    }

    @Test
    void namesThePathOfANestedWrongType() throws FrameException {
        LegacyObject frame = json.parseObject("{\"data\":{\"items\":[{\"name\":1}]}}");
        FrameException e = assertThrows(FrameException.class,
                () -> frame.object("data").optObjects("items").get(0).string("name"));
        assertEquals(FrameError.WRONG_FIELD_TYPE, e.error());
        assertEquals("$.data.items[0].name", e.path());
    }

    @Test
    void refusesFramesOverTheLimit() {
        LegacyJson small = LegacyJson.withMaxFrameBytes(16);
        FrameException e = assertThrows(FrameException.class, () -> small.parseObject("{\"type\":\"" + "x".repeat(20) + "\"}"));
        assertEquals(FrameError.TOO_LARGE, e.error());
    }

    @Test
    void refusesDeepNestingAsMalformed() {
        String deep = "{\"a\":".repeat(300) + "1" + "}".repeat(300);
        assertEquals(FrameError.MALFORMED_JSON, assertThrows(FrameException.class, () -> json.parseObject(deep)).error());
    }

    @Test
    void writesNumbersAndLeavesOutNulls() {
        Map<String, Object> frame = LegacyJson.frame("x");
        frame.put("id", 42L);
        frame.put("t", 0.3);
        frame.put("gone", null);
        frame.put("list", List.of(new LinkedHashMap<>(Map.of("k", "v"))));
        assertEquals("{\"type\":\"x\",\"id\":42,\"t\":0.3,\"list\":[{\"k\":\"v\"}]}", json.write(frame));
    }

    @Test
    void decimalIdsBecomeNumbersOthersStayStrings() {
        assertEquals(412L, LegacyJson.numberIfDecimal("412"));
        assertEquals("tab-1", LegacyJson.numberIfDecimal("tab-1"));
        assertEquals("007", LegacyJson.numberIfDecimal("007"));
        assertNull(LegacyJson.parseDecimal("99999999999999999999"));
    }
}
