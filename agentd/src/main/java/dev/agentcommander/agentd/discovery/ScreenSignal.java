package dev.agentcommander.agentd.discovery;

import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionStatus;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an agent's TUI shows about its status, read from the visible screen. Claude Code and Codex both print
 * "esc to interrupt" next to their spinner while a turn runs; a permission dialog asks a question over a numbered
 * list of choices ("Do you want to proceed?" / "❯ 1. Yes" in Claude Code, "Would you like to run the following
 * command?" / "1. Yes, proceed" in Codex); any other numbered choice waits for the person; otherwise the agent
 * sits at its prompt. {@code evidence} names what was seen, for {@code status_reason}.
 */
public record ScreenSignal(SessionStatus status, boolean needsAttention, String evidence) {
    private static final Pattern RUNNING = Pattern.compile("(?i)esc to interrupt");
    private static final Pattern PERMISSION_QUESTION = Pattern.compile(
            "Do you want to [^\\n]{1,200}\\?|Would you like to (run|make|apply)[^\\n]{0,200}\\?|Allow command\\?");
    private static final Pattern FIRST_CHOICE = Pattern.compile("(?m)^[\\s│|▌>›❯]*(❯|›|>)?\\s*1\\. \\S");

    /** The signal of {@code screen} for a Claude Code or Codex pane; empty for other providers. */
    public static Optional<ScreenSignal> read(Provider provider, String screen) {
        if (provider != Provider.CLAUDE && provider != Provider.CODEX) {
            return Optional.empty();
        }
        boolean choices = FIRST_CHOICE.matcher(screen).find();
        if (choices && PERMISSION_QUESTION.matcher(screen).find()) {
            return Optional.of(new ScreenSignal(SessionStatus.WAITING_APPROVAL, true, "permission dialog"));
        }
        if (RUNNING.matcher(screen).find()) {
            return Optional.of(new ScreenSignal(SessionStatus.RUNNING, false, "\"esc to interrupt\""));
        }
        if (choices) {
            return Optional.of(new ScreenSignal(SessionStatus.WAITING_INPUT, true, "a numbered choice"));
        }
        return Optional.of(new ScreenSignal(SessionStatus.IDLE, false, "prompt, no \"esc to interrupt\""));
    }
}
