package dev.agentcommander.agentd.discovery;

import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionStatus;
import java.util.Set;

/**
 * What a pane's process says about its session: the provider from the foreground command, and for the skeleton a
 * status from that alone (a shell at its prompt is idle, anything else running). {@code signal} names the evidence,
 * for {@code status_reason}.
 */
public record ProcessSignal(Provider provider, SessionStatus status, String signal) {
    static final Set<String> SHELLS = Set.of("bash", "zsh", "fish", "sh", "dash", "ksh", "tcsh", "csh");

    static ProcessSignal of(Pane pane) {
        Provider provider = provider(pane.providerCommand());
        if (pane.dead()) {
            SessionStatus status = pane.deadStatus() == 0 ? SessionStatus.DONE : SessionStatus.ERROR;
            return new ProcessSignal(provider, status, "pane_dead=1 exit_status=" + pane.deadStatus());
        }
        SessionStatus status = provider == Provider.SHELL ? SessionStatus.IDLE : SessionStatus.RUNNING;
        return new ProcessSignal(provider, status, "pane_current_command=" + pane.currentCommand()
                + (pane.agentCommand().isEmpty() ? "" : " running " + pane.agentCommand()));
    }

    public static Provider provider(String command) {
        if (command.equals("claude")) {
            return Provider.CLAUDE;
        }
        if (command.equals("codex") || command.startsWith("codex-")) {
            return Provider.CODEX;
        }
        return SHELLS.contains(command) ? Provider.SHELL : Provider.UNKNOWN;
    }
}
