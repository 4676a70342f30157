package dev.tabrelay.client;

import dev.tabrelay.protocol.ops.AnnotationCommand;

import java.util.Map;

/** Answers an annotation command: the payload goes back with status {@code ok}, an exception with {@code error}. */
@FunctionalInterface
public interface AnnotationHandler {
    Map<String, Object> handle(AnnotationCommand command) throws Exception;
}
