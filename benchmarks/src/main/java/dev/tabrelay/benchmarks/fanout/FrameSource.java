package dev.tabrelay.benchmarks.fanout;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.codec.FrameCodec;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.control.Subscribe;
import dev.tabrelay.protocol.events.ConsoleLog;

import java.util.List;

/**
 * The frames of the load test, built with the protocol's {@link FrameCodec}. Each {@code console-log} carries its
 * sequence number and its send time ({@link System#nanoTime()}, shared clock: same process) inside the message
 * text as {@code #seq=N#sent=T#}, so a receiver can read both without decoding JSON.
 */
final class FrameSource {

    static final String SEQ_MARK = "#seq=";
    static final String SENT_MARK = "#sent=";
    static final String TAB_ID = "tab-bench";
    private static final Metadata METADATA =
            new Metadata(null, "extension", "1.0.0", TAB_ID, "https://bench.example/app");

    private final FrameCodec codec = FrameCodec.defaults();

    /** A fresh console-log frame; its send time is taken here, so encoding counts into the latency. */
    String consoleLog(long seq) {
        long sent = System.nanoTime();
        ConsoleLog log = new ConsoleLog("info", "fanout" + SEQ_MARK + seq + SENT_MARK + sent + "#",
                List.of("fanout", seq), "bench.js:42:8", null);
        return codec.encode(new Message("bench-" + seq, System.currentTimeMillis(), log, METADATA));
    }

    String connectionInit() {
        return codec.encode(Message.of("init-bench", System.currentTimeMillis(), new ConnectionInit("chrome-extension",
                "1.0.0", List.of("console-capture"), "TabRelay fanout benchmark", TAB_ID, null, null, null)));
    }

    String subscribeAll(String id) {
        return codec.encode(Message.of(id, System.currentTimeMillis(), Subscribe.all()));
    }

    /**
     * Reads {@code #seq=N#sent=T#} from a frame's text. Returns false for frames without it (acks, errors).
     * {@code out[0]} = seq, {@code out[1]} = sent nanoTime.
     */
    static boolean parse(String text, long[] out) {
        int i = text.indexOf(SEQ_MARK);
        if (i < 0) {
            return false;
        }
        int p = i + SEQ_MARK.length();
        long seq = 0;
        char c;
        while (p < text.length() && (c = text.charAt(p)) >= '0' && c <= '9') {
            seq = seq * 10 + (c - '0');
            p++;
        }
        if (!text.startsWith(SENT_MARK, p)) {
            return false;
        }
        p += SENT_MARK.length();
        boolean negative = p < text.length() && text.charAt(p) == '-';
        if (negative) {
            p++;
        }
        long sent = 0;
        while (p < text.length() && (c = text.charAt(p)) >= '0' && c <= '9') {
            sent = sent * 10 + (c - '0');
            p++;
        }
        out[0] = seq;
        out[1] = negative ? -sent : sent;
        return true;
    }
}
