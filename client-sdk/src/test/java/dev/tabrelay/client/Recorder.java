package dev.tabrelay.client;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.control.ErrorFrame;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Records every callback of a client (states, errors, events) for assertions that wait without sleeping. */
public final class Recorder implements ConnectionListener, EventListener {

    public final BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
    public final List<ConnectionState> allStates = new CopyOnWriteArrayList<>();
    public final BlockingQueue<ErrorFrame> errors = new LinkedBlockingQueue<>();
    public final BlockingQueue<TabEvent<?>> events = new LinkedBlockingQueue<>();
    public final AtomicInteger concurrent = new AtomicInteger();
    public final AtomicInteger maxConcurrent = new AtomicInteger();

    private void enter() {
        maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
    }

    private void exit() {
        concurrent.decrementAndGet();
    }

    @Override
    public void onStateChanged(ConnectionState state, Throwable cause) {
        enter();
        allStates.add(state);
        states.add(state);
        exit();
    }

    @Override
    public void onError(ErrorFrame error, Message frame) {
        errors.add(error);
    }

    @Override
    public void onEvent(TabEvent<?> event) {
        enter();
        events.add(event);
        exit();
    }

    /** Waits for {@code expected}, skipping other states; fails after 20 s. */
    public void awaitState(ConnectionState expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try {
            while (System.nanoTime() < deadline) {
                ConnectionState s = states.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (s == expected) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("state " + expected + " not reached; saw " + allStates);
    }

    /** The next event of {@code type}, skipping others; fails after 10 s. */
    public TabEvent<?> awaitEvent(String type) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
            while (System.nanoTime() < deadline) {
                TabEvent<?> e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (e != null && e.type().equals(type)) {
                    return e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no " + type + " event within 10 s");
    }
}
