package dev.tabrelay.server.security;

/**
 * Why a request or upgrade is refused: the HTTP status, the OpenAI error {@code type} and {@code code}, a message
 * that says what to do, and for 429 how many seconds to wait ({@code Retry-After}; 0 otherwise).
 */
public record Refusal(int status, String type, String code, String message, long retryAfterSeconds) {

    static Refusal forbidden(String code, String message) {
        return new Refusal(403, "permission_error", code, message, 0);
    }

    static Refusal unauthorized(String code, String message) {
        return new Refusal(401, "authentication_error", code, message, 0);
    }

    static Refusal tooMany(String code, String message, long retryAfterSeconds) {
        return new Refusal(429, "rate_limit_error", code, message, Math.max(1, retryAfterSeconds));
    }
}
