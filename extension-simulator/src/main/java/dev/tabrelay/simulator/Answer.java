package dev.tabrelay.simulator;

import dev.tabrelay.client.ChatReply;

/**
 * The reply side of one chat turn, whatever the dialect: the SDK's {@link ChatReply} for canonical tabs, a
 * legacy frame writer for the others. Lets {@link ChatResponder} drive both.
 */
interface Answer {

    boolean complete(String text);

    boolean chunk(String delta);

    boolean finish();

    boolean fail(String error);

    boolean isCancelled();

    /** Runs {@code hook} with the reason when the turn is cancelled (dialects without cancel never call it). */
    void onCancel(java.util.function.Consumer<String> hook);

    static Answer of(ChatReply reply) {
        return new Answer() {
            @Override
            public boolean complete(String text) {
                return reply.complete(text);
            }

            @Override
            public boolean chunk(String delta) {
                return reply.chunk(delta);
            }

            @Override
            public boolean finish() {
                return reply.finish();
            }

            @Override
            public boolean fail(String error) {
                return reply.fail(error, "simulated");
            }

            @Override
            public boolean isCancelled() {
                return reply.isCancelled();
            }

            @Override
            public void onCancel(java.util.function.Consumer<String> hook) {
                reply.onCancel(() -> hook.accept(reply.cancelReason()));
            }
        };
    }
}
