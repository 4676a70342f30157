package dev.tabrelay.protocol.codec;

import dev.tabrelay.protocol.control.ErrorFrame;

/**
 * The only exception decoding throws: a typed reason, a message a person can act on, the JSON path involved
 * and, when it could be read, the id of the refused frame (so the error frame can name what it answers).
 */
public final class FrameException extends Exception {

    private final FrameError error;
    private final String path;
    private final String frameId;

    public FrameException(FrameError error, String message, String path, String frameId) {
        super(message);
        this.error = error;
        this.path = path;
        this.frameId = frameId;
    }

    public FrameError error() {
        return error;
    }

    /** Wire code, e.g. {@code missing-field}. */
    public String code() {
        return error.code();
    }

    /** JSON path of the offending value ({@code $.data.level}), or {@code $} for the frame as a whole. */
    public String path() {
        return path;
    }

    /** The refused frame's id, or {@code null} when it was not readable. */
    public String frameId() {
        return frameId;
    }

    FrameException withFrameId(String id) {
        return id == null || frameId != null ? this : new FrameException(error, getMessage(), path, id);
    }

    /** The error frame payload that tells the sender about this refusal. */
    public ErrorFrame toErrorFrame() {
        return ErrorFrame.of(code(), getMessage(), frameId);
    }
}
