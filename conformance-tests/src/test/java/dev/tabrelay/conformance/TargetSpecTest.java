package dev.tabrelay.conformance;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetSpecTest {

    @Test
    void containerIsTheDefault() {
        assertEquals(List.of(new TargetSpec.Container()), TargetSpec.parseList(null));
        assertEquals(List.of(new TargetSpec.Container()), TargetSpec.parseList(" "));
    }

    @Test
    void commaListOfModes() {
        assertEquals(List.of(new TargetSpec.Container(), new TargetSpec.Process(),
                        new TargetSpec.Url(URI.create("http://127.0.0.1:3025"))),
                TargetSpec.parseList("container, process,url=http://127.0.0.1:3025/"));
    }

    @Test
    void mistakesAreExplained() {
        assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse("docker"));
        assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse("url=localhost:3025"));
        assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse("url=ws://localhost:3025"));
    }

    @Test
    void systemPropertyBeatsEnvironment() {
        Properties properties = new Properties();
        properties.setProperty("java.home", "/jdk");
        Map<String, String> env = Map.of("TABRELAY_TARGET", "process", "TABRELAY_REQUIRE_DOCKER", "true");
        SuiteSettings fromEnv = SuiteSettings.from(properties, env);
        assertEquals(List.of(new TargetSpec.Process()), fromEnv.targets());
        assertTrue(fromEnv.requireDocker());
        assertEquals(Path.of("/jdk"), fromEnv.javaHome());

        properties.setProperty("tabrelay.target", "url=http://localhost:9");
        SuiteSettings fromProperty = SuiteSettings.from(properties, Map.of());
        assertEquals(List.of(new TargetSpec.Url(URI.create("http://localhost:9"))), fromProperty.targets());
        assertFalse(fromProperty.requireDocker());
    }

    @Test
    void targetUrisForHttpAndWebSocket() {
        ServerTarget target = new UrlTarget(URI.create("http://localhost:3025"), java.util.Optional.empty());
        assertEquals(URI.create("http://localhost:3025/health"), target.http("/health"));
        assertEquals(URI.create("ws://localhost:3025/extension-ws"), target.ws("/extension-ws"));
    }
}
