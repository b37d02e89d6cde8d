package dev.agentcommander.schema.command;

/** Stop what the agent is doing (Escape for Claude and Codex TUIs, C-c for shells, SIGINT for jobs). */
public record Interrupt() implements CommandBody {
}
