package dev.agentcommander.schema.command;

/** Remove a spawned session's window and worktree; refuses while work is uncommitted or unpushed unless forced. */
public record CleanupSession(boolean force) implements CommandBody {
}
