package dev.agentcommander.agentd.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentcommander.agentd.config.ProvidersConfig;
import dev.agentcommander.agentd.discovery.Pane;
import dev.agentcommander.agentd.discovery.SessionDiscovery;
import dev.agentcommander.agentd.tmux.TmuxException;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import dev.agentcommander.schema.command.SpawnSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code spawn_session} and {@code cleanup_session}: a git worktree per session under {@code workspaces.worktree_root},
 * a tmux window in it tagged like every session, optionally running claude or codex; and a cleanup that removes the
 * window and the worktree only when no work would be lost, unless forced, saying what it kept. What agentd created is
 * written into the pane's options ({@code @ac_worktree}, {@code @ac_repo}, {@code @ac_branch}, {@code @ac_base}), so
 * it survives agentd restarts. Thread-safe (each call works on its own files and panes).
 */
public final class WorktreeSessions {
    static final String WORKTREE = "@ac_worktree";
    static final String REPO = "@ac_repo";
    static final String BRANCH = "@ac_branch";
    static final String BASE = "@ac_base";

    private final TmuxRunner tmux;
    private final SessionDiscovery discovery;
    private final Workspaces workspaces;
    private final ProvidersConfig providers;
    private final ObjectMapper json;

    public WorktreeSessions(TmuxRunner tmux, SessionDiscovery discovery, Workspaces workspaces,
                            ProvidersConfig providers, ObjectMapper json) {
        this.tmux = tmux;
        this.discovery = discovery;
        this.workspaces = workspaces;
        this.providers = providers;
        this.json = json;
    }

    /** Creates the worktree and the window; the result carries {@code session_id, pane_id, worktree, branch, base}. */
    public ObjectNode spawn(SpawnSession spawn) throws WorkspaceException, TmuxException {
        Path given = workspaces.directory(spawn.repo(), "repo");
        if (!Git.succeeds(given, "rev-parse", "--git-dir")) {
            throw new WorkspaceException("repo " + spawn.repo() + " is not a git repository");
        }
        Path repo = Path.of(Git.run(given, "rev-parse", "--show-toplevel").strip());
        List<String> agent = agentCommand(spawn);
        String branch = spawn.branch() == null || spawn.branch().isBlank() ? BranchNames.derive(spawn.prompt())
                : spawn.branch();
        BranchNames.validate(repo, branch, "branch");
        String base = spawn.base() == null || spawn.base().isBlank() ? currentBranchOrCommit(repo) : spawn.base();
        BranchNames.revision(base, "base");
        if (!Git.succeeds(repo, "rev-parse", "--verify", "--quiet", base + "^{commit}")) {
            throw new WorkspaceException("base '" + base + "' is not a commit, branch or tag in " + repo);
        }
        if (Git.succeeds(repo, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch)) {
            throw new WorkspaceException("branch '" + branch + "' already exists in " + repo
                    + "; give another branch name or leave it out to get a fresh one");
        }
        Path worktree = workspaces.worktreeRoot().resolve(repo.getFileName().toString())
                .resolve(branch.replace('/', '-'));
        if (Files.exists(worktree)) {
            throw new WorkspaceException("worktree directory " + worktree + " already exists");
        }
        try {
            Files.createDirectories(worktree.getParent());
        } catch (java.io.IOException e) {
            throw new WorkspaceException("cannot create " + worktree.getParent()
                    + " (workspaces.worktree_root): " + e.getMessage(), e);
        }
        Git.run(repo, "worktree", "add", "-b", branch, "--", worktree.toString(), base);
        String paneId;
        try {
            List<String> window = new ArrayList<>(List.of("new-window", "-d", "-P", "-F", "#{pane_id}", "-c",
                    worktree.toString(), "-n", windowName(branch)));
            if (!agent.isEmpty()) {
                window.add("--");
                window.addAll(agent);
            }
            paneId = tmux.run(window).strip();
        } catch (TmuxException e) {
            Git.run(repo, "worktree", "remove", "--force", "--", worktree.toString());
            Git.run(repo, "branch", "-D", branch);
            throw e;
        }
        if (!agent.isEmpty()) {
            // the pane stays when the agent exits, so its exit status shows as done or error
            tmux.run("set-option", "-p", "-t", paneId, "remain-on-exit", "on");
        }
        tmux.run("set-option", "-p", "-t", paneId, WORKTREE, worktree.toString());
        tmux.run("set-option", "-p", "-t", paneId, REPO, repo.toString());
        tmux.run("set-option", "-p", "-t", paneId, BRANCH, branch);
        tmux.run("set-option", "-p", "-t", paneId, BASE, base);
        Pane pane = adopt(paneId);
        return json.createObjectNode().put("session_id", pane.sessionId()).put("pane_id", paneId)
                .put("worktree", worktree.toString()).put("branch", branch).put("base", base);
    }

