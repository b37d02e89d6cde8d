package dev.agentcommander.agentd.discovery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code list-panes -F} format and its parser. Fields are joined by U+001F (tmux passes it through, and escapes
 * it in session and window names). Paths and window names may still hold a raw newline or U+001F, so a line is
 * accepted only when it has exactly the expected fields with valid ids and numbers; the fields of any other
 * pane are re-read one at a time. Stateless.
 */
public final class PaneFormat {
    static final char SEPARATOR = '\u001f';
    public static final String SESSION_ID_OPTION = "@ac_session_id";
    /** The display name given by {@code rename_session}; a pane option, so it survives agentd restarts. */
    public static final String NAME_OPTION = "@ac_name";
    static final List<String> FIELDS = List.of(
            "pane_id", "pane_pid", "pane_dead", "pane_dead_status", "window_index", "window_activity",
            SESSION_ID_OPTION, "pane_current_command", "session_name", "window_name", "pane_title",
            "pane_current_path", NAME_OPTION, "pane_width", "pane_height");
    static final String FORMAT = String.join(String.valueOf(SEPARATOR),
            FIELDS.stream().map(field -> "#{" + field + "}").toList());

    private static final Pattern PANE_ID = Pattern.compile("%\\d+");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private PaneFormat() {
    }

    /** Parses one line; empty when it is not exactly one pane record. */
    static Optional<Pane> parseLine(String line) {
        String[] parts = line.split(String.valueOf(SEPARATOR), -1);
        if (parts.length != FIELDS.size()) {
            return Optional.empty();
        }
        return fromFields(List.of(parts));
    }

    /** Builds a pane from the values of {@link #FIELDS}, in order; empty if an id or number is malformed. */
    static Optional<Pane> fromFields(List<String> values) {
        String paneId = values.get(0);
        if (!PANE_ID.matcher(paneId).matches() || !NUMBER.matcher(values.get(1)).matches()
                || !values.get(2).matches("[01]") || !values.get(3).matches("-?\\d{0,9}")
                || !NUMBER.matcher(values.get(4)).matches() || !values.get(5).matches("\\d{0,18}")
                || !values.get(13).matches("\\d{1,5}") || !values.get(14).matches("\\d{1,5}")) {
            return Optional.empty();
        }
        String tag = values.get(6);
        // A tag we did not write (hand-edited, copied) counts as none and is replaced by a fresh id.
        String sessionId = UUID_TEXT.matcher(tag).matches() ? tag : "";
        Instant activity = values.get(5).isEmpty() ? null : Instant.ofEpochSecond(Long.parseLong(values.get(5)));
        int deadStatus = values.get(3).isEmpty() ? 0 : Integer.parseInt(values.get(3));
        return Optional.of(new Pane(paneId, Long.parseLong(values.get(1)), "1".equals(values.get(2)), deadStatus,
                values.get(4), activity, sessionId, stripLoginDash(values.get(7)), values.get(8), values.get(9),
                values.get(10), values.get(11), values.get(12)).withSize(Integer.parseInt(values.get(13)),
                Integer.parseInt(values.get(14))));
    }

    /** Pane ids from a {@code list-panes -a -F '#{pane_id}'} output. */
    public static boolean validPaneId(String paneId) {
        return PANE_ID.matcher(paneId).matches();
    }

    static List<String> paneIds(String output) {
        return output.lines().filter(line -> PANE_ID.matcher(line).matches()).toList();
    }

    /** A login shell shows as {@code -bash}. */
    private static String stripLoginDash(String command) {
        return command.startsWith("-") ? command.substring(1) : command;
    }

    public static String newSessionId() {
        return UUID.randomUUID().toString();
    }
}
