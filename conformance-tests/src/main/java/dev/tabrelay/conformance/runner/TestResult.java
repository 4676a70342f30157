package dev.tabrelay.conformance.runner;

/**
 * One finished check.
 *
 * @param suite     the suite's class name (dev.tabrelay.conformance.HandshakeConformanceIT)
 * @param name      the check and the target it ran on: {@code connectionInitIsAcknowledged [process]}
 * @param status    what happened
 * @param millis    how long it took
 * @param message   failure message or skip reason (null when passed)
 * @param failureType the exception's class name (null unless failed)
 * @param stackTrace  the full stack trace (null unless failed)
 */
record TestResult(String suite, String name, Status status, long millis, String message, String failureType,
                  String stackTrace) {

    enum Status { PASS, FAIL, SKIP }

    String suiteSimpleName() {
        return suite.substring(suite.lastIndexOf('.') + 1);
    }
}
