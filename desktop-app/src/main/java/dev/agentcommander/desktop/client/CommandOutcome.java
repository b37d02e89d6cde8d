package dev.agentcommander.desktop.client;

import dev.agentcommander.schema.model.CommandRow;

/**
 * How a command ended, for the place that asked: {@code ok} with the command row, or a message saying what
 * went wrong (the control plane's refusal, the host's error, or that no answer came in time).
 */
public record CommandOutcome(boolean ok, String message, CommandRow row) {
    public static CommandOutcome done(CommandRow row) {
        return new CommandOutcome(true, null, row);
    }

    public static CommandOutcome failed(String message, CommandRow row) {
        return new CommandOutcome(false, message, row);
    }
}
