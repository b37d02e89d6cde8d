package dev.agentcommander.schema.command;

/** Kill the session's pane (or job process). */
public record KillSession() implements CommandBody {
}
