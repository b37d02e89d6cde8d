package dev.agentcommander.server.agentlink;

import java.time.Instant;

/**
 * A durable frame refused as a whole, as parked in {@code refused_frames}: acked, never applied. {@code frame} is cut
 * to {@link #MAX_STORED_CHARS} and cleaned of NUL characters (which PostgreSQL text refuses), so parking it cannot
 * fail on its content.
 */
public record RefusedFrame(String hostId, String streamId, long seq, String code, String reason, String frame,
        Instant refusedAt) {
    static final int MAX_STORED_CHARS = 64 * 1024;

    public RefusedFrame {
        reason = clean(reason);
        frame = clean(cut(frame));
    }

    /** The part of a frame that is parked; also what a queued rejection keeps of its frame. */
    static String cut(String frame) {
        if (frame == null) {
            return "";
        }
        int end = Math.min(frame.length(), MAX_STORED_CHARS);
        if (end < frame.length() && Character.isHighSurrogate(frame.charAt(end - 1))) {
            end--;
        }
        return end == frame.length() ? frame : frame.substring(0, end);
    }

    private static String clean(String text) {
        return text.replace('\u0000', '\uFFFD');
    }
}
