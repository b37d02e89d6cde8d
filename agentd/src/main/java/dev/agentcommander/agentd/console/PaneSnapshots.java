package dev.agentcommander.agentd.console;

import dev.agentcommander.agentd.tmux.TmuxException;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import java.util.List;
import java.util.Optional;

/** Reads a pane's place and screen with tmux. Stateless apart from the runner; thread-safe. */
final class PaneSnapshots {
    /** Scrollback lines above the visible screen that a snapshot carries. */
    static final int SCROLLBACK_LINES = 2000;
    private static final String SEPARATOR = "\u001f";
    private static final String SGR_RESET = "\u001b[0m";
    /** What a repaint restores besides the cells: cursor x, y, shown, cursor-key mode, alternate screen, saved x, y. */
    private static final String STATE_FORMAT = String.join(SEPARATOR, "#{cursor_x}", "#{cursor_y}", "#{cursor_flag}",
            "#{keypad_cursor_flag}", "#{alternate_on}", "#{alternate_saved_x}", "#{alternate_saved_y}");

    /** Where a pane lives and how big it is. */
    record PanePlace(String tmuxSessionId, int cols, int rows) {
    }

    private final TmuxRunner tmux;

    PaneSnapshots(TmuxRunner tmux) {
        this.tmux = tmux;
    }

    /** The pane's tmux session ({@code $N}) and size; empty when the pane does not exist. */
    Optional<PanePlace> place(String paneId) throws TmuxException {
        String out;
        try {
            out = tmux.run("display-message", "-p", "-t", paneId,
                    "#{session_id}" + SEPARATOR + "#{pane_width}" + SEPARATOR + "#{pane_height}");
        } catch (TmuxException e) {
            if (e.stderr().contains("can't find pane") || e.noServer()) {
                return Optional.empty();
            }
            throw e;
        }
        String[] parts = out.strip().split(SEPARATOR);
        if (parts.length != 3 || !parts[0].startsWith("$")) {
            return Optional.empty();
        }
        return Optional.of(new PanePlace(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
    }

    /**
     * The screen as terminal output that paints it on a freshly reset terminal of the pane's size: scrollback and
     * screen with colours and attributes ({@code capture-pane -p -e -J}), the normal screen beneath when a
     * full-screen program has the alternate one, then the cursor's position and visibility and the cursor-key mode.
     */
    String capture(String paneId) throws TmuxException {
        String out = tmux.runAll(List.of(List.of("display-message", "-p", "-t", paneId, STATE_FORMAT),
                List.of("capture-pane", "-p", "-e", "-J", "-S", "-" + SCROLLBACK_LINES, "-t", paneId)));
        int lineEnd = out.indexOf('\n');
        String[] state = (lineEnd < 0 ? out : out.substring(0, lineEnd)).split(SEPARATOR, -1);
        String screen = lineEnd < 0 ? "" : out.substring(lineEnd + 1);
        if (state.length != 7) {
            return screen;
        }
        StringBuilder paint = new StringBuilder();
        if ("1".equals(state[4])) {
            String normal = tmux.run("capture-pane", "-p", "-e", "-J", "-a", "-t", paneId);
            paint.append(withoutLastNewline(normal)).append(SGR_RESET).append(cursorAt(state[5], state[6])).append("\u001b[?1049h\u001b[H");
        }
        paint.append(withoutLastNewline(screen)).append(SGR_RESET).append(cursorAt(state[0], state[1]));
        if ("0".equals(state[2])) {
            paint.append("\u001b[?25l");
        }
        if ("1".equals(state[3])) {
            paint.append("\u001b[?1h");
        }
        return paint.toString();
    }

    /** Each captured row ends in a newline; the last one would scroll the screen by a line. */
    private static String withoutLastNewline(String rows) {
        return rows.endsWith("\n") ? rows.substring(0, rows.length() - 1) : rows;
    }

    /** CUP to tmux's 0-based cursor; nothing when tmux does not know it (e.g. no saved cursor). */
    private static String cursorAt(String x, String y) {
        if (!x.matches("\\d{1,5}") || !y.matches("\\d{1,5}")) {
            return "";
        }
        return "\u001b[" + (Integer.parseInt(y) + 1) + ";" + (Integer.parseInt(x) + 1) + "H";
    }
}
