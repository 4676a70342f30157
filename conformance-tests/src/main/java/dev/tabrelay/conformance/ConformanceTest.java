package dev.tabrelay.conformance;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A conformance check: runs once per configured target ({@code tabrelay.target}, e.g. {@code [container]} and
 * {@code [process]}). Parameters of type {@link ServerTarget} and {@link RelayClient} are supplied; the targets
 * are started once per test run and shared by every suite.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@Tag(ConformanceTest.TAG)
@ExtendWith(ServerTargetExtension.class)
public @interface ConformanceTest {

    /** The tag of every server check (the runner's --target selects these). */
    String TAG = "server";
}
