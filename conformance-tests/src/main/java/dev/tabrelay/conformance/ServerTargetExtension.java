package dev.tabrelay.conformance;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.List;
import java.util.stream.Stream;

/**
 * Turns each {@link ConformanceTest} into one invocation per target. Started targets (and the shared HTTP client)
 * live in the root store: one per run, closed by JUnit when the run ends.
 */
public final class ServerTargetExtension implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ServerTargetExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, ConformanceTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return settings(context).targets().stream().map(Invocation::new);
    }

    static SuiteSettings settings(ExtensionContext context) {
        return store(context).getOrComputeIfAbsent(SuiteSettings.class,
                k -> SuiteSettings.from(context::getConfigurationParameter, System.getenv()), SuiteSettings.class);
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE);
    }

    /** Starts (once) or returns the target of this spec; container mode first asks the Docker gate. */
    static ServerTarget acquire(ExtensionContext context, TargetSpec spec) {
        SuiteSettings settings = settings(context);
        if (spec instanceof TargetSpec.Container) {
            new DockerGate(settings.requireDocker()).check();
        }
        return store(context).getOrComputeIfAbsent(spec,
                s -> StartedTarget.start(spec, () -> TargetFactory.start(spec, settings)), StartedTarget.class).target();
    }

    static SharedHttp http(ExtensionContext context) {
        return store(context).getOrComputeIfAbsent(SharedHttp.class, k -> new SharedHttp(), SharedHttp.class);
    }

    /** Named "[mode]" so reports say which target failed (failsafe prints "method(...) [container]"). */
    private record Invocation(TargetSpec spec) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + spec.mode() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new TargetResolver(spec));
        }
    }

    /** Starts the target before the test (so a missing Docker skips or fails it there) and injects it. */
    private record TargetResolver(TargetSpec spec) implements BeforeEachCallback, ParameterResolver {
        @Override
        public void beforeEach(ExtensionContext context) {
            acquire(context, spec);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == ServerTarget.class || type == RelayClient.class || type == SuiteSettings.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            if (parameter.getParameter().getType() == SuiteSettings.class) {
                return settings(context);
            }
            ServerTarget target = acquire(context, spec);
            return parameter.getParameter().getType() == ServerTarget.class
                    ? target : new RelayClient(target, http(context).client());
        }
    }
}
