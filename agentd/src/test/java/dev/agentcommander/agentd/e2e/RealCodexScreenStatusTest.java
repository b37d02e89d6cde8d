package dev.agentcommander.agentd.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.app.Agentd;
import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.config.ControlPlaneConfig;
import dev.agentcommander.agentd.config.GitConfig;
import dev.agentcommander.agentd.config.HooksConfig;
import dev.agentcommander.agentd.config.ProvidersConfig;
import dev.agentcommander.agentd.config.StorageConfig;
import dev.agentcommander.agentd.config.TmuxConfig;
import dev.agentcommander.agentd.testing.realclients.CodexHome;
import dev.agentcommander.agentd.testing.realclients.OfflineTmux;
import dev.agentcommander.agentd.testing.realclients.RealClients;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Codex TUI in a tmux pane (offline, against a scripted model that asks to run a command outside the
 * sandbox): Codex has no hooks, so its status comes from the screen alone, as the control plane's UI sees it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RealCodexScreenStatusTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final WireCodec codec = new WireCodec();

    @Test
    void codexTui_runningWaitingApprovalRunningIdle_fromTheScreen() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path out = work.resolve("out.txt");
        String script = codec.mapper().createObjectNode().set("openai", codec.mapper().createArrayNode()
                .add(codec.mapper().createObjectNode().put("exec", "touch " + out).put("escalate", "Write out.txt?")
                        .put("delay_ms", 3000))
                // Codex may send another request with tools around the approval (it then takes a step): every
                // answer after the command is slow, so the turn visibly runs on after the dialog closes.
                .add(codec.mapper().createObjectNode().put("text", "Touched it.").put("delay_ms", 3000))
                .add(codec.mapper().createObjectNode().put("text", "Touched it.").put("delay_ms", 3000))
                .add(codec.mapper().createObjectNode().put("text", "Touched it.").put("delay_ms", 3000))).toString();
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                OfflineTmux tmux = OfflineTmux.start(Files.createDirectories(dir.resolve("offline")), script)) {
            ControlPlaneFixture.Host host = cp.createHost("real-codex");
            Path tokenFile = Files.writeString(dir.resolve("host.token"), host.token() + "\n");
            try (Agentd agentd = Agentd.start(new AgentConfig(new ControlPlaneConfig(List.of(cp.agentUrl()), tokenFile),
                    new TmuxConfig(TmuxConfig.DEFAULT_BIN, tmux.socket().toString(), 200),
                    new StorageConfig(dir.resolve("state")), ProvidersConfig.defaults(), HooksConfig.defaults(),
                    GitConfig.defaults()))) {
                UiConsoleClient ui = new UiConsoleClient(cp.uiWsUrl());
                assertThat(ui.connectBlocking(30, TimeUnit.SECONDS)).isTrue();
                ui.send(codec.encode(Envelope.live(new Subscribe("s", Topic.SESSIONS,
                        codec.mapper().createObjectNode().put("host_id", host.hostId())))));
                CodexHome codex = CodexHome.create(dir.resolve("home/.codex"), tmux.modelPort());
                Files.writeString(codex.dir().resolve("config.toml"), "\n[projects.\"" + work
                        + "\"]\ntrust_level = \"trusted\"\n", java.nio.file.StandardOpenOption.APPEND);
                String pane = tmux.newWindow(work, codex.env(), List.of(RealClients.codex().toString(),
                        "--ask-for-approval", "on-request", "--sandbox", "read-only"));
                awaitPromptPastModelNotices(tmux, pane, work);
                await().atMost(WAIT).until(() -> last(rows(ui, pane)) == SessionStatus.IDLE);

                tmux.sendKeys(pane, "-l", "please touch the file");
                tmux.awaitScreen(pane, "please touch the file", Duration.ofSeconds(10));
                tmux.sendKeys(pane, "Enter");
                tmux.awaitScreen(pane, "Would you like to run the following command?", WAIT);
                await().atMost(WAIT).until(() -> last(rows(ui, pane)) == SessionStatus.WAITING_APPROVAL);
                SessionRow waiting = rows(ui, pane).get(rows(ui, pane).size() - 1);
                assertThat(waiting.provider()).isEqualTo(Provider.CODEX);
                assertThat(waiting.needsAttention()).isTrue();
                assertThat(waiting.statusReason()).startsWith("screen: permission dialog at ");
                assertThat(out).doesNotExist();

                tmux.sendKeys(pane, "y");
                await().atMost(WAIT).until(() -> Files.exists(out));
                tmux.awaitScreen(pane, "Worked for", WAIT); // the turn is over
                await().atMost(WAIT).until(() -> last(rows(ui, pane)) == SessionStatus.IDLE);
                List<SessionStatus> statuses = UiConsoleClient.statuses(rows(ui, pane));
                assertThat(statuses).as(rows(ui, pane).stream().map(SessionRow::statusReason).toList().toString())
                        .containsSubsequence(SessionStatus.RUNNING, SessionStatus.WAITING_APPROVAL,
                                SessionStatus.RUNNING, SessionStatus.IDLE);
                ui.close();
            }
        }
    }

    /**
     * Waits for Codex's prompt with its model footer ({@code <model> · <cwd>}), which it shows once start-up notices
     * are done; a notice that asks for a choice ("1. Try new model / 2. Use existing model") is answered with the
     * existing model.
     */
    private static void awaitPromptPastModelNotices(OfflineTmux tmux, String pane, Path cwd) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            String screen = tmux.capture(pane);
            if (screen.contains("› 2. Use existing model")) {
                tmux.sendKeys(pane, "Enter");
            } else if (screen.contains("2. Use existing model")) {
                tmux.sendKeys(pane, "Down");
            }
            return screen.contains("Ask Codex to do anything") && screen.contains("· " + cwd);
        });
    }

    private static List<SessionRow> rows(UiConsoleClient ui, String pane) {
        return ui.sessionRows(row -> row.tmux() != null && pane.equals(row.tmux().paneId()));
    }

    private static SessionStatus last(List<SessionRow> rows) {
        return rows.isEmpty() ? null : rows.get(rows.size() - 1).status();
    }
}
