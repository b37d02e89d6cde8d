package dev.agentcommander.schema.command;

import dev.agentcommander.schema.Require;

/** Type {@code text} into the pane literally (never interpreted as key names); then Enter if {@code enter}. */
public record SendInput(String text, boolean enter) implements CommandBody {
    public SendInput {
        Require.present(text, "text");
    }
}
