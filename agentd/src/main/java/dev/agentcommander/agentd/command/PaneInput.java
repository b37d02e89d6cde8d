package dev.agentcommander.agentd.command;

import dev.agentcommander.agentd.tmux.TmuxException;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import java.util.ArrayList;
import java.util.List;

/**
 * Types into a pane with {@code send-keys}: text literally ({@code -l}, after {@code --} so a leading dash is text),
 * keys by name, bytes by hex. Stateless apart from the runner; thread-safe.
 */
public final class PaneInput {
    /**
     * tmux hands a command's arguments to the server in one message of at most 16 KiB; 4000 UTF-16 units are at most
     * 12,000 UTF-8 bytes, so longer text goes in several calls.
     */
    static final int MAX_CHARS_PER_CALL = 4000;
    /** Each byte costs three characters of the same 16 KiB message ("1b" and its terminator). */
    static final int MAX_BYTES_PER_CALL = 4000;
    private static final String[] HEX = new String[256];

    static {
        for (int i = 0; i < HEX.length; i++) {
            HEX[i] = String.format("%02x", i);
        }
    }

    private final TmuxRunner tmux;

    public PaneInput(TmuxRunner tmux) {
        this.tmux = tmux;
    }

    public void text(String paneId, String text) throws TmuxException {
        for (String part : parts(text)) {
            tmux.run("send-keys", "-t", paneId, "-l", "--", part);
        }
    }

    /**
     * Writes raw bytes into the pane as they are ({@code send-keys -H}: one hex byte per key, so escape sequences,
     * control characters and UTF-8 arrive untouched), in calls of at most {@link #MAX_BYTES_PER_CALL} bytes.
     */
    public void bytes(String paneId, byte[] bytes) throws TmuxException {
        for (int from = 0; from < bytes.length; from += MAX_BYTES_PER_CALL) {
            int to = Math.min(bytes.length, from + MAX_BYTES_PER_CALL);
            List<String> args = new ArrayList<>(List.of("send-keys", "-t", paneId, "-H"));
            for (int i = from; i < to; i++) {
                args.add(HEX[bytes[i] & 0xff]);
            }
            tmux.run(args);
        }
    }

    public void keys(String paneId, List<String> keys) throws TmuxException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", paneId, "--"));
        args.addAll(keys);
        tmux.run(args);
    }

    /** Splits text into pieces for separate calls, never inside a surrogate pair. */
    static List<String> parts(String text) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int to = Math.min(text.length(), from + MAX_CHARS_PER_CALL);
            if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
                to--;
            }
            parts.add(text.substring(from, to));
            from = to;
        }
        return parts;
    }
}
