package dev.agentcommander.agentd.e2e;

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
import dev.agentcommander.agentd.testing.HookClient;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PermissionRequest from a pane whose foreground is a plain shell at its prompt: the session's row shows the
 * pending approval (the process alone would say idle) until the approval closes, then goes back to idle at once.
 * Real tmux, the real hook receiver, the real control plane, rows as a UI subscriber sees them.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class PendingApprovalStatusTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final WireCodec codec = new WireCodec();

    @Test
    void permissionRequestAtAShellPrompt_isWaitingApprovalAcrossPolls_andIdleOnceDecided() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("shell-host");
            String pane = plainShellPane(tmux);
            try (Agentd agentd = Agentd.start(config(cp, host, tmux, 600))) {
                UiConsoleClient ui = subscribed(cp, host);
                HookClient hooks = new HookClient(agentd.hookEndpoint().orElseThrow(), codec.mapper());
                await().atMost(WAIT).until(() -> last(ui, pane).map(SessionRow::status).equals(
                        Optional.of(SessionStatus.IDLE)));

                CompletableFuture<HttpResponse<String>> waiting = hooks.permission(pane, dir, "make release");
                await().atMost(WAIT).until(() -> last(ui, pane).map(SessionRow::status).equals(
                        Optional.of(SessionStatus.WAITING_APPROVAL)));
                for (int poll = 1; poll <= 3; poll++) {
                    // A row change proves a later poll saw the pane; the approval must still decide its status.
                    String name = "poll-" + poll;
                    tmux.tmux("rename-window", "-t", pane, name);
                    SessionRow row = await().atMost(WAIT).until(() -> last(ui, pane),
                            seen -> seen.map(SessionRow::name).equals(Optional.of(name))).orElseThrow();
                    assertThat(row.status()).isEqualTo(SessionStatus.WAITING_APPROVAL);
                    assertThat(row.needsAttention()).isTrue();
                    assertThat(row.statusReason()).startsWith("hook: PermissionRequest at ");
                }
                assertThat(waiting).isNotDone();

                cp.decide(awaitPending(cp, "make release"), "{\"decision\":\"allow\"}");

                assertThat(waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS).body()).contains("\"behavior\":\"allow\"");
                SessionRow idle = awaitIdle(ui, pane);
                assertThat(idle.provider()).isEqualTo(Provider.SHELL);
                assertThat(idle.statusReason()).startsWith("process: pane_current_command=bash");
                assertThat(UiConsoleClient.statuses(rows(ui, pane))).containsExactly(SessionStatus.IDLE,
                        SessionStatus.WAITING_APPROVAL, SessionStatus.IDLE);
                ui.close();
            }
        }
    }

    @Test
    void permissionRequestAtAShellPrompt_thatTimesOut_goesBackToIdle() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("shell-host");
            String pane = plainShellPane(tmux);
            try (Agentd agentd = Agentd.start(config(cp, host, tmux, 5))) {
                UiConsoleClient ui = subscribed(cp, host);
                HookClient hooks = new HookClient(agentd.hookEndpoint().orElseThrow(), codec.mapper());
                await().atMost(WAIT).until(() -> last(ui, pane).map(SessionRow::status).equals(
                        Optional.of(SessionStatus.IDLE)));

                HttpResponse<String> response = hooks.permission(pane, dir, "sleep 1")
                        .get(WAIT.toSeconds(), TimeUnit.SECONDS);

                assertThat(response.body()).isEmpty();
                SessionRow idle = awaitIdle(ui, pane);
                assertThat(idle.statusReason()).startsWith("process: pane_current_command=bash");
                assertThat(UiConsoleClient.statuses(rows(ui, pane))).containsExactly(SessionStatus.IDLE,
                        SessionStatus.WAITING_APPROVAL, SessionStatus.IDLE);
                await().atMost(WAIT).until(() -> cp.approvals("decided").stream()
                        .anyMatch(approval -> approval.get("status").textValue().equals("timed_out")));
                ui.close();
            }
        }
    }

    /** The pane runs a shell with no rc files and a bare {@code $ } prompt, and sits at that prompt. */
    private static String plainShellPane(TmuxServer tmux) {
        String pane = tmux.paneIds().get(0);
        tmux.tmux("respawn-pane", "-k", "-t", pane, "env PS1='$ ' bash --norc --noprofile");
        await().atMost(WAIT).until(() -> tmux.tmux("capture-pane", "-p", "-t", pane).strip().equals("$"));
        return pane;
    }

    private UiConsoleClient subscribed(ControlPlaneFixture cp, ControlPlaneFixture.Host host)
            throws InterruptedException {
        UiConsoleClient ui = new UiConsoleClient(cp.uiWsUrl());
        assertThat(ui.connectBlocking(30, TimeUnit.SECONDS)).isTrue();
        ui.send(codec.encode(Envelope.live(new Subscribe("s", Topic.SESSIONS,
                codec.mapper().createObjectNode().put("host_id", host.hostId())))));
        return ui;
    }

    private static SessionRow awaitIdle(UiConsoleClient ui, String pane) {
        return await().atMost(WAIT).until(() -> last(ui, pane), seen -> seen.filter(row ->
                row.status() == SessionStatus.IDLE && !row.needsAttention()).isPresent()).orElseThrow();
    }

    private static String awaitPending(ControlPlaneFixture cp, String command) {
        return await().atMost(WAIT).until(() -> cp.approvals("pending").stream()
                .filter(a -> a.path("tool_input").path("command").asText().equals(command))
                .map(a -> a.get("approval_id").textValue()).findFirst(), Optional::isPresent).orElseThrow();
    }

    private static List<SessionRow> rows(UiConsoleClient ui, String pane) {
        return ui.sessionRows(row -> row.tmux() != null && pane.equals(row.tmux().paneId()));
    }

    private static Optional<SessionRow> last(UiConsoleClient ui, String pane) {
        List<SessionRow> rows = rows(ui, pane);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(rows.size() - 1));
    }

    private AgentConfig config(ControlPlaneFixture cp, ControlPlaneFixture.Host host, TmuxServer tmux, int timeoutS)
            throws IOException {
        Path tokenFile = Files.writeString(dir.resolve("host.token"), host.token() + "\n");
        return new AgentConfig(new ControlPlaneConfig(List.of(cp.agentUrl()), tokenFile), tmux.config(100),
                new StorageConfig(dir.resolve("state")),
                new ProvidersConfig(CodexConfig.defaults(), new ClaudeConfig("hook")),
                new HooksConfig("127.0.0.1:0", "", timeoutS), new GitConfig(5000));
    }
}
