package dev.tabrelay.conformance.extension;

import dev.tabrelay.simulator.Dialect;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An extension-mode check: runs once per configured extension ({@code tabrelay.extension}) whose dialect can do
 * what it checks. A parameter of type {@link ExtensionUnderTest} is supplied, connected to the relay harness.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@Tag(ExtensionConformanceTest.TAG)
@ExtendWith(ExtensionTargetExtension.class)
public @interface ExtensionConformanceTest {

    /** The tag of every extension check (the runner's --extension selects these). */
    String TAG = "extension";

    /** The dialects that have what this check needs (default: all). */
    Dialect[] dialects() default {Dialect.CANONICAL, Dialect.CHAT_RELAY, Dialect.BROWSER_TOOLS, Dialect.BROWCALL};
}
