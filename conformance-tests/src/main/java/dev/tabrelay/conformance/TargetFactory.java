package dev.tabrelay.conformance;

import java.time.Duration;

/** Starts the server a {@link TargetSpec} names. */
final class TargetFactory {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    private TargetFactory() {
    }

    static ServerTarget start(TargetSpec spec, SuiteSettings settings) {
        return switch (spec) {
            case TargetSpec.Container c -> ContainerTarget.start(settings.image()
                    .orElseGet(() -> ServerImage.server().resolve(settings.dockerContext())), settings, STARTUP);
            case TargetSpec.Process p -> ProcessTarget.start(settings, STARTUP);
            case TargetSpec.Url url -> new UrlTarget(url.base(), settings.token());
        };
    }
}
