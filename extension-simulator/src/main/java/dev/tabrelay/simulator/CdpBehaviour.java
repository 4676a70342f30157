package dev.tabrelay.simulator;

import dev.tabrelay.client.ExtensionClient;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.ops.AnnotationCommand;
import dev.tabrelay.protocol.ops.CdpCommand;
import dev.tabrelay.protocol.ops.CdpEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated tab's DevTools: enough CDP to drive the relay's ops path without a browser. It answers
 * {@code Browser.getVersion}, {@code Runtime.evaluate} of integer arithmetic and string literals,
 * {@code Target.attachToTarget} (a flat session id, announced with {@code Target.attachedToTarget}),
 * {@code Target.detachFromTarget}, {@code Page.navigate} (with {@code Page.frameNavigated}) and any
 * {@code *.enable}; anything else is a CDP "method not found" error. Annotation {@code start} answers ok.
 */
final class CdpBehaviour {

    private static final Pattern ARITHMETIC = Pattern.compile("\\s*(-?\\d+)\\s*([-+*/])\\s*(-?\\d+)\\s*");
    private static final Pattern LITERAL = Pattern.compile("\\s*(-?\\d+|'[^']*'|\"[^\"]*\")\\s*");

    private final TabSpec tab;
    private final Supplier<ExtensionClient> client;
    private final Output out;
    private final AtomicInteger sessions = new AtomicInteger();

    CdpBehaviour(TabSpec tab, Supplier<ExtensionClient> client, Output out) {
        this.tab = tab;
        this.client = client;
        this.out = out;
    }

    Map<String, Object> execute(CdpCommand command) {
        out.line(tab.tabId(), "cdp " + command.method() + (command.sessionId() == null ? "" : " session=" + command.sessionId()));
        Map<String, Object> params = command.params() == null ? Map.of() : command.params();
        return switch (command.method()) {
            case "Browser.getVersion" -> Map.of("protocolVersion", "1.3", "product", "TabRelaySimulator/1.0",
                    "userAgent", "TabRelay extension-simulator", "jsVersion", "0");
            case "Runtime.evaluate" -> evaluate(String.valueOf(params.getOrDefault("expression", "")));
            case "Target.attachToTarget" -> attach(params, command.sessionId());
            case "Target.detachFromTarget" -> {
                emit(new CdpEvent("Target.detachedFromTarget", Map.of("sessionId",
                        String.valueOf(params.getOrDefault("sessionId", ""))), command.sessionId()));
                yield Map.of();
            }
            case "Page.navigate" -> {
                String url = String.valueOf(params.getOrDefault("url", tab.url()));
                emit(new CdpEvent("Page.frameNavigated", Map.of("frame", Map.of("id", "frame-" + tab.tabId(),
                        "url", url)), command.sessionId()));
                yield Map.of("frameId", "frame-" + tab.tabId());
            }
            default -> {
                if (command.method().endsWith(".enable") || command.method().endsWith(".disable")) {
                    yield Map.of();
                }
                throw new IllegalArgumentException("'" + command.method() + "' wasn't found");
            }
        };
    }

    Map<String, Object> annotate(AnnotationCommand command) {
        out.line(tab.tabId(), "annotation " + command.command());
        return switch (command.command()) {
            case "start", "fetch_stored" -> Map.of("url", tab.url(), "screenshotMode", "visible",
                    "annotations", List.of(Map.of("selector", "#main", "note", "simulated annotation")));
            case "cancel" -> Map.of("cancelled", true);
            default -> throw new IllegalArgumentException("annotation command " + command.command() + " is not supported");
        };
    }

    private Map<String, Object> evaluate(String expression) {
        Matcher arithmetic = ARITHMETIC.matcher(expression);
        Object value;
        if (arithmetic.matches()) {
            long a = Long.parseLong(arithmetic.group(1));
            long b = Long.parseLong(arithmetic.group(3));
            value = switch (arithmetic.group(2)) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                default -> {
                    if (b == 0) {
                        throw new ArithmeticException("division by zero");
                    }
                    yield a / b;
                }
            };
        } else {
            Matcher literal = LITERAL.matcher(expression);
            if (!literal.matches()) {
                return Map.of("result", Map.of("type", "undefined"), "exceptionDetails",
                        Map.of("text", "the simulator evaluates integer arithmetic and literals only"));
            }
            String text = literal.group(1);
            value = Character.isDigit(text.charAt(text.length() - 1)) ? Long.parseLong(text) : text.substring(1, text.length() - 1);
        }
        emit(new CdpEvent("Runtime.consoleAPICalled", Map.of("type", "log",
                "args", List.of(Map.of("type", "string", "value", "evaluated " + expression))), null));
        return Map.of("result", Map.of("type", value instanceof String ? "string" : "number", "value", value));
    }

    private Map<String, Object> attach(Map<String, Object> params, String parent) {
        String sessionId = "sim-" + tab.tabId() + "-s" + sessions.incrementAndGet();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("targetId", String.valueOf(params.getOrDefault("targetId", "target-" + tab.tabId())));
        info.put("type", "page");
        info.put("url", tab.url());
        info.put("attached", true);
        emit(new CdpEvent("Target.attachedToTarget", Map.of("sessionId", sessionId, "targetInfo", info,
                "waitingForDebugger", false), parent));
        return Map.of("sessionId", sessionId);
    }

    private void emit(CdpEvent event) {
        ExtensionClient current = client.get();
        if (current != null) {
            current.publish(event, new Metadata(null, "extension", null, tab.tabId(), tab.url()));
        }
    }
}
