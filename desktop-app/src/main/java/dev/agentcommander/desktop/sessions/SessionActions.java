package dev.agentcommander.desktop.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.desktop.client.CommandOutcome;
import dev.agentcommander.desktop.client.CommandRunner;
import dev.agentcommander.schema.model.SessionRow;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The actions a person takes on a session — rename, interrupt, kill, adopt its pane, clean up its worktree, fit
 * its pane to a view — as control-plane commands, each ending in one {@link ActionResult} on the UI thread that
 * says what happened or why not. Confirmation is the view's job. Thread-safe (the runner is).
 */
public final class SessionActions {
    private final CommandRunner runner;

    public SessionActions(CommandRunner runner) {
        this.runner = runner;
    }

    public void rename(SessionRow row, String name, Consumer<ActionResult> done) {
        run(row, Map.of("type", "rename_session", "name", name), done,
                outcome -> "Renamed to “" + name + "”", "Rename failed");
    }

    public void interrupt(SessionRow row, Consumer<ActionResult> done) {
        run(row, Map.of("type", "interrupt"), done, outcome -> "Interrupt sent (Ctrl-C)", "Interrupt failed");
    }

    public void kill(SessionRow row, Consumer<ActionResult> done) {
        run(row, Map.of("type", "kill_session"), done, outcome -> "Killed " + SessionsViewModel.displayName(row),
                "Kill failed");
    }

    public void cleanup(SessionRow row, boolean force, Consumer<ActionResult> done) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "cleanup_session");
        if (force) {
            body.put("force", true);
        }
        run(row, body, done, SessionActions::describeCleanup, "Clean-up refused");
    }

    /** Resizes the pane (its tmux window) to {@code cols} × {@code rows}: only ever asked for explicitly. */
    public void fitPane(SessionRow row, int cols, int rows, Consumer<ActionResult> done) {
        run(row, Map.of("type", "resize_pane", "cols", cols, "rows", rows), done,
                outcome -> "Pane resized to " + cols + " × " + rows, "Resize failed");
    }

    public void adopt(SessionRow row, Consumer<ActionResult> done) {
        if (row.tmux() == null) {
            done.accept(ActionResult.failed("Adopt: this session has no tmux pane"));
            return;
        }
        runner.host(row.hostId(), Map.of("type", "adopt_pane", "pane_id", row.tmux().paneId()), ignored -> { },
                outcome -> done.accept(outcome.ok()
                        ? ActionResult.ok("Adopted pane " + row.tmux().paneId() + " as session "
                                + text(outcome.row().result(), "session_id"))
                        : ActionResult.failed("Adopt failed: " + outcome.message())));
    }

    private void run(SessionRow row, Map<String, ?> body, Consumer<ActionResult> done,
                     java.util.function.Function<CommandOutcome, String> success, String failure) {
        runner.session(row.sessionId(), body, ignored -> { }, outcome -> done.accept(outcome.ok()
                ? ActionResult.ok(success.apply(outcome))
                : ActionResult.failed(failure + ": " + outcome.message())));
    }

    private static String describeCleanup(CommandOutcome outcome) {
        JsonNode result = outcome.row().result();
        StringBuilder text = new StringBuilder("Cleaned up");
        if (result != null) {
            if (result.path("worktree_removed").asBoolean(false)) {
                text.append(": worktree ").append(text(result, "worktree")).append(" removed");
            }
            if (result.path("branch_deleted").asBoolean(false)) {
                text.append(", branch ").append(text(result, "branch")).append(" deleted");
            }
            if (result.hasNonNull("kept")) {
                text.append("; kept ").append(text(result, "kept"));
            }
        }
        return text.toString();
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.hasNonNull(field)) {
            return "?";
        }
        JsonNode value = node.get(field);
        return value.isTextual() ? value.asText() : value.toString();
    }
}
