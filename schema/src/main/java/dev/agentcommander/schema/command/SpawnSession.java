package dev.agentcommander.schema.command;

import dev.agentcommander.schema.Require;

/** Create a git worktree of {@code repo} and a tmux window in it, optionally starting an agent. */
public record SpawnSession(String repo, String branch, String base, String agent, String prompt) implements CommandBody {
    public SpawnSession {
        Require.text(repo, "repo");
    }

    @Override
    public boolean targetsSession() {
        return false;
    }
}
