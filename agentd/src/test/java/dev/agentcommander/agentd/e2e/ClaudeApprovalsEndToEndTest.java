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
import dev.agentcommander.agentd.hooks.HookEndpoint;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude Code's HTTP hooks, posted for real to agentd's receiver, with approvals decided through the real control
 * plane: the waiting hook request gets exactly the JSON Claude Code expects.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClaudeApprovalsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String ALLOW = "{\"hookSpecificOutput\":{\"hookEventName\":\"PermissionRequest\","
            + "\"decision\":{\"behavior\":\"allow\"}}}";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final WireCodec codec = new WireCodec();

    @Test
    void decisions_allowDenyAndUpdatedInput_answerTheWaitingHookWithExactJson_andAWrongSecretIs401() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("hooks-host");
            try (Agentd agentd = Agentd.start(config(cp.agentUrl(), host, tmux, 600))) {
                HookEndpoint endpoint = agentd.hookEndpoint().orElseThrow();
                String pane = tmux.paneIds().get(0);
                String sessionId = awaitSession(cp, host, pane);
                runFakeClaude(tmux, pane);
                await().atMost(WAIT).until(() -> row(cp, host, sessionId).provider() == Provider.CLAUDE);

                CompletableFuture<HttpResponse<String>> allowed = permission(endpoint, pane, "echo allowed");
                cp.decide(awaitPending(cp, "echo allowed"), "{\"decision\":\"allow\"}");
                assertThat(answer(allowed)).isEqualTo(ALLOW);

                CompletableFuture<HttpResponse<String>> denied = permission(endpoint, pane, "rm -rf /");
                String denyId = awaitPending(cp, "rm -rf /");
                await().atMost(WAIT).until(() -> row(cp, host, sessionId).status() == SessionStatus.WAITING_APPROVAL
                        && row(cp, host, sessionId).needsAttention());
                cp.decide(denyId, "{\"decision\":\"deny\",\"reason\":\"not on my watch\"}");
                assertThat(answer(denied)).isEqualTo("{\"hookSpecificOutput\":{\"hookEventName\":\"PermissionRequest\","
                        + "\"decision\":{\"behavior\":\"deny\",\"message\":\"not on my watch\"}}}");

                CompletableFuture<HttpResponse<String>> edited = permission(endpoint, pane, "rm -rf build");
                cp.decide(awaitPending(cp, "rm -rf build"),
                        "{\"decision\":\"allow\",\"updated_input\":{\"command\":\"rm -rf build/tmp\"}}");
                assertThat(answer(edited)).isEqualTo("{\"hookSpecificOutput\":{\"hookEventName\":\"PermissionRequest\","
                        + "\"decision\":{\"behavior\":\"allow\",\"updatedInput\":{\"command\":\"rm -rf build/tmp\"}}}}");

                HttpResponse<String> wrong = post(endpoint.url(), "Bearer not-the-secret", "Stop", pane, "{}").join();
                assertThat(wrong.statusCode()).isEqualTo(401);
                assertThat(post(endpoint.url(), null, "Stop", pane, "{}").join().statusCode()).isEqualTo(401);

                HttpResponse<String> stop = hook(endpoint, "Stop", pane, "{\"session_id\":\"claude-1\"}").join();
                assertThat(stop.statusCode()).isEqualTo(200);
                assertThat(stop.body()).isEmpty();
                await().atMost(WAIT).until(() -> row(cp, host, sessionId).status() == SessionStatus.IDLE
                        && row(cp, host, sessionId).statusReason().startsWith("hook: Stop at "));

                Path hooksJson = HookEndpoint.file(dir.resolve("state"));
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hooksJson)))
                        .isEqualTo("rw-------");
                agentd.close();
                try (Agentd again = Agentd.start(config(cp.agentUrl(), host, tmux, 600))) {
                    assertThat(again.hookEndpoint()).contains(endpoint);
                }
            }
        }
    }

    @Test
    void postToolUse_whileTheHookWaits_releasesIt_andClosesTheApprovalAsAnsweredInTheTerminal() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("hooks-host");
            try (Agentd agentd = Agentd.start(config(cp.agentUrl(), host, tmux, 600))) {
                HookEndpoint endpoint = agentd.hookEndpoint().orElseThrow();
                String pane = tmux.paneIds().get(0);
                awaitSession(cp, host, pane);
                CompletableFuture<HttpResponse<String>> waiting = permission(endpoint, pane, "make test");
                String approvalId = awaitPending(cp, "make test");

                hook(endpoint, "PostToolUse", pane, "{\"session_id\":\"claude-1\",\"tool_name\":\"Bash\"}").join();

                assertThat(answer(waiting)).isEmpty();
                await().atMost(WAIT).until(() -> statusOf(cp, approvalId).equals(Optional.of("answered_in_terminal")));
            }
        }
    }

    @Test
    void noDecisionWithinTheTimeout_answersEmpty_andClosesTheApprovalAsTimedOut() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("hooks-host");
            try (Agentd agentd = Agentd.start(config(cp.agentUrl(), host, tmux, 2))) {
                HookEndpoint endpoint = agentd.hookEndpoint().orElseThrow();
                String pane = tmux.paneIds().get(0);
                awaitSession(cp, host, pane);

                HttpResponse<String> response = permission(endpoint, pane, "sleep 1").get(30, TimeUnit.SECONDS);

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEmpty();
                String approvalId = awaitClosed(cp, "sleep 1");
                await().atMost(WAIT).until(() -> statusOf(cp, approvalId).equals(Optional.of("timed_out")));
            }
        }
    }

    @Test
    void controlPlaneDownWhenAsked_decisionAfterItIsBack_stillAnswersTheWaitingHook() throws Exception {
        int port = freePort();
        Path cpDir = dir.resolve("cp");
        ControlPlaneFixture.Host host;
        String agentUrl;
        try (TmuxServer tmux = TmuxServer.start(dir)) {
            String pane = tmux.paneIds().get(0);
            CompletableFuture<HttpResponse<String>> waiting;
            try (ControlPlaneFixture cp = ControlPlaneFixture.h2(cpDir, port)) {
                host = cp.createHost("hooks-host");
                agentUrl = cp.agentUrl();
            }
            try (Agentd agentd = Agentd.start(config(agentUrl, host, tmux, 600))) {
                HookEndpoint endpoint = agentd.hookEndpoint().orElseThrow();
                try (ControlPlaneFixture cp = ControlPlaneFixture.h2(cpDir, port)) {
                    awaitSession(cp, host, pane);
                }
                waiting = permission(endpoint, pane, "deploy --prod");
                Path outbox = dir.resolve("state/outbox");
                await().atMost(WAIT).until(() -> hasPendingApproval(outbox));
                try (ControlPlaneFixture cp = ControlPlaneFixture.h2(cpDir, port)) {
                    cp.decide(awaitPending(cp, "deploy --prod"), "{\"decision\":\"allow\"}");
                    assertThat(answer(waiting)).isEqualTo(ALLOW);
                }
            }
        }
    }

    @Test
    void keysMode_answersEmptyAtOnce_thenTypesTheDecisionIntoThePaneShowingTheDialog() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("hooks-host");
            try (Agentd agentd = Agentd.start(config(cp.agentUrl(), host, tmux, 600, "keys"))) {
                HookEndpoint endpoint = agentd.hookEndpoint().orElseThrow();
                String pane = tmux.paneIds().get(0);
                awaitSession(cp, host, pane);
                showFakeDialog(tmux, pane);

                assertThat(answer(permission(endpoint, pane, "npm test"))).isEmpty();
                cp.decide(awaitPending(cp, "npm test"), "{\"decision\":\"allow\"}");

                await().atMost(WAIT).until(() -> tmux.tmux("capture-pane", "-p", "-t", pane).contains("got:1"));
            }
        }
    }

    @Test
    void bothMode_answersTheHook_andTypesTheAnswerOnlyIfTheDialogIsStillShownAfterwards() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("hooks-host");
            try (Agentd agentd = Agentd.start(config(cp.agentUrl(), host, tmux, 600, "both"))) {
                HookEndpoint endpoint = agentd.hookEndpoint().orElseThrow();
                String pane = tmux.paneIds().get(0);
                awaitSession(cp, host, pane);
                showFakeDialog(tmux, pane);

                CompletableFuture<HttpResponse<String>> waiting = permission(endpoint, pane, "cargo build");
                cp.decide(awaitPending(cp, "cargo build"), "{\"decision\":\"deny\",\"reason\":\"no\"}");

                assertThat(answer(waiting)).contains("\"behavior\":\"deny\"");
                // The fake dialog ignores the hook's answer and stays: the fallback types Escape into it.
                await().atMost(WAIT).until(() -> tmux.tmux("capture-pane", "-p", "-t", pane).contains("got:$'\\E'"));
            }
        }
    }

    @Test
    void agentdKilledWhileAnApprovalWaits_theNextStartClosesItAsWithdrawn() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("killed-host");
            Path config = AgentdProcess.writeConfig(dir, cp, host, tmux, dir.resolve("state"));
            Path log = dir.resolve("agentd.log");
            String pane = tmux.paneIds().get(0);
            String approvalId;
            CompletableFuture<HttpResponse<String>> waiting;
            try (AgentdProcess first = AgentdProcess.start(config, log)) {
                awaitSession(cp, host, pane);
                HookEndpoint endpoint = await().atMost(WAIT).until(() -> readEndpoint(dir.resolve("state")),
                        Optional::isPresent).get();
                waiting = permission(endpoint, pane, "make deploy");
                approvalId = awaitPending(cp, "make deploy");

                first.kill();
            }
            assertThat(waiting).failsWithin(WAIT);
            assertThat(statusOf(cp, approvalId)).contains("pending");

            try (AgentdProcess second = AgentdProcess.start(config, log)) {
                await().atMost(WAIT).until(() -> statusOf(cp, approvalId).equals(Optional.of("withdrawn")));
                assertThatThrownBy(() -> cp.decide(approvalId, "{\"decision\":\"allow\"}"))
                        .hasMessageContaining("409");
                await().atMost(WAIT).until(() -> {
                    try (var markers = Files.list(dir.resolve("state/approvals"))) {
                        return markers.findAny().isEmpty();
                    }
                });
                assertThat(second.alive()).isTrue();
            } catch (AssertionError | RuntimeException e) {
                System.out.println("agentd log:\n" + Files.readString(log));
                throw e;
            }
        }
    }

    private Optional<HookEndpoint> readEndpoint(Path stateDir) {
        try {
            return Files.exists(HookEndpoint.file(stateDir))
                    ? Optional.of(codec.mapper().readValue(HookEndpoint.file(stateDir).toFile(), HookEndpoint.class))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A stand-in for Claude Code's permission dialog that prints the key it gets. */
    private static void showFakeDialog(TmuxServer tmux, String pane) {
        tmux.awaitPrompt(pane);
        tmux.tmux("send-keys", "-t", pane, "-l", "--", "clear; printf 'Do you want to proceed?\\n> 1. Yes\\n  2. No\\n';"
                + " IFS= read -rsn1 k; printf 'got:%q\\n' \"$k\"");
        tmux.tmux("send-keys", "-t", pane, "Enter");
        await().atMost(WAIT).until(() -> tmux.tmux("capture-pane", "-p", "-t", pane).lines()
                .anyMatch(line -> line.equals("  2. No")));
    }

    /** A process named {@code claude} in the pane, so discovery sees Claude running there (hooks then decide). */
    private void runFakeClaude(TmuxServer tmux, String pane) throws IOException {
        Path fake = dir.resolve("bin/claude");
        Files.createDirectories(fake.getParent());
        Files.copy(Path.of("/bin/sleep"), fake);
        fake.toFile().setExecutable(true);
        tmux.awaitPrompt(pane);
        tmux.tmux("send-keys", "-t", pane, "-l", "--", fake + " 600");
        tmux.tmux("send-keys", "-t", pane, "Enter");
    }

    private static boolean hasPendingApproval(Path outbox) throws IOException {
        try (var files = Files.list(outbox)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).anyMatch(f -> {
                try {
                    return Files.readString(f).contains("approval.requested");
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    private String answer(CompletableFuture<HttpResponse<String>> response) throws Exception {
        HttpResponse<String> done = response.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(done.statusCode()).isEqualTo(200);
        return done.body();
    }

    private CompletableFuture<HttpResponse<String>> permission(HookEndpoint endpoint, String pane, String command) {
        String body = codec.mapper().createObjectNode().put("session_id", "claude-1")
                .put("hook_event_name", "PermissionRequest").put("cwd", dir.toString()).put("tool_name", "Bash")
                .set("tool_input", codec.mapper().createObjectNode().put("command", command).put("description", "t"))
                .toString();
        return hook(endpoint, "PermissionRequest", pane, body);
    }

    private CompletableFuture<HttpResponse<String>> hook(HookEndpoint endpoint, String event, String pane,
                                                         String body) {
        return post(endpoint.url(), "Bearer " + endpoint.secret(), event, pane, body);
    }

    private CompletableFuture<HttpResponse<String>> post(String url, String auth, String event, String pane,
                                                         String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/hooks/" + event))
                .header("Content-Type", "application/json").header("X-Tmux-Pane", pane)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String awaitPending(ControlPlaneFixture cp, String command) {
        return await().atMost(WAIT).until(() -> cp.approvals("pending").stream()
                        .filter(a -> a.path("tool_input").path("command").asText().equals(command))
                        .map(a -> a.get("approval_id").textValue()).findFirst(), Optional::isPresent).get();
    }

    private static String awaitClosed(ControlPlaneFixture cp, String command) {
        return await().atMost(WAIT).until(() -> cp.approvals("decided").stream()
                        .filter(a -> a.path("tool_input").path("command").asText().equals(command))
                        .map(a -> a.get("approval_id").textValue()).findFirst(), Optional::isPresent).get();
    }

    /** The approval's status, looked up among pending and decided ones. */
    private static Optional<String> statusOf(ControlPlaneFixture cp, String approvalId) {
        for (String status : List.of("pending", "decided")) {
            for (JsonNode approval : cp.approvals(status)) {
                if (approval.get("approval_id").textValue().equals(approvalId)) {
                    return Optional.of(approval.get("status").textValue());
                }
            }
        }
        return Optional.empty();
    }

    private static String awaitSession(ControlPlaneFixture cp, ControlPlaneFixture.Host host, String pane) {
        return await().atMost(WAIT).until(() -> cp.sessions(host.hostId()).stream()
                .filter(row -> row.tmux() != null && pane.equals(row.tmux().paneId())
                        && row.status() != SessionStatus.GONE)
                .map(SessionRow::sessionId).findFirst(), Optional::isPresent).get();
    }

    private static SessionRow row(ControlPlaneFixture cp, ControlPlaneFixture.Host host, String sessionId) {
        return cp.sessions(host.hostId()).stream().filter(r -> r.sessionId().equals(sessionId)).findFirst()
                .orElseThrow();
    }

    private AgentConfig config(String agentUrl, ControlPlaneFixture.Host host, TmuxServer tmux, int timeoutS)
            throws IOException {
        return config(agentUrl, host, tmux, timeoutS, "hook");
    }

    private AgentConfig config(String agentUrl, ControlPlaneFixture.Host host, TmuxServer tmux, int timeoutS,
                               String approvalMode) throws IOException {
        Path tokenFile = Files.writeString(dir.resolve("host.token"), host.token() + "\n");
        return new AgentConfig(new ControlPlaneConfig(List.of(agentUrl), tokenFile), tmux.config(100),
                new StorageConfig(dir.resolve("state")),
                new ProvidersConfig(CodexConfig.defaults(), new ClaudeConfig(approvalMode)),
                new HooksConfig("127.0.0.1:0", "", timeoutS), new GitConfig(5000));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