    /**
     * Removes a spawned session's window and worktree. Without {@code force} it refuses (saying what it kept) while
     * the worktree has uncommitted or untracked changes, or its branch has commits neither merged into the base nor
     * pushed. The branch itself is deleted only when merged; otherwise it stays, with its commits.
     */
    public ObjectNode cleanup(Pane pane, boolean force) throws WorkspaceException, TmuxException {
        String worktreeText = option(pane.paneId(), WORKTREE);
        if (worktreeText.isEmpty()) {
            throw new WorkspaceException("session " + pane.sessionId() + " was not spawned by agentd in a worktree; "
                    + "use kill_session to close its pane");
        }
        Path worktree = Path.of(worktreeText);
        Path repo = Path.of(option(pane.paneId(), REPO));
        String branch = option(pane.paneId(), BRANCH);
        String base = option(pane.paneId(), BASE);
        ObjectNode result = json.createObjectNode().put("session_id", pane.sessionId()).put("worktree", worktreeText)
                .put("branch", branch);
        boolean exists = Files.isDirectory(worktree);
        String changes = exists ? Git.run(worktree, "status", "--porcelain").stripTrailing() : "";
        int unsaved = exists ? unsavedCommits(repo, worktree, branch, base) : 0;
        if (!force && (!changes.isEmpty() || unsaved > 0)) {
            List<String> kept = new ArrayList<>();
            if (!changes.isEmpty()) {
                List<String> files = changes.lines().map(line -> line.substring(Math.min(3, line.length()))).toList();
                kept.add(files.size() + " uncommitted or untracked file" + (files.size() == 1 ? "" : "s") + " ("
                        + String.join(", ", files.subList(0, Math.min(5, files.size())))
                        + (files.size() > 5 ? ", …" : "") + ")");
            }
            if (unsaved > 0) {
                kept.add(unsaved + " commit" + (unsaved == 1 ? "" : "s") + " on " + branch
                        + " neither merged into " + base + " nor pushed");
            }
            throw new WorkspaceException("kept the window and the worktree " + worktreeText + ": "
                    + String.join("; ", kept) + ". Commit, push or merge them, or clean up with force: true");
        }
        tmux.run("kill-pane", "-t", pane.paneId());
        if (exists) {
            if (force) {
                Git.run(repo, "worktree", "remove", "--force", "--", worktreeText);
            } else {
                Git.run(repo, "worktree", "remove", "--", worktreeText);
            }
        }
        Git.run(repo, "worktree", "prune");
        boolean merged = Git.succeeds(repo, "merge-base", "--is-ancestor", "refs/heads/" + branch, base);
        if (merged) {
            Git.run(repo, "branch", "-d", branch);
        }
        result.put("worktree_removed", true).put("branch_deleted", merged);
        if (!merged) {
            result.put("kept", "branch " + branch + " (not merged into " + base + ")");
        }
        if (force && (!changes.isEmpty() || unsaved > 0)) {
            result.put("discarded", changes.isEmpty() ? "nothing uncommitted"
                    : changes.lines().count() + " uncommitted or untracked file(s)");
        }
        discovery.requestPoll();
        return result;
    }

    /** Commits on the branch that are in neither the base nor its upstream (if it has one). */
    private static int unsavedCommits(Path repo, Path worktree, String branch, String base)
            throws WorkspaceException {
        String range = base + "..refs/heads/" + branch;
        int notInBase = Integer.parseInt(Git.run(repo, "rev-list", "--count", range).strip());
        if (notInBase == 0) {
            return 0;
        }
        if (Git.succeeds(worktree, "rev-parse", "--verify", "--quiet", "@{u}")) {
            return Integer.parseInt(Git.run(worktree, "rev-list", "--count", "@{u}..HEAD").strip());
        }
        return notInBase;
    }

    private List<String> agentCommand(SpawnSession spawn) throws WorkspaceException {
        String agent = spawn.agent() == null ? "none" : spawn.agent();
        List<String> command = new ArrayList<>();
        switch (agent) {
            case "claude" -> command.add(providers.claude().execPath());
            case "codex" -> command.add(providers.codex().execPath());
            case "none" -> {
                if (spawn.prompt() != null && !spawn.prompt().isBlank()) {
                    throw new WorkspaceException("a prompt needs an agent: claude or codex");
                }
                return command;
            }
            default -> throw new WorkspaceException("agent must be claude, codex or none, was '" + agent + "'");
        }
        if (spawn.prompt() != null && !spawn.prompt().isBlank()) {
            command.add(spawn.prompt()); // one argv element: tmux runs it without a shell
        }
        return command;
    }

    private static String currentBranchOrCommit(Path repo) throws WorkspaceException {
        String branch = Git.run(repo, "rev-parse", "--abbrev-ref", "HEAD").strip();
        return branch.equals("HEAD") ? Git.run(repo, "rev-parse", "HEAD").strip() : branch;
    }

    private static String windowName(String branch) {
        String tail = branch.substring(branch.lastIndexOf('/') + 1);
        return tail.length() > 30 ? tail.substring(0, 30) : tail;
    }

    private String option(String paneId, String name) throws TmuxException {
        return tmux.run("display-message", "-p", "-t", paneId, "#{" + name + "}").strip();
    }

    private Pane adopt(String paneId) throws WorkspaceException {
        try {
            return discovery.adopt(paneId).get(TmuxRunner.DEFAULT_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new WorkspaceException("the window " + paneId + " was created but could not be tagged: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkspaceException("agentd is stopping", e);
        }
    }
}
