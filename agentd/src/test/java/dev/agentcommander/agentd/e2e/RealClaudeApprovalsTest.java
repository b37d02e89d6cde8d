package dev.agentcommander.agentd.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.agentcommander.agentd.testing.realclients.ClaudeHome;
import dev.agentcommander.agentd.testing.realclients.OfflineTmux;
import dev.agentcommander.agentd.testing.realclients.RealClients;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code in a tmux pane (offline, in its own network namespace, against a scripted model), with agentd's
 * hooks installed by {@code agentd install-hooks --transport command}: each hook runs {@code agentd hook}, which
 * reaches agentd over its Unix socket. Approvals are decided through the real control plane's REST API.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RealClaudeApprovalsTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final WireCodec codec = new WireCodec();

    /** One real claude pane watched by agentd and the control plane. */
    private final class Scenario implements AutoCloseable {
        final ControlPlaneFixture cp;
        final OfflineTmux tmux;
        final Agentd agentd;
        final UiConsoleClient ui;
        final Path project;
        final String pane;
        final String sessionId;

        Scenario(String script, int permissionTimeoutS) throws Exception {
            this(script, permissionTimeoutS, true);
        }

        Scenario(String script, int permissionTimeoutS, boolean withHooks) throws Exception {
            cp = ControlPlaneFixture.h2(dir.resolve("cp"));
            tmux = OfflineTmux.start(Files.createDirectories(dir.resolve("offline")), script);
            ControlPlaneFixture.Host host = cp.createHost("real-claude");
            Path stateDir = dir.resolve("state");
            Path tokenFile = Files.writeString(dir.resolve("host.token"), host.token() + "\n");
            agentd = Agentd.start(new AgentConfig(new ControlPlaneConfig(List.of(cp.agentUrl()), tokenFile),
                    new TmuxConfig(TmuxConfig.DEFAULT_BIN, tmux.socket().toString(), 200), new StorageConfig(stateDir),
                    new ProvidersConfig(CodexConfig.defaults(), new ClaudeConfig("hook")),
                    new HooksConfig("127.0.0.1:0", "", permissionTimeoutS), new GitConfig(5000)));
            project = Files.createDirectories(dir.resolve("project"));
            ClaudeHome home = ClaudeHome.create(dir.resolve("claude-home"), project);
            if (withHooks) {
                installHooks(stateDir, home.settingsFile());
            }
            ui = new UiConsoleClient(cp.uiWsUrl());
            assertThat(ui.connectBlocking(30, TimeUnit.SECONDS)).isTrue();
            ui.send(codec.encode(Envelope.live(new Subscribe("s", Topic.SESSIONS,
                    codec.mapper().createObjectNode().put("host_id", host.hostId())))));
            pane = tmux.newWindow(project, home.env(tmux.modelPort()),
                    List.of(RealClients.claude().toString(), "--permission-mode", "default"));
            sessionId = await().atMost(WAIT).until(() -> cp.sessions(host.hostId()).stream()
                    .filter(row -> row.tmux() != null && pane.equals(row.tmux().paneId()))
                    .map(SessionRow::sessionId).findFirst(), Optional::isPresent).get();
            tmux.awaitScreen(pane, "? for shortcuts", WAIT);
        }

        void prompt(String text) {
            tmux.sendKeys(pane, "-l", text);
            tmux.awaitScreen(pane, text, Duration.ofSeconds(10));
            tmux.sendKeys(pane, "Enter");
        }

        /** The pending approval for a Bash {@code command}, once agentd reported it. */
        JsonNode awaitPending(String command) {
            return await().atMost(WAIT).until(() -> cp.approvals("pending").stream()
                    .filter(a -> a.path("tool_input").path("command").asText().equals(command)).findFirst(),
                    Optional::isPresent).get();
        }

        String statusOf(String approvalId) {
            for (String status : List.of("pending", "decided")) {
                for (JsonNode approval : cp.approvals(status)) {
                    if (approval.get("approval_id").textValue().equals(approvalId)) {
                        return approval.get("status").textValue();
                    }
                }
            }
            return "missing";
        }

        /** The session's statuses as the UI saw them, consecutive repeats collapsed. */
        List<SessionStatus> statuses() {
            return UiConsoleClient.statuses(rows());
        }

        /** The session's rows as the UI saw them, in order. */
        List<SessionRow> rows() {
            return ui.sessionRows(row -> row.sessionId().equals(sessionId));
        }

        @Override
        public void close() throws Exception {
            ui.close();
            agentd.close();
            tmux.close();
            cp.close();
        }
    }

    @Test
    void allowFromTheControlPlane_runsTheCommand_andTheSessionGoesRunningWaitingRunningIdle() throws Exception {
        Path out = dir.resolve("project/allowed.txt");
        String command = "echo allowed > " + out;
        try (Scenario claude = new Scenario(script(command, "Allowed and done."), 600)) {
            claude.prompt("please write the file");
            JsonNode approval = claude.awaitPending(command);
            assertThat(approval.get("tool_name").asText()).isEqualTo("Bash");
            assertThat(approval.get("session_id").asText()).isEqualTo(claude.sessionId);
            assertThat(Files.exists(out)).isFalse();
            await().atMost(WAIT).until(() -> claude.statuses().contains(SessionStatus.WAITING_APPROVAL));

            claude.cp.decide(approval.get("approval_id").asText(), "{\"decision\":\"allow\"}");

            await().atMost(WAIT).until(() -> Files.exists(out));
            assertThat(Files.readString(out)).isEqualTo("allowed\n");
            claude.tmux.awaitScreen(claude.pane, "Allowed and done.", WAIT);
            await().atMost(WAIT).until(() -> claude.statuses().get(claude.statuses().size() - 1)
                    == SessionStatus.IDLE);
            assertThat(claude.statuses()).containsSubsequence(SessionStatus.RUNNING, SessionStatus.WAITING_APPROVAL,
                    SessionStatus.RUNNING, SessionStatus.IDLE);
            assertThat(claude.statusOf(approval.get("approval_id").asText())).isEqualTo("allowed");
        }
    }

    @Test
    void denyWithAMessage_theCommandDoesNotRun_andTheModelReadsTheMessage() throws Exception {
        Path out = dir.resolve("project/denied.txt");
        String command = "echo denied > " + out;
        try (Scenario claude = new Scenario(script(command, "Understood, not doing it."), 600)) {
            claude.prompt("please write the file");
            String approvalId = claude.awaitPending(command).get("approval_id").asText();

            claude.cp.decide(approvalId, "{\"decision\":\"deny\",\"reason\":\"not today, use the staging dir\"}");

            claude.tmux.awaitScreen(claude.pane, "Understood, not doing it.", WAIT);
            assertThat(Files.exists(out)).isFalse();
            List<JsonNode> requests = claude.tmux.requests();
            assertThat(requests.get(requests.size() - 1).path("body").toString())
                    .contains("not today, use the staging dir");
            assertThat(claude.statusOf(approvalId)).isEqualTo("denied");
        }
    }

    @Test
    void allowWithUpdatedInput_runsTheEditedCommandInstead() throws Exception {
        Path asked = dir.resolve("project/asked.txt");
        Path edited = dir.resolve("project/edited.txt");
        String command = "echo asked > " + asked;
        try (Scenario claude = new Scenario(script(command, "Ran the edited one."), 600)) {
            claude.prompt("please write the file");
            String approvalId = claude.awaitPending(command).get("approval_id").asText();

            claude.cp.decide(approvalId, codec.mapper().createObjectNode().put("decision", "allow")
                    .set("updated_input", codec.mapper().createObjectNode().put("command", "echo edited > " + edited)
                            .put("description", "Write the edited file")).toString());

            await().atMost(WAIT).until(() -> Files.exists(edited));
            assertThat(Files.readString(edited)).isEqualTo("edited\n");
            claude.tmux.awaitScreen(claude.pane, "Ran the edited one.", WAIT);
            assertThat(Files.exists(asked)).isFalse();
        }
    }

    @Test
    void answeredInThePaneFirst_closesTheApprovalAsAnsweredInTheTerminal() throws Exception {
        Path out = dir.resolve("project/terminal.txt");
        String command = "echo terminal > " + out;
        try (Scenario claude = new Scenario(script(command, "Done from the terminal."), 600)) {
            claude.prompt("please write the file");
            String approvalId = claude.awaitPending(command).get("approval_id").asText();

            claude.tmux.answerDialog(claude.pane, "Enter");

            await().atMost(WAIT).until(() -> Files.exists(out));
            await().atMost(WAIT).until(() -> claude.statusOf(approvalId).equals("answered_in_terminal"));
            claude.tmux.awaitScreen(claude.pane, "Done from the terminal.", WAIT);
            assertThatThrownBy(() -> claude.cp.decide(approvalId, "{\"decision\":\"allow\"}"))
                    .hasMessageContaining("409");
        }
    }

    @Test
    void noDecisionWithinTheTimeout_closesItAsTimedOut_andLeavesTheDialogForThePerson() throws Exception {
        Path out = dir.resolve("project/late.txt");
        String command = "echo late > " + out;
        try (Scenario claude = new Scenario(script(command, "Finished after the person said yes."), 3)) {
            claude.prompt("please write the file");
            String approvalId = claude.awaitPending(command).get("approval_id").asText();

            await().atMost(WAIT).until(() -> claude.statusOf(approvalId).equals("timed_out"));
            claude.tmux.awaitScreen(claude.pane, "Do you want to proceed?", WAIT);
            assertThat(Files.exists(out)).isFalse();
            claude.tmux.answerDialog(claude.pane, "Enter");
            await().atMost(WAIT).until(() -> Files.exists(out));
        }
    }

    @Test
    void withoutHooks_theScreenTellsTheStatus_runningWaitingApprovalRunningIdle() throws Exception {
        Path out = dir.resolve("project/by-hand.txt");
        String command = "echo by hand > " + out;
        String script = codec.mapper().createObjectNode().set("anthropic", codec.mapper().createArrayNode()
                .add(codec.mapper().createObjectNode().put("tool", "Bash").put("delay_ms", 3000).set("input",
                        codec.mapper().createObjectNode().put("command", command).put("description", "Write a file")))
                .add(codec.mapper().createObjectNode().put("text", "Written by hand.").put("delay_ms", 3000)))
                .toString();
        try (Scenario claude = new Scenario(script, 600, false)) {
            await().atMost(WAIT).until(() -> claude.statuses().equals(List.of(SessionStatus.IDLE)));
            claude.prompt("please write the file");

            await().atMost(WAIT).until(() -> claude.statuses().contains(SessionStatus.WAITING_APPROVAL));
            SessionRow waiting = claude.rows().stream()
                    .filter(row -> row.status() == SessionStatus.WAITING_APPROVAL).findFirst().orElseThrow();
            assertThat(waiting.needsAttention()).isTrue();
            assertThat(waiting.statusReason()).startsWith("screen: permission dialog at ");
            claude.tmux.answerDialog(claude.pane, "Enter");

            await().atMost(WAIT).until(() -> Files.exists(out));
            claude.tmux.awaitScreen(claude.pane, "Written by hand.", WAIT);
            await().atMost(WAIT).until(() -> claude.statuses().get(claude.statuses().size() - 1)
                    == SessionStatus.IDLE);
            assertThat(claude.statuses()).as(claude.rows().stream().map(SessionRow::statusReason).toList().toString())
                    .containsExactly(SessionStatus.IDLE, SessionStatus.RUNNING,
                    SessionStatus.WAITING_APPROVAL, SessionStatus.RUNNING, SessionStatus.IDLE);
            assertThat(claude.rows().get(claude.rows().size() - 1).statusReason())
                    .startsWith("screen: prompt, no \"esc to interrupt\" at ");
            assertThat(claude.cp.approvals("pending")).isEmpty();
        }
    }

    private String script(String command, String finalText) {
        return codec.mapper().createObjectNode().set("anthropic", codec.mapper().createArrayNode()
                .add(codec.mapper().createObjectNode().put("tool", "Bash").set("input", codec.mapper()
                        .createObjectNode().put("command", command).put("description", "Write a file")))
                .add(codec.mapper().createObjectNode().put("text", finalText))).toString();
    }

    /** Runs the real {@code agentd install-hooks --transport command} as its own process. */
    private static void installHooks(Path stateDir, Path settings) throws IOException, InterruptedException {
        Process install = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "dev.agentcommander.agentd.app.AgentdMain", "install-hooks",
                "--settings", settings.toString(), "--state-dir", stateDir.toString(), "--transport", "command")
                .redirectErrorStream(true).start();
        String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(install.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(install.exitValue()).as(output).isZero();
        assertThat(Files.readString(settings)).contains(" hook PermissionRequest --socket ");
    }
}
