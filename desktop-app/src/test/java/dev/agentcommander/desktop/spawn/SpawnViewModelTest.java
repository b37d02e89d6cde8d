package dev.agentcommander.desktop.spawn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.desktop.client.CommandOutcome;
import dev.agentcommander.schema.model.CommandRow;
import dev.agentcommander.schema.model.CommandStatus;
import dev.agentcommander.schema.model.GitInfo;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SpawnViewModelTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final HostRow LAPTOP = host("h-1", "laptop", true, List.of("/home/ana"));
    private static final HostRow BUILD_BOX = host("h-2", "build-box", false, List.of("/srv"));

    private record Sent(String hostId, Map<String, Object> body, Consumer<CommandRow> progress,
                        Consumer<CommandOutcome> done) { }

    private final List<Sent> sent = new ArrayList<>();
    private final List<String> opened = new ArrayList<>();
    private final SpawnViewModel model = new SpawnViewModel(
            (hostId, body, progress, done) -> sent.add(new Sent(hostId, Map.copyOf(body), progress, done)), opened::add);

    private static HostRow host(String id, String name, boolean online, List<String> roots) {
        return new HostRow(id, name, online, T0, 0, T0, "0.1.0", roots);
    }

    private static SessionRow session(String hostId, String cwd, String repo, Instant updated) {
        return new SessionRow("s-" + cwd, hostId, null, Provider.CLAUDE, SessionStatus.IDLE, false, null, cwd,
                repo == null ? null : new GitInfo(repo, "main", false), null, null, null, T0, updated);
    }

    private static CommandRow command(CommandStatus status, String sessionId, String error) {
        ObjectMapper mapper = new ObjectMapper();
        return new CommandRow("c-1", null, "h-1", "spawn_session", status,
                sessionId == null ? null : mapper.createObjectNode().put("session_id", sessionId), error, "ana", T0, T0);
    }

    @Test
    void theOnlineHostIsChosen_andItsReposAndRootsAreSuggested() {
        model.offer(List.of(BUILD_BOX, LAPTOP), List.of(
                session("h-1", "/home/ana/api/src", "/home/ana/api", T0),
                session("h-1", "/home/ana/web", "/home/ana/web", T0.plusSeconds(5)),
                session("h-2", "/srv/other", "/srv/other", T0)), null);

        assertThat(model.hosts()).extracting(HostRow::name).containsExactly("laptop", "build-box");
        assertThat(model.hostProperty().get()).isEqualTo(LAPTOP);
        assertThat(model.suggestions()).containsExactly("/home/ana/web", "/home/ana/api", "/home/ana");
        assertThat(model.rootsHintProperty().get()).isEqualTo("Allowed on laptop: /home/ana");

        model.kindProperty().set(SpawnKind.JOB);
        assertThat(model.suggestions()).containsExactly("/home/ana/web", "/home/ana/api/src", "/home/ana");
        model.offer(List.of(BUILD_BOX, LAPTOP), List.of(), "h-2");
        assertThat(model.hostProperty().get()).as("kept while the form is open").isEqualTo(LAPTOP);
    }

    @Test
    void aFormWithProblems_isNotSent_andEmptyFieldsAreOnlyPointedOutAfterATry() {
        model.offer(List.of(LAPTOP), List.of(), null);
        assertThat(model.problemProperty().get()).isEmpty();

        model.start();
        assertThat(sent).isEmpty();
        assertThat(model.problemProperty().get()).isEqualTo("The repository is empty: give an absolute path");

        model.folderProperty().set("/etc");
        assertThat(model.problemProperty().get()).startsWith("The repository is outside this host's allowed roots");
        model.start();
        assertThat(sent).isEmpty();
        assertThat(model.stageProperty().get()).isEqualTo(SpawnViewModel.Stage.EDITING);
    }

    @Test
    void aStartFollowsTheCommand_andOpensTheNewSession() {
        model.offer(List.of(LAPTOP), List.of(), null);
        model.folderProperty().set("/home/ana/api");
        model.branchProperty().set("fix-login");

        model.start();
        assertThat(model.busyProperty().get()).isTrue();
        assertThat(sent).singleElement().satisfies(command -> {
            assertThat(command.hostId()).isEqualTo("h-1");
            assertThat(command.body()).containsEntry("type", "spawn_session").containsEntry("branch", "fix-login");
        });
        model.start();
        assertThat(sent).as("one command while one is on its way").hasSize(1);

        sent.get(0).progress().accept(command(CommandStatus.QUEUED, null, null));
        assertThat(model.stageProperty().get()).isEqualTo(SpawnViewModel.Stage.QUEUED);
        sent.get(0).progress().accept(command(CommandStatus.SENT, null, null));
        assertThat(model.stageProperty().get()).isEqualTo(SpawnViewModel.Stage.SENT);
        sent.get(0).done().accept(CommandOutcome.done(command(CommandStatus.COMPLETED, "s-new", null)));

        assertThat(model.stageProperty().get()).isEqualTo(SpawnViewModel.Stage.COMPLETED);
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(opened).containsExactly("s-new");
    }

    @Test
    void aRefusalIsShown_andEveryFieldIsKeptForAnotherTry() {
        model.offer(List.of(LAPTOP), List.of(), null);
        model.kindProperty().set(SpawnKind.JOB);
        model.folderProperty().set("/home/ana/site");
        model.promptProperty().set("update the changelog");
        model.timeoutProperty().set("300");

        model.start();
        sent.get(0).done().accept(CommandOutcome.failed("codex not found: set providers.codex.exec_path",
                command(CommandStatus.FAILED, null, "codex not found")));

        assertThat(model.stageProperty().get()).isEqualTo(SpawnViewModel.Stage.FAILED);
        assertThat(model.messageProperty().get())
                .isEqualTo("The job was not started: codex not found: set providers.codex.exec_path");
        assertThat(opened).isEmpty();
        assertThat(List.of(model.folderProperty().get(), model.promptProperty().get(), model.timeoutProperty().get()))
                .containsExactly("/home/ana/site", "update the changelog", "300");
        model.start();
        assertThat(sent).hasSize(2);
    }

    @Test
    void aViewerIsToldWhy_andNothingIsSent() {
        model.offer(List.of(LAPTOP), List.of(), null);
        model.canOperateProperty().set(false);
        model.folderProperty().set("/home/ana/api");

        model.start();

        assertThat(sent).isEmpty();
        assertThat(model.messageProperty().get()).isEqualTo("Viewers cannot start sessions or jobs: ask an operator or admin");
    }

    @Test
    void anOfflineHost_isSaidToQueueTheCommand() {
        model.offer(List.of(BUILD_BOX), List.of(), null);
        model.folderProperty().set("/srv/api");

        model.start();

        assertThat(model.messageProperty().get()).isEqualTo("build-box is offline: the command waits until its agentd connects");
        assertThat(sent).hasSize(1);
    }

    @Test
    void withoutHosts_theFormSaysWhereToAddOne() {
        model.offer(List.of(), List.of(), null);

        assertThat(model.hostProperty().get()).isNull();
        assertThat(model.rootsHintProperty().get()).isEqualTo("No hosts yet: add one on the Hosts tab (Ctrl+Shift+J)");
    }
}
