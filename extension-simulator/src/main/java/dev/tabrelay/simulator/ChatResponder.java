package dev.tabrelay.simulator;

import dev.tabrelay.client.ChatHandler;
import dev.tabrelay.client.ChatReply;
import dev.tabrelay.client.ChatRequest;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Answers one tab's chat turns as its {@link ChatBehaviour} says, on the simulator's scheduler. */
final class ChatResponder implements ChatHandler {

    private final String tabId;
    private final ChatBehaviour behaviour;
    private final long replyDelayMillis;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong turns;
    private final Stats stats;
    private final Output out;

    ChatResponder(String tabId, ChatBehaviour behaviour, long replyDelayMillis, ScheduledExecutorService scheduler,
                  AtomicLong turns, Stats stats, Output out) {
        this.tabId = tabId;
        this.behaviour = behaviour;
        this.replyDelayMillis = replyDelayMillis;
        this.scheduler = scheduler;
        this.turns = turns;
        this.stats = stats;
        this.out = out;
    }

    @Override
    public void onChat(ChatRequest request, ChatReply reply) {
        answer(request.requestId(), request.prompt(), Answer.of(reply));
    }

    /** Answers one turn; legacy dialects call this directly with their own {@link Answer}. */
    void answer(String requestId, String prompt, Answer reply) {
        long turn = turns.getAndIncrement();
        // Each event is logged before it is counted: whoever sees a count (a test polling the summary) finds its line.
        out.line(tabId, "chat " + requestId + " prompt=" + quote(prompt));
        stats.chatTurns.incrementAndGet();
        reply.onCancel(reason -> {
            out.line(tabId, "chat " + requestId + " cancelled (" + reason + ")");
            stats.chatCancelled.incrementAndGet();
        });
        switch (behaviour.mode()) {
            case SILENT -> out.line(tabId, "chat " + requestId + " left unanswered (silent)");
            case ERROR -> later(replyDelayMillis, () -> {
                reply.fail(behaviour.answers().get(0));
                out.line(tabId, "chat " + requestId + " failed: " + behaviour.answers().get(0));
                stats.chatErrors.incrementAndGet();
            });
            default -> send(requestId, reply, behaviour.answer(prompt, turn));
        }
    }

    private void send(String requestId, Answer reply, String text) {
        if (behaviour.chunks() == 1) {
            later(replyDelayMillis, () -> {
                reply.complete(text);
                out.line(tabId, "chat " + requestId + " answered " + quote(text));
            });
            return;
        }
        List<String> parts = ChatBehaviour.split(text, behaviour.chunks());
        long step = behaviour.chunkDelay().toMillis();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            int index = i;
            later(replyDelayMillis + step * i, () -> {
                if (!reply.isCancelled() && reply.chunk(part)) {
                    out.line(tabId, "chat " + requestId + " chunk " + (index + 1) + "/" + parts.size()
                            + " " + quote(part));
                    stats.chatChunks.incrementAndGet();
                }
            });
        }
        later(replyDelayMillis + step * parts.size(), () -> {
            if (!reply.isCancelled()) {
                reply.finish();
                out.line(tabId, "chat " + requestId + " finished");
            }
        });
    }

    // Ordering of delayed steps matters for streams: a single-threaded scheduler runs equal-time tasks in order.
    private void later(long delayMillis, Runnable step) {
        scheduler.schedule(() -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                out.line(tabId, "chat step failed: " + e.getMessage());
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    static String quote(String text) {
        String flat = text.replace("\n", "\\n");
        return "\"" + (flat.length() > 60 ? flat.substring(0, 57) + "..." : flat) + "\"";
    }
}
