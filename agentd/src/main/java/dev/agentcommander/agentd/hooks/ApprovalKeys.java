package dev.agentcommander.agentd.hooks;

import dev.agentcommander.agentd.command.PaneInput;
import dev.agentcommander.agentd.tmux.TmuxException;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import java.util.List;

/**
 * Answers Claude Code's permission dialog by typing into its pane (approval_mode {@code keys}, and the fallback of
 * {@code both}): {@code 1} chooses "1. Yes", {@code Escape} cancels the dialog (a deny). Only where the dialog is on
 * screen, so the keys never land in a prompt. Thread-safe.
 */
final class ApprovalKeys {
    /** Both lines Claude Code shows in its permission dialog ("Do you want to proceed?" / "❯ 1. Yes"). */
    private static final List<String> DIALOG_MARKERS = List.of("Do you want", "1. Yes");

    private final TmuxRunner tmux;
    private final PaneInput input;

    ApprovalKeys(TmuxRunner tmux) {
        this.tmux = tmux;
        this.input = new PaneInput(tmux);
    }

    /** Types the answer if the pane shows the dialog; true if it typed. */
    boolean answerIfDialogShown(String paneId, boolean allow) throws TmuxException {
        if (!dialogShown(paneId)) {
            return false;
        }
        input.keys(paneId, List.of(allow ? "1" : "Escape"));
        return true;
    }

    boolean dialogShown(String paneId) throws TmuxException {
        String screen = tmux.run("capture-pane", "-p", "-J", "-t", paneId);
        return DIALOG_MARKERS.stream().allMatch(screen::contains);
    }
}
