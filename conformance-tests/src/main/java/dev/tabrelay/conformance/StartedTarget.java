package dev.tabrelay.conformance;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Supplier;

/** The outcome of starting one target, remembered so a broken target fails every test fast instead of restarting. */
final class StartedTarget implements ExtensionContext.Store.CloseableResource {

    private final TargetSpec spec;
    private final ServerTarget target;
    private final RuntimeException failure;

    private StartedTarget(TargetSpec spec, ServerTarget target, RuntimeException failure) {
        this.spec = spec;
        this.target = target;
        this.failure = failure;
    }

    static StartedTarget start(TargetSpec spec, Supplier<ServerTarget> starter) {
        try {
            ServerTarget target = starter.get();
            System.err.println("conformance: " + spec.mode() + " target ready: " + target);
            return new StartedTarget(spec, target, null);
        } catch (RuntimeException e) {
            return new StartedTarget(spec, null, e);
        }
    }

    ServerTarget target() {
        if (failure != null) {
            throw new IllegalStateException("the " + spec.mode() + " target could not be started: " + failure.getMessage(), failure);
        }
        return target;
    }

    @Override
    public void close() {
        if (target != null) {
            target.close();
        }
    }
}
