package dev.agentcommander.agentd.workspace;

import dev.agentcommander.agentd.config.WorkspacesConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directories agentd may act in for the control plane ({@code workspaces.allowed_roots}): a job's cwd and a
 * spawned session's repo are checked here, after resolving symlinks, so {@code ..} or a link cannot lead outside.
 * Stateless.
 */
public final class Workspaces {
    private final WorkspacesConfig config;
    private final Path stateDir;

    public Workspaces(WorkspacesConfig config, Path stateDir) {
        this.config = config;
        this.stateDir = stateDir;
    }

    /**
     * The real path of {@code path} ({@code what} names it in errors, e.g. "cwd").
     *
     * @throws WorkspaceException unless it is absolute, exists, is a directory and lies inside an allowed root
     */
    public Path directory(String path, String what) throws WorkspaceException {
        Path given = Path.of(path);
        if (!given.isAbsolute()) {
            throw new WorkspaceException(what + " must be an absolute path, was '" + path + "'");
        }
        Path real;
        try {
            real = given.toRealPath();
        } catch (IOException e) {
            throw new WorkspaceException(what + " " + path + " does not exist on this host");
        }
        if (!Files.isDirectory(real)) {
            throw new WorkspaceException(what + " " + path + " is not a directory");
        }
        for (Path root : config.allowedRoots()) {
            try {
                if (real.startsWith(root.toRealPath())) {
                    return real;
                }
            } catch (IOException e) {
                // a root that does not exist allows nothing
            }
        }
        throw new WorkspaceException(what + " " + path + " is outside the directories agentd may work in "
                + config.allowedRoots() + " (workspaces.allowed_roots)");
    }

    /** Where {@code spawn_session} creates worktrees. */
    public Path worktreeRoot() {
        return config.worktreeRoot(stateDir);
    }
}
