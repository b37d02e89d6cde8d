package dev.agentcommander.agentd.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentcommander.agentd.config.ClaudeConfig;
import dev.agentcommander.agentd.config.CodexConfig;
import dev.agentcommander.agentd.config.ProvidersConfig;
import dev.agentcommander.agentd.config.WorkspacesConfig;
import dev.agentcommander.agentd.discovery.Pane;
import dev.agentcommander.agentd.discovery.PaneDirectory;
import dev.agentcommander.agentd.discovery.SessionDiscovery;
import dev.agentcommander.agentd.testing.MemoryQueue;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.command.SpawnSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Worktree sessions on a real git repository and a real private tmux server. */
class WorktreeSessionsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final WireCodec codec = new WireCodec();
    private final MemoryQueue queue = new MemoryQueue();
    private TmuxServer server;
    private TmuxRunner tmux;
    private SessionDiscovery discovery;
    private GitMetadata gitMetadata;
    private WorktreeSessions worktrees;
    private Path repo;
    private Path worktreeRoot;

    @BeforeEach
    void setUp() throws Exception {
        repo = Files.createDirectories(dir.resolve("projects/api"));
        git(repo, "init", "-q", "-b", "main");
        git(repo, "config", "user.email", "t@example.com");
        git(repo, "config", "user.name", "T");
        Files.writeString(repo.resolve("README.md"), "hello\n");
        git(repo, "add", "README.md");
        git(repo, "commit", "-q", "-m", "first");
        worktreeRoot = dir.resolve("worktrees");
        server = TmuxServer.start(dir);
        tmux = new TmuxRunner(server.config(100));
        discovery = new SessionDiscovery(tmux, queue, dir, codec, Duration.ofMillis(100));
        gitMetadata = new GitMetadata(Duration.ofMillis(200), Clock.systemUTC(), discovery::requestPoll);
        discovery.useGit(gitMetadata);
        discovery.start();
        Path fakeClaude = dir.resolve("fake-claude.sh");
        Files.writeString(fakeClaude, "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > " + dir.resolve("claude-args.txt")
                + "\nexec sleep 60\n");
        Files.setPosixFilePermissions(fakeClaude, PosixFilePermissions.fromString("rwx------"));
        worktrees = new WorktreeSessions(tmux, discovery,
                new Workspaces(new WorkspacesConfig(List.of(dir.resolve("projects")), worktreeRoot), dir),
                new ProvidersConfig(CodexConfig.defaults(), new ClaudeConfig("both", fakeClaude.toString())),
                codec.mapper());
    }

    @AfterEach
    void tearDown() {
        discovery.close();
        gitMetadata.close();
        tmux.close();
        server.close();
    }

    @Test
    void spawn_createsAWorktreeOnANewBranch_andATaggedWindowInIt_runningTheAgentWithThePromptAsOneArgument()
            throws Exception {
        String prompt = "fix the 'login' bug; rm -rf / $(id) `whoami`";
        ObjectNode result = worktrees.spawn(new SpawnSession(repo.toString(), "feature/login", null, "claude",
                prompt));

        Path worktree = Path.of(result.get("worktree").asText());
        assertThat(worktree).isEqualTo(worktreeRoot.resolve("api/feature-login"));
        assertThat(git(worktree, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("feature/login");
        assertThat(result.get("base").asText()).isEqualTo("main");
        String pane = result.get("pane_id").asText();
        assertThat(server.sessionTag(pane)).isEqualTo(result.get("session_id").asText());
        assertThat(server.tmux("display-message", "-p", "-t", pane, "#{pane_current_path}").strip())
                .isEqualTo(worktree.toRealPath().toString());
        await().atMost(WAIT).until(() -> Files.exists(dir.resolve("claude-args.txt"))
                && Files.readString(dir.resolve("claude-args.txt")).lines().count() == 2);
        assertThat(Files.readString(dir.resolve("claude-args.txt"))).isEqualTo("1\n" + prompt + "\n");
        String realWorktree = worktree.toRealPath().toString();
        await().atMost(WAIT).until(() -> queue.rows().stream()
                .anyMatch(row -> row.sessionId().equals(result.get("session_id").asText()) && row.git() != null
                        && "feature/login".equals(row.git().branch()) && !row.git().dirty()
                        && realWorktree.equals(row.git().repo())));

        ObjectNode derived = worktrees.spawn(new SpawnSession(repo.toString(), null, null, "none", null));
        assertThat(derived.get("branch").asText()).matches("ac/session-[0-9a-f]{6}");
        ObjectNode fromPrompt = worktrees.spawn(new SpawnSession(repo.toString(), null, "main", "claude",
                "Fix the login bug, please!"));
        assertThat(fromPrompt.get("branch").asText()).matches("ac/fix-the-login-bug-please-[0-9a-f]{6}");
    }

    @Test
    void badInput_isRefusedWithAClearError_andCreatesNothing() throws Exception {
        for (String branch : List.of("../x", "-f", "--upload-pack=x", "a..b", "x.lock", "has space", "a//b", "x/",
                ".hidden", "a~1", "a:b")) {
            assertThatThrownBy(() -> worktrees.spawn(new SpawnSession(repo.toString(), branch, null, "none", null)))
                    .as(branch).isInstanceOf(WorkspaceException.class).hasMessageContaining("branch '" + branch + "'");
        }
        assertThatThrownBy(() -> worktrees.spawn(new SpawnSession("/etc", "ok", null, "none", null)))
                .hasMessageContaining("outside the directories agentd may work in");
        assertThatThrownBy(() -> worktrees.spawn(new SpawnSession("projects/api", "ok", null, "none", null)))
                .hasMessage("repo must be an absolute path, was 'projects/api'");
        Path plain = Files.createDirectories(dir.resolve("projects/plain"));
        assertThatThrownBy(() -> worktrees.spawn(new SpawnSession(plain.toString(), "ok", null, "none", null)))
                .hasMessage("repo " + plain + " is not a git repository");
        assertThatThrownBy(() -> worktrees.spawn(new SpawnSession(repo.toString(), "ok", "no-such-base", "none",
                null))).hasMessageContaining("base 'no-such-base' is not a commit, branch or tag");
        assertThatThrownBy(() -> worktrees.spawn(new SpawnSession(repo.toString(), "ok", "--orphan", "none", null)))
                .hasMessageContaining("base '--orphan' must be a branch, tag or commit name");
        assertThatThrownBy(() -> worktrees.spawn(new SpawnSession(repo.toString(), "ok", null, "vim", null)))
                .hasMessage("agent must be claude, codex or none, was 'vim'");
        assertThatThrownBy(() -> worktrees.spawn(new SpawnSession(repo.toString(), "main", null, "none", null)))
                .hasMessageContaining("branch 'main' already exists");
        assertThat(Files.exists(worktreeRoot)).isFalse();
        assertThat(git(repo, "worktree", "list").lines().count()).isEqualTo(1);
    }

    @Test
    void cleanup_keepsUncommittedAndUnsavedWork_removesWhenSafe_andForceKeepsTheUnmergedBranch() throws Exception {
        ObjectNode spawned = worktrees.spawn(new SpawnSession(repo.toString(), "work", null, "none", null));
        Path worktree = Path.of(spawned.get("worktree").asText());
        Files.writeString(worktree.resolve("README.md"), "changed\n");
        Files.writeString(worktree.resolve("notes.txt"), "new\n");

        assertThatThrownBy(() -> worktrees.cleanup(pane(spawned), false)).hasMessageContaining(
                "2 uncommitted or untracked files (README.md, notes.txt)").hasMessageContaining("force: true");
        assertThat(worktree).exists();

        git(worktree, "add", "-A");
        git(worktree, "commit", "-q", "-m", "work");
        assertThatThrownBy(() -> worktrees.cleanup(pane(spawned), false))
                .hasMessageContaining("1 commit on work neither merged into main nor pushed");
        assertThat(worktree).exists();

        ObjectNode forced = worktrees.cleanup(pane(spawned), true);
        assertThat(worktree).doesNotExist();
        assertThat(forced.get("branch_deleted").asBoolean()).isFalse();
        assertThat(forced.get("kept").asText()).isEqualTo("branch work (not merged into main)");
        assertThat(git(repo, "log", "--format=%s", "work")).startsWith("work");
        await().atMost(WAIT).until(() -> !server.tmux("list-panes", "-a", "-F", "#{pane_id}")
                .contains(spawned.get("pane_id").asText()));

        ObjectNode merged = worktrees.spawn(new SpawnSession(repo.toString(), "merged", null, "none", null));
        Path mergedTree = Path.of(merged.get("worktree").asText());
        Files.writeString(mergedTree.resolve("feature.txt"), "done\n");
        git(mergedTree, "add", "-A");
        git(mergedTree, "commit", "-q", "-m", "feature");
        git(repo, "merge", "-q", "--ff-only", "merged");
        ObjectNode cleaned = worktrees.cleanup(pane(merged), false);
        assertThat(cleaned.get("branch_deleted").asBoolean()).isTrue();
        assertThat(mergedTree).doesNotExist();
        assertThat(git(repo, "branch", "--list", "merged")).isEmpty();
    }

    @Test
    void cleanupOfASessionAgentdDidNotSpawn_isRefused() throws Exception {
        String pane = server.paneIds().get(0);
        Pane plain = discovery.adopt(pane).get();
        assertThatThrownBy(() -> worktrees.cleanup(plain, false))
                .hasMessageContaining("was not spawned by agentd in a worktree; use kill_session");
    }

    private Pane pane(ObjectNode spawned) throws Exception {
        return new PaneDirectory(tmux).bySession(spawned.get("session_id").asText()).orElseThrow();
    }

    private static String git(Path in, String... args) throws IOException, InterruptedException {
        List<String> command = Stream.concat(Stream.of("git", "-C", in.toString()), Stream.of(args)).toList();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        if (process.waitFor() != 0) {
            throw new AssertionError(command + ": " + out);
        }
        return out;
    }
}
