package dev.tabrelay.benchmarks.fanout;

import okhttp3.WebSocket;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one sender socket as fast as the window allows, first for a warmup, then for the measured part, and
 * waits until every receiver has accounted for every event. Flow control, the same for the hub and the echo:
 * at most {@code window} events may be ahead of the slowest receiver (when the window is full the sender sleeps
 * until half of it is free), and OkHttp's own send queue is kept under {@link #MAX_CLIENT_QUEUE_BYTES}.
 */
final class Measurement {

    /** OkHttp would buffer up to 16 MiB before failing the socket; never let it get near that. */
    static final long MAX_CLIENT_QUEUE_BYTES = 256 * 1024;
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(15);

    /** Bounds of one phase: whichever of duration or event count comes first. */
    record Phase(long nanos, long maxEvents) {
    }

    /** Raw outcome of one measured part. */
    record Outcome(int receivers, long sent, double sendSeconds, long delivered, double deliverySeconds,
                   long expected, long gaps, long reordered, long droppedNotified, long receiverErrors,
                   boolean drained, LatencySamples.Summary latency, boolean samplesTruncated, int sampleEvery) {

        double sentPerSecond() {
            return sendSeconds <= 0 ? 0 : sent / sendSeconds;
        }

        double deliveredPerSecond() {
            return deliverySeconds <= 0 ? 0 : delivered / deliverySeconds;
        }
    }

    private Measurement() {
    }

    static Outcome run(WebSocket sender, List<Receiver> receivers, FrameSource frames, Phase warmup, Phase measure,
                       int window, LatencySamples samples, int sampleEvery) throws InterruptedException {
        samples.reset();
        Flow flow = new Flow(Thread.currentThread(), samples, sampleEvery);
        receivers.forEach(r -> r.attach(flow));

        long seq = 0;
        long knownMin = 0;
        long now = System.nanoTime();
        long phaseEnd = now + warmup.nanos();
        long phaseEndSeq = warmup.maxEvents();
        boolean measuring = false;
        long measureStart = 0;
        long measureFrom = 0;
        while (true) {
            now = System.nanoTime();
            if (now >= phaseEnd || seq >= phaseEndSeq) {
                if (measuring) {
                    break;
                }
                measuring = true;
                measureFrom = seq;
                measureStart = now;
                flow.measureFromSeq = seq;
                phaseEnd = now + measure.nanos();
                phaseEndSeq = seq + measure.maxEvents();
            }
            if (seq - knownMin >= window) {
                knownMin = minAccounted(receivers);
                if (seq - knownMin >= window) {
                    knownMin = awaitAccounted(flow, receivers, seq - window / 2);
                    continue;
                }
            }
            while (sender.queueSize() > MAX_CLIENT_QUEUE_BYTES) {
                LockSupport.parkNanos(50_000);
            }
            if (!sender.send(frames.consoleLog(seq))) {
                throw new IllegalStateException("the sender's WebSocket refused a frame (closed or queue full)");
            }
            seq++;
        }
        long sendEnd = System.nanoTime();
        long sent = seq - measureFrom;
        boolean drained = true;
        try {
            awaitAccounted(flow, receivers, seq);
        } catch (IllegalStateException e) {
            drained = false; // reported, not hidden
        }

        long delivered = 0;
        long lastDelivery = measureStart;
        long gaps = 0;
        long reordered = 0;
        long droppedNotified = 0;
        long errors = 0;
        for (Receiver r : receivers) {
            r.accounted(); // volatile read first: publishes the plain counters
            delivered += r.measured();
            lastDelivery = Math.max(lastDelivery, r.lastMeasuredNanos());
            gaps += r.gaps();
            reordered += r.reordered();
            droppedNotified += r.droppedNotified();
            errors += r.errorFrames();
        }
        receivers.forEach(r -> r.attach(null));
        return new Outcome(receivers.size(), sent, (sendEnd - measureStart) / 1e9, delivered,
                (lastDelivery - measureStart) / 1e9, sent * receivers.size(), gaps, reordered, droppedNotified,
                errors, drained, samples.summarize(), samples.truncated(), sampleEvery);
    }

    private static long minAccounted(List<Receiver> receivers) {
        long min = Long.MAX_VALUE;
        for (Receiver r : receivers) {
            min = Math.min(min, r.accounted());
        }
        return min;
    }

    /** Sleeps until every receiver accounted for {@code target} events; returns the new minimum. */
    private static long awaitAccounted(Flow flow, List<Receiver> receivers, long target) {
        long started = System.nanoTime();
        flow.resumeAt = target;
        try {
            while (true) {
                long min = minAccounted(receivers);
                if (min >= target) {
                    return min;
                }
                receivers.forEach(Receiver::checkAlive);
                if (System.nanoTime() - started > STALL_NANOS) {
                    throw new IllegalStateException("receivers stalled: slowest accounted for " + min + " of " + target
                            + " events after " + TimeUnit.NANOSECONDS.toSeconds(STALL_NANOS) + " s");
                }
                LockSupport.parkNanos(1_000_000);
            }
        } finally {
            flow.resumeAt = Flow.NOT_WAITING;
        }
    }
}
