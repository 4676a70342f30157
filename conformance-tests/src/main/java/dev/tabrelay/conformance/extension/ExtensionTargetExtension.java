package dev.tabrelay.conformance.extension;

import dev.tabrelay.conformance.SuiteSettings;
import dev.tabrelay.simulator.Dialect;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns each {@link ExtensionConformanceTest} into one invocation per configured extension whose (known) dialect the
 * check applies to. Extensions are started and connected once per run, in the root store, closed when it ends.
 * A third-party extension's dialect is known only once it connects: checks it cannot do are skipped with a reason.
 */
public final class ExtensionTargetExtension implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ExtensionTargetExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, ExtensionConformanceTest.class)).orElse(false);
    }

    @Override
    public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
        return true; // e.g. only Chat Relay extensions configured: no screenshot check to run
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Set<Dialect> dialects = dialects(context);
        return settings(context).extensions().stream()
                .filter(spec -> spec.dialect().map(dialects::contains).orElse(true))
                .map(Invocation::new);
    }

    private static Set<Dialect> dialects(ExtensionContext context) {
        return context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, ExtensionConformanceTest.class))
                .map(a -> Set.of(a.dialects())).orElse(Set.of(Dialect.values()));
    }

    private static SuiteSettings settings(ExtensionContext context) {
        return store(context).getOrComputeIfAbsent(SuiteSettings.class,
                k -> SuiteSettings.from(context::getConfigurationParameter, System.getenv()), SuiteSettings.class);
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE);
    }

    static ExtensionUnderTest acquire(ExtensionContext context, ExtensionSpec spec) {
        SuiteSettings settings = settings(context);
        return store(context).getOrComputeIfAbsent(spec,
                s -> Started.start(spec, settings), Started.class).extension();
    }

    /** The outcome of starting one extension, remembered so a broken one fails every check fast. */
    private record Started(ExtensionUnderTest value, RuntimeException failure)
            implements ExtensionContext.Store.CloseableResource {
        static Started start(ExtensionSpec spec, SuiteSettings settings) {
            try {
                return new Started(ExtensionUnderTest.start(spec, settings), null);
            } catch (RuntimeException e) {
                return new Started(null, e);
            }
        }

        ExtensionUnderTest extension() {
            if (failure != null) {
                throw new IllegalStateException("the extension could not be started or did not connect: "
                        + failure.getMessage(), failure);
            }
            return value;
        }

        @Override
        public void close() {
            if (value != null) {
                value.close();
            }
        }
    }

    /** Named "[simulator canonical]" etc. so reports say which extension failed. */
    private record Invocation(ExtensionSpec spec) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + spec.label() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new Resolver(spec));
        }
    }

    /** Connects (once) before the test, skips a check the connected dialect cannot do, injects the extension. */
    private record Resolver(ExtensionSpec spec) implements BeforeEachCallback, ParameterResolver {
        @Override
        public void beforeEach(ExtensionContext context) {
            ExtensionUnderTest extension = acquire(context, spec);
            Set<Dialect> dialects = dialects(context);
            Assumptions.assumeTrue(dialects.contains(extension.dialect()), () -> "the " + extension.dialect().cliName()
                    + " dialect has nothing to check here (only " + dialects + ")");
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ExtensionUnderTest.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return acquire(context, spec);
        }
    }
}
