package dev.agentcommander.desktop.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.testing.HookClient;
import dev.agentcommander.desktop.console.AppUnderTest;
import dev.agentcommander.desktop.console.TerminalProbe;
import dev.agentcommander.desktop.sessions.ActionResult;
import dev.agentcommander.desktop.sessions.SessionItem;
import dev.agentcommander.desktop.sessions.SessionsViewModel;
import dev.agentcommander.desktop.shell.DesktopApp;
import dev.agentcommander.desktop.shell.Workspace;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.ApprovalStatus;
import dev.agentcommander.schema.model.SessionStatus;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The real app in solo mode (embedded control plane, a real agentd, a private tmux server): approvals raised
 * through agentd's HTTP hook receiver, as Claude Code raises them, are decided from the keyboard, and the waiting
 * hook receives exactly the decision JSON Claude Code expects; an approval answered in the terminal leaves the
 * queue as such.
 */
@Timeout(240)
class ApprovalsScreenTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DECISION = "{\"hookSpecificOutput\":{\"hookEventName\":\"PermissionRequest\","
            + "\"decision\":";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final AppUnderTest APP = new AppUnderTest();

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    private final FxRobot robot = APP.robot();
    private DesktopApp app;

    @Test
    void approvalsAreAllowedDeniedAndEditedFromTheKeyboard_andTheHookGetsClaudeCodesDecision() throws Exception {
        Path project = Files.createDirectories(work.resolve("api")).toRealPath();
        String pane = APP.shell("api", project);
        app = APP.startSolo(dataDir);
        SessionItem session = APP.window().awaitRow(project);
        HookClient hooks = HookClient.forStateDir(dataDir.resolve("agentd"), JSON);
        Workspace workspace = app.workspace();

        CompletableFuture<HttpResponse<String>> first = hooks.permission(pane, project, "echo allowed");
        awaitPending("echo allowed");
        await().atMost(WAIT).until(() -> onFx(() -> session.row().status() == SessionStatus.WAITING_APPROVAL
                && session.row().needsAttention()));
        assertThat(onFx(() -> robot.lookup("#" + ApprovalsScreen.BADGE_ID).queryAs(Label.class).getText()))
                .isEqualTo("1");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
        await().atMost(WAIT).until(() -> onFx(() -> ApprovalsScreen.TAB_ID.equals(
                workspace.tabs().getSelectionModel().getSelectedItem().getId())));
        TerminalProbe screen = new TerminalProbe(await().atMost(WAIT)
                .until(() -> onFx(() -> workspace.approvalsView().screen()), live -> live != null).terminal());
        APP.tmux().tmux("send-keys", "-t", pane, "-l", "echo on-the-screen-$((6*7))");
        APP.tmux().tmux("send-keys", "-t", pane, "Enter");
        await().atMost(WAIT).until(() -> screen.ready() && screen.screenText().contains("on-the-screen-42"));
        awaitQueueFocused();
        robot.type(KeyCode.A);
        assertThat(answer(first)).isEqualTo(DECISION + "{\"behavior\":\"allow\"}}}");
        await().atMost(WAIT).until(() -> onFx(() -> session.row().status() == SessionStatus.IDLE));

        CompletableFuture<HttpResponse<String>> second = hooks.permission(pane, project, "rm -rf /");
        awaitPending("rm -rf /");
        awaitQueueFocused();
        robot.type(KeyCode.D);
        robot.write("not on my watch");
        robot.type(KeyCode.ENTER);
        assertThat(answer(second)).isEqualTo(DECISION + "{\"behavior\":\"deny\",\"message\":\"not on my watch\"}}}");

        CompletableFuture<HttpResponse<String>> third = hooks.permission(pane, project, "rm -rf build");
        awaitPending("rm -rf build");
        awaitQueueFocused();
        robot.type(KeyCode.E);
        TextArea editor = robot.lookup("#" + ApprovalsView.EDITOR_ID).queryAs(TextArea.class);
        await().atMost(WAIT).until(() -> onFx(() -> editor.isFocused() && editor.getText().equals("rm -rf build")));
        robot.type(KeyCode.END);
        robot.write("/tmp");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        assertThat(answer(third)).isEqualTo(DECISION + "{\"behavior\":\"allow\",\"updatedInput\":"
                + "{\"command\":\"rm -rf build/tmp\",\"description\":\"t\"}}}}");

        List<ApprovalRow> history = await().atMost(WAIT).until(() -> onFx(() -> List.copyOf(
                workspace.approvals().history())), rows -> rows.size() == 3);
        assertThat(history).extracting(ApprovalRow::status)
                .containsExactly(ApprovalStatus.ALLOWED, ApprovalStatus.DENIED, ApprovalStatus.ALLOWED);
        assertThat(history.get(0).updatedInput().path("command").asText()).isEqualTo("rm -rf build/tmp");
        assertThat(history.get(1).reason()).isEqualTo("not on my watch");
        assertThat(history).allSatisfy(row -> assertThat(row.decidedBy()).isNotBlank());
        assertThat(onFx(() -> workspace.approvals().pending().isEmpty())).isTrue();
    }

    @Test
    void anApprovalAnsweredInTheTerminal_leavesTheQueueAsSuch() throws Exception {
        Path project = Files.createDirectories(work.resolve("web")).toRealPath();
        String pane = APP.shell("web", project);
        app = APP.startSolo(dataDir);
        APP.window().awaitRow(project);
        HookClient hooks = HookClient.forStateDir(dataDir.resolve("agentd"), JSON);
        Workspace workspace = app.workspace();

        CompletableFuture<HttpResponse<String>> waiting = hooks.permission(pane, project, "make test");
        awaitPending("make test");
        hooks.hook("PostToolUse", pane, "{\"session_id\":\"claude-1\",\"tool_name\":\"Bash\"}").get(30, TimeUnit.SECONDS);

        assertThat(answer(waiting)).isEmpty();
        await().atMost(WAIT).until(() -> onFx(() -> workspace.approvals().pending().isEmpty()));
        ActionResult said = onFx(() -> workspace.approvals().resultProperty().get());
        ApprovalRow closed = onFx(() -> workspace.approvals().history().get(0));
        assertThat(closed.status()).isEqualTo(ApprovalStatus.ANSWERED_IN_TERMINAL);
        assertThat(said.text()).isEqualTo("Bash in " + onFx(() -> workspace.approvals().where(closed))
                + ": Answered in the terminal");
    }

    @Test
    void theApprovalsHeader_followsTheSessionsNewName() throws Exception {
        Path project = Files.createDirectories(work.resolve("named")).toRealPath();
        String pane = APP.shell("named", project);
        app = APP.startSolo(dataDir);
        SessionItem session = APP.window().awaitRow(project);
        HookClient hooks = HookClient.forStateDir(dataDir.resolve("agentd"), JSON);
        Workspace workspace = app.workspace();
        CompletableFuture<HttpResponse<String>> waiting = hooks.permission(pane, project, "make docs");
        awaitPending("make docs");
        Label place = robot.lookup("#" + ApprovalsView.PLACE_ID).queryAs(Label.class);
        String before = onFx(() -> SessionsViewModel.displayName(session.row()));
        assertThat(onFx(place::getText)).startsWith(before + " on ");

        APP.tmux().tmux("rename-window", "-t", pane, "renamed-api");
        await().atMost(WAIT).until(() -> onFx(() -> SessionsViewModel.displayName(session.row()))
                .equals("renamed-api"));
        await().atMost(WAIT).until(() -> onFx(place::getText).startsWith("renamed-api on "));
        assertThat(onFx(place::getText)).isEqualTo(onFx(() -> workspace.approvals().where(
                workspace.approvals().selectedProperty().get())) + "  ·  " + project);

        onFx(() -> {
            workspace.approvals().allow();
            return null;
        });
        assertThat(answer(waiting)).isEqualTo(DECISION + "{\"behavior\":\"allow\"}}}");
    }

    private void awaitPending(String command) {
        await().atMost(WAIT).until(() -> onFx(() -> app.workspace().approvals().pending().stream()
                .anyMatch(row -> row.toolInput().path("command").asText().equals(command)
                        && row == app.workspace().approvals().selectedProperty().get())));
    }

    private void awaitQueueFocused() {
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#" + ApprovalsView.QUEUE_ID).query().isFocused()));
    }

    private static String answer(CompletableFuture<HttpResponse<String>> waiting) throws Exception {
        HttpResponse<String> response = waiting.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static <T> T onFx(Callable<T> read) {
        return TerminalProbe.onFx(read);
    }
}
