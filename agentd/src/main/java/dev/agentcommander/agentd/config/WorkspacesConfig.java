package dev.agentcommander.agentd.config;

import dev.agentcommander.schema.agent.AgentHello;
import java.nio.file.Path;
import java.util.List;

/**
 * Where agentd may act on the file system for others: {@code allowed_roots}, the directories a Codex job's cwd and a
 * spawned session's repo must lie inside (default: the user's home), and {@code worktree_root}, where
 * {@code spawn_session} creates git worktrees (null: {@code <state_dir>/worktrees}).
 */
public record WorkspacesConfig(List<Path> allowedRoots, Path worktreeRoot) {
    public WorkspacesConfig {
        allowedRoots = allowedRoots == null || allowedRoots.isEmpty()
                ? List.of(Path.of(System.getProperty("user.home")).toAbsolutePath().normalize())
                : List.copyOf(allowedRoots);
        if (allowedRoots.size() > AgentHello.MAX_ALLOWED_ROOTS) {
            throw new ConfigException("workspaces.allowed_roots", "at most " + AgentHello.MAX_ALLOWED_ROOTS
                    + " roots (they travel in agent.hello), was " + allowedRoots.size());
        }
        for (Path root : allowedRoots) {
            if (!root.isAbsolute()) {
                throw new ConfigException("workspaces.allowed_roots", "must be absolute paths, was '" + root + "'");
            }
            if (root.toString().length() > AgentHello.MAX_ROOT_LENGTH) {
                throw new ConfigException("workspaces.allowed_roots", "each at most " + AgentHello.MAX_ROOT_LENGTH
                        + " characters, was " + root.toString().length());
            }
        }
        if (worktreeRoot != null && !worktreeRoot.isAbsolute()) {
            throw new ConfigException("workspaces.worktree_root", "must be an absolute path, was '" + worktreeRoot + "'");
        }
    }

    public static WorkspacesConfig defaults() {
        return new WorkspacesConfig(null, null);
    }

    /** The worktree root, defaulting under the state dir. */
    public Path worktreeRoot(Path stateDir) {
        return worktreeRoot != null ? worktreeRoot : stateDir.toAbsolutePath().resolve("worktrees");
    }
}
