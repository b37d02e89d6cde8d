package dev.agentcommander.desktop.spawn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.app.Agentd;
import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.config.ClaudeConfig;
import dev.agentcommander.agentd.config.CodexConfig;
import dev.agentcommander.agentd.config.ControlPlaneConfig;
import dev.agentcommander.agentd.config.GitConfig;
import dev.agentcommander.agentd.config.HooksConfig;
import dev.agentcommander.agentd.config.ProvidersConfig;
import dev.agentcommander.agentd.config.StorageConfig;
import dev.agentcommander.agentd.config.TmuxConfig;
import dev.agentcommander.agentd.config.WorkspacesConfig;
import dev.agentcommander.agentd.testing.realclients.OfflineTmux;
import dev.agentcommander.desktop.console.AppUnderTest;
import dev.agentcommander.desktop.console.JobView;
import dev.agentcommander.desktop.console.TerminalProbe;
import dev.agentcommander.desktop.hosts.AgentSetup;
import dev.agentcommander.desktop.hosts.HostsViewModel;
import dev.agentcommander.desktop.sessions.SessionItem;
import dev.agentcommander.desktop.shell.DesktopApp;
import dev.agentcommander.desktop.timeline.TimelineEntry;
import dev.agentcommander.desktop.timeline.TimelineView;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The spawn form in the real app (solo mode) against a second real agentd, "build-box", that allows only a work
 * folder and runs the real codex CLI offline against the scripted model server: a worktree session started from the
 * keyboard in a real git repo opens in its tab, after a folder outside the roots build-box reported was refused by
 * the form and a repo reached through a link out of them was refused by the host, with its reason, the form kept; a Codex job started from the form opens as its events and ends
 * finished.
 */
