package dev.tabrelay.benchmarks.startup;

/** The start-up baseline: a JVM that prints one line and exits (same java, same jar on the class path). */
public final class Hello {

    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
