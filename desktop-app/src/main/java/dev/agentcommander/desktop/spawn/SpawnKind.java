package dev.agentcommander.desktop.spawn;

/** What the spawn form starts: a tmux session in a new git worktree, or a headless {@code codex exec} job. */
public enum SpawnKind {
    SESSION("Worktree session"),
    JOB("Codex job");

    private final String title;

    SpawnKind(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