@Timeout(300)
class SpawnScreenTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;
    @TempDir
    Path work;
    @TempDir
    Path outside;

    @RegisterExtension
    static final AppUnderTest APP = new AppUnderTest();

    private final FxRobot robot = APP.robot();
    private DesktopApp app;
    private OfflineTmux offline;
    private Agentd buildBox;

    @AfterEach
    void stopTheSecondHost() {
        try {
            if (buildBox != null) {
                buildBox.close();
            }
        } finally {
            if (offline != null) {
                offline.close();
            }
        }
    }

    @Test
    void aWorktreeSessionStartedFromTheForm_opensInItsTab_afterARepoOutsideTheRootsWasRefused() throws Exception {
        Path repo = gitRepo(Files.createDirectories(work.resolve("allowed/api")));
        Path elsewhere = gitRepo(outside);
        Path link = Files.createSymbolicLink(work.resolve("allowed/escape"), elsewhere);
        HostRow host = startWithBuildBox("{\"openai\": []}");

        spawnOn(host, KeyCode.S);
        assertThat(onFx(() -> text("#spawn-roots"))).isEqualTo("Allowed on build-box: " + work);
        robot.write("/etc");
        startWithKeys();
        assertThat(onFx(() -> text("#spawn-problem"))).isEqualTo("The repository is outside this host's allowed "
                + "roots (" + work + "); add it to workspaces.allowed_roots in the host's agentd config");
        assertThat(onFx(() -> model().stageProperty().get())).isEqualTo(SpawnViewModel.Stage.EDITING);
        onFx(() -> {
            model().folderProperty().set("");
            return null;
        });
        robot.write(link.toString());
        startWithKeys();
        await().atMost(WAIT).until(() -> onFx(() -> model().stageProperty().get()),
                stage -> stage == SpawnViewModel.Stage.FAILED);
        assertThat(onFx(() -> text("#spawn-message"))).startsWith("The session was not started: ")
                .contains("outside the directories agentd may work in").contains("(workspaces.allowed_roots)");
        assertThat(onFx(() -> model().folderProperty().get())).isEqualTo(link.toString());

        onFx(() -> {
            model().folderProperty().set("");
            return null;
        });
        robot.clickOn("#spawn-folder").write(repo.toString());
        robot.clickOn("#spawn-branch").write("feature-x");
        robot.clickOn("#spawn-agent-none");
        startWithKeys();

        Tab tab = await().atMost(WAIT).until(() -> onFx(this::selectedTab),
                selected -> selected != null && selected.getId().startsWith("tab-session-"));
        String sessionId = (String) tab.getUserData();
        SessionRow row = await().atMost(WAIT).until(() -> onFx(() -> app.workspace().sessionView(sessionId) == null
                        ? null : app.workspace().sessionView(sessionId).model().row()),
                shown -> shown != null && shown.git() != null && "feature-x".equals(shown.git().branch()));
        assertThat(row.hostId()).isEqualTo(host.hostId());
        assertThat(row.tmux()).isNotNull();
        assertThat(dev.agentcommander.agentd.workspace.Git.run(repo, "worktree", "list")).contains("[feature-x]");
        assertThat(onFx(() -> app.workspace().spawnScreen().view().isShowing())).isFalse();
    }

    @Test
    void aCodexJobStartedFromTheForm_opensAsItsEvents_andEndsFinished() throws Exception {
        Path folder = Files.createDirectories(work.resolve("site"));
        HostRow host = startWithBuildBox(
                "{\"openai\": [{\"exec\": \"echo hello-from-the-job\"}, {\"text\": \"All done.\"}]}");

        spawnOn(host, KeyCode.X);
        assertThat(onFx(() -> model().kindProperty().get())).isEqualTo(SpawnKind.JOB);
        robot.write(folder.toString());
        robot.clickOn("#spawn-prompt").write("say hello");
        robot.clickOn("#spawn-timeout").write("120");
        startWithKeys();

        Tab tab = await().atMost(WAIT).until(() -> onFx(this::selectedTab),
                selected -> selected != null && selected.getId().startsWith("tab-session-"));
        String outcome = await().atMost(WAIT).until(() -> onFx(() -> text(tab, "#" + JobView.OUTCOME_ID)),
                shown -> shown.startsWith("Finished"));
        assertThat(outcome).startsWith("Finished: codex: turn completed (1 command run)");
        List<String> titles = await().atMost(WAIT).until(() -> onFx(() -> timeline(tab)),
                shown -> shown.contains("Agent"));
        assertThat(titles).contains("Ran echo hello-from-the-job (exit 0)");
        SessionItem job = onFx(() -> sessionItem((String) tab.getUserData()));
        assertThat(job.row().status()).isEqualTo(SessionStatus.DONE);
        assertThat(job.row().tmux()).isNull();
    }

    /** The solo app, and build-box connected to it: its own tmux (offline), codex and allowed root {@code work}. */
    private HostRow startWithBuildBox(String modelScript) throws Exception {
        app = APP.startSolo(dataDir);
        HostsViewModel hosts = app.workspace().hosts().model();
        await().atMost(WAIT).until(() -> onFx(() -> hosts.canAdminProperty().get()));
        onFx(() -> {
            hosts.add("build-box");
            return null;
        });
        AgentSetup setup = await().atMost(WAIT).until(() -> onFx(() -> hosts.setupProperty().get()),
                shown -> shown != null);
        Path home = Files.createDirectories(dataDir.resolve("build-box"));
        offline = OfflineTmux.start(Files.createDirectories(home.resolve("offline")), modelScript);
        Path tokenFile = Files.writeString(home.resolve("host.token"), setup.token() + "\n");
        buildBox = Agentd.start(new AgentConfig(
                new ControlPlaneConfig(List.of(setup.agentWsUrl().toString()), tokenFile),
                new TmuxConfig(TmuxConfig.DEFAULT_BIN, offline.socket().toString(), 200),
                new StorageConfig(home.resolve("state")),
                new ProvidersConfig(new CodexConfig(offline.codexExecutable(home).toString(), 600),
                        ClaudeConfig.defaults()),
                HooksConfig.defaults(), new GitConfig(5000), new WorkspacesConfig(List.of(work), null)));
        return await().atMost(WAIT).until(() -> onFx(() -> hosts.hosts().stream()
                .filter(row -> row.name().equals("build-box") && row.online()
                        && app.workspace().hosts().model().sessionCount(row.hostId()) > 0)
                .findFirst().orElse(null)), row -> row != null);
    }

    /** Selects a session of {@code host} in the table and asks for the form with Ctrl+Shift+{@code key}. */
    private void spawnOn(HostRow host, KeyCode key) {
        onFx(() -> {
            app.workspace().tabs().getSelectionModel().select(0);
            TableView<SessionItem> table = table();
            table.getSelectionModel().clearSelection();
            table.getItems().stream().filter(item -> host.hostId().equals(item.row().hostId())).findFirst()
                    .ifPresent(table.getSelectionModel()::select);
            table.requestFocus();
            return null;
        });
        await().atMost(WAIT).until(() -> onFx(() -> table().isFocused()));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, key).release(key, KeyCode.SHIFT, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> onFx(() -> app.workspace().spawnScreen().view().isShowing()
                && folderField().getEditor().isFocused()));
        assertThat(onFx(() -> model().hostProperty().get().hostId())).isEqualTo(host.hostId());
    }

    private void startWithKeys() {
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
    }

    private SpawnViewModel model() {
        return app.workspace().spawnScreen().model();
    }

    private Tab selectedTab() {
        return app.workspace().tabs().getSelectionModel().getSelectedItem();
    }

    private SessionItem sessionItem(String sessionId) {
        return table().getItems().stream().filter(item -> item.sessionId().equals(sessionId)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private ComboBox<String> folderField() {
        return robot.lookup("#spawn-folder").queryAs(ComboBox.class);
    }

    @SuppressWarnings("unchecked")
    private TableView<SessionItem> table() {
        return robot.lookup("#sessions-table").queryAs(TableView.class);
    }

    private String text(String selector) {
        return robot.lookup(selector).queryAs(Label.class).getText();
    }

    private String text(Tab tab, String selector) {
        return robot.from(tab.getContent()).lookup(selector).queryAs(Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    private List<String> timeline(Tab tab) {
        ListView<TimelineEntry> list = robot.from(tab.getContent()).lookup("#" + TimelineView.LIST_ID)
                .queryAs(ListView.class);
        return list.getItems().stream().map(TimelineEntry::title).toList();
    }

    private static Path gitRepo(Path dir) throws Exception {
        for (List<String> command : List.of(List.of("git", "init", "-q", "-b", "main"),
                List.of("git", "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "--allow-empty",
                        "-m", "first"))) {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor()).as(command + ": " + output).isZero();
        }
        return dir.toRealPath();
    }

    private static <T> T onFx(Callable<T> read) {
        return TerminalProbe.onFx(read);
    }
}
