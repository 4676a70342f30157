package dev.tabrelay.benchmarks.chat;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MachineTicksTest {

    @Test
    void readsTheFirstEightFieldsAsTotalAndTheEighthAsSteal() {
        MachineTicks ticks = MachineTicks.parse("cpu  100 5 50 800 10 2 3 30 7 0");
        assertEquals(1000, ticks.total()); // guest (7) is already inside user
        assertEquals(30, ticks.stolen());
    }

    @Test
    void anOlderKernelWithoutStealReadsZeroSteal() {
        MachineTicks ticks = MachineTicks.parse("cpu 10 0 10 80 0 0 0");
        assertEquals(100, ticks.total());
        assertEquals(0, ticks.stolen());
    }

    @Test
    void aLineThatIsNotTheCpuTotalReadsAsNone() {
        assertEquals(MachineTicks.NONE, MachineTicks.parse("intr 1 2 3 4 5 6"));
        assertEquals(MachineTicks.NONE, MachineTicks.parse("cpu 1 x 3 4 5"));
        assertEquals(MachineTicks.NONE, MachineTicks.parse(""));
    }

    @Test
    void stealShareIsOfTheDifferenceBetweenTwoReadings() {
        MachineTicks before = MachineTicks.parse("cpu 100 0 0 100 0 0 0 0");
        MachineTicks after = MachineTicks.parse("cpu 150 0 0 130 0 0 0 20");
        assertEquals(0.2, after.minus(before).stealShare(), 1e-9);
        assertEquals(0, MachineTicks.NONE.stealShare());
    }
}
