package dev.tabrelay.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a simulated tab answers chat turns. {@code chunks > 1} streams the answer in that many pieces with
 * {@code chunkDelay} between them; {@code chunks == 1} answers whole.
 *
 * @param answers the fixed text (one element), the file's lines (cycled), or the error message
 */
public record ChatBehaviour(Mode mode, List<String> answers, int chunks, Duration chunkDelay) {

    public enum Mode { ECHO, FIXED, FILE, ERROR, SILENT }

    public ChatBehaviour {
        Objects.requireNonNull(mode, "mode");
        answers = List.copyOf(answers);
        if (chunks < 1) {
            throw new IllegalArgumentException("chunks must be at least 1");
        }
        chunkDelay = chunkDelay == null ? Duration.ZERO : chunkDelay;
        if ((mode == Mode.FILE || mode == Mode.FIXED || mode == Mode.ERROR) && answers.isEmpty()) {
            throw new IllegalArgumentException(mode + " needs at least one answer");
        }
    }

    /** Answers with "echo: " and the prompt. */
    public static ChatBehaviour echo() {
        return new ChatBehaviour(Mode.ECHO, List.of(), 1, Duration.ZERO);
    }

    public static ChatBehaviour fixed(String text) {
        return new ChatBehaviour(Mode.FIXED, List.of(text), 1, Duration.ZERO);
    }

    /** Answers with the file's non-empty lines, one per turn, in order and then again from the top. */
    public static ChatBehaviour fromFile(Path file) {
        try {
            List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
            if (lines.isEmpty()) {
                throw new IllegalArgumentException(file + " has no answers (one non-empty line per answer)");
            }
            return new ChatBehaviour(Mode.FILE, lines, 1, Duration.ZERO);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read answers from " + file, e);
        }
    }

    /** Echo, streamed in {@code n} chunks {@code delay} apart. */
    public static ChatBehaviour streamed(int n, Duration delay) {
        return echo().inChunks(n, delay);
    }

    /** Fails every turn with CHAT_RESPONSE_ERROR. */
    public static ChatBehaviour error(String message) {
        return new ChatBehaviour(Mode.ERROR, List.of(message), 1, Duration.ZERO);
    }

    /** Never answers: the relay times the turn out (504) and sends CANCEL_CHAT. */
    public static ChatBehaviour silent() {
        return new ChatBehaviour(Mode.SILENT, List.of(), 1, Duration.ZERO);
    }

    /** The same answers, streamed in {@code n} chunks {@code delay} apart. */
    public ChatBehaviour inChunks(int n, Duration delay) {
        return new ChatBehaviour(mode, answers, n, delay);
    }

    /** The answer to turn number {@code turn} (0-based) for {@code prompt}; not used for ERROR and SILENT. */
    public String answer(String prompt, long turn) {
        return switch (mode) {
            case ECHO -> "echo: " + prompt;
            case FIXED -> answers.get(0);
            case FILE -> answers.get((int) (turn % answers.size()));
            case ERROR, SILENT -> "";
        };
    }

    /** Parses the CLI form: {@code echo}, {@code fixed:TEXT}, {@code file:PATH}, {@code error:MSG}, {@code silent}. */
    public static ChatBehaviour parse(String spec) {
        int colon = spec.indexOf(':');
        String kind = colon < 0 ? spec : spec.substring(0, colon);
        String arg = colon < 0 ? null : spec.substring(colon + 1);
        return switch (kind) {
            case "echo" -> echo();
            case "silent" -> silent();
            case "fixed" -> fixed(required(arg, spec));
            case "file" -> fromFile(Path.of(required(arg, spec)));
            case "error" -> error(arg == null || arg.isEmpty() ? "simulated failure" : arg);
            default -> throw new IllegalArgumentException("unknown chat behaviour '" + spec
                    + "' (echo, fixed:TEXT, file:PATH, error:MSG, silent)");
        };
    }

    private static String required(String arg, String spec) {
        if (arg == null || arg.isEmpty()) {
            throw new IllegalArgumentException("'" + spec + "' needs a value after ':'");
        }
        return arg;
    }

    /** Splits {@code text} into {@code chunks} pieces (fewer when the text is shorter); pieces concatenate to it. */
    public static List<String> split(String text, int chunks) {
        int n = Math.max(1, Math.min(chunks, Math.max(1, text.length())));
        java.util.ArrayList<String> parts = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            parts.add(text.substring(i * text.length() / n, (i + 1) * text.length() / n));
        }
        return parts;
    }
}
