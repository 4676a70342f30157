package dev.tabrelay.benchmarks;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.io.IOException;
import java.nio.file.Path;

/** {@code --prof jfr} for the load-generator scenarios: one in-process JFR recording ("profile" settings). */
public final class Profiling {

    private Profiling() {
    }

    public static Recording start(String scenario) throws Exception {
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setName(scenario);
        recording.start();
        return recording;
    }

    /** Stops the recording and dumps it to {@code $TMPDIR/<scenario>-<millis>.jfr}; prints where. */
    public static void stop(Recording recording, String scenario) throws IOException {
        recording.stop();
        Path file = Path.of(System.getProperty("java.io.tmpdir"), scenario + "-" + System.currentTimeMillis() + ".jfr");
        recording.dump(file);
        recording.close();
        System.out.println("JFR recording: " + file + "  (jfr print --events jdk.ExecutionSample " + file + ")");
    }
}
