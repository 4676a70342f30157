package dev.tabrelay.simulator;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/** Writes one line per thing the simulator does, with a time and the tab it concerns. */
final class Output {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final Consumer<String> sink;

    Output(Consumer<String> sink) {
        this.sink = sink;
    }

    void line(String tabId, String what) {
        String text = LocalTime.now().format(TIME) + " " + (tabId == null ? "-" : tabId) + " " + what;
        // Callers are several threads; the sink (System.out or a test's list) sees whole lines.
        synchronized (this) {
            sink.accept(text);
        }
    }
}
