package dev.agentcommander.desktop.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.hooks.HookEndpoint;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.desktop.LaunchOptions;
import dev.agentcommander.desktop.console.AppWindow;
import dev.agentcommander.desktop.console.TerminalProbe;
import dev.agentcommander.desktop.shell.DesktopApp;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.ApprovalStatus;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.server.app.ControlPlane;
import dev.agentcommander.server.app.ServerConfig;
import dev.agentcommander.server.testing.SharedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Team mode on a real PostgreSQL: the desktop runs its control plane node on the shared database; a second node
 * (another desktop's, or a team server) decides an approval raised on this desktop's agentd. The first desktop's
 * queue drops it at once and says it was decided elsewhere, and the waiting hook gets the decision.
 */
@Timeout(240)
class TeamApprovalsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    @TempDir
    Path work;
    @TempDir
    Path otherNodeDir;

    private final TmuxServer tmux = TmuxServer.notStarted();
    private final HttpClient http = HttpClient.newHttpClient();
    private DesktopApp app;
    private ControlPlane otherNode;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (app != null) {
                FxToolkit.cleanupApplication(app);
            }
            FxToolkit.cleanupStages();
        } finally {
            if (otherNode != null) {
                otherNode.close();
            }
            tmux.close();
        }
    }

    @Test
    void aDecisionOnAnotherNode_reachesTheHook_andLeavesThisDesktopsQueueAsDecidedElsewhere() throws Exception {
        String database = SharedPostgres.newDatabase();
        Path project = Files.createDirectories(work.resolve("team")).toRealPath();
        String pane = tmux.tmux("new-session", "-d", "-P", "-F", "#{pane_id}", "-s", "team", "-x", "100", "-y", "30",
                "-c", project.toString(), "env PS1='$ ' bash --norc --noprofile").strip();
        LaunchOptions team = new LaunchOptions(dataDir, tmux.socket(), database, null);
        app = (DesktopApp) FxToolkit.setupApplication(() -> new DesktopApp(team));
        new AppWindow(new FxRobot(), app).awaitRow(project);
        otherNode = ControlPlane.start(new ServerConfig(database, null, "127.0.0.1", 0, otherNodeDir));

        CompletableFuture<HttpResponse<String>> waiting = permission(awaitHookEndpoint(), pane, project);
        ApprovalRow shown = await().atMost(WAIT).until(() -> onFx(() -> app.workspace().approvals().selectedProperty().get()),
                row -> row != null);

        String token = otherNode.mintUserToken(Role.OPERATOR, "bob@example.com", Duration.ofMinutes(5));
        HttpResponse<String> decided = http.send(HttpRequest.newBuilder(URI.create(otherNode.httpUrl()
                        + "/v1/approvals/" + shown.approvalId() + "/decision"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"decision\":\"deny\",\"reason\":\"wrong branch\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);

        assertThat(waiting.get(30, TimeUnit.SECONDS).body()).isEqualTo("{\"hookSpecificOutput\":{\"hookEventName\":"
                + "\"PermissionRequest\",\"decision\":{\"behavior\":\"deny\",\"message\":\"wrong branch\"}}}");
        await().atMost(WAIT).until(() -> onFx(() -> app.workspace().approvals().pending().isEmpty()));
        assertThat(onFx(() -> app.workspace().approvals().resultProperty().get().text()))
                .isEqualTo("Bash in " + onFx(() -> app.workspace().approvals().where(shown))
                        + ": Denied by bob@example.com: wrong branch (decided elsewhere)");
        ApprovalRow inHistory = onFx(() -> app.workspace().approvals().history().get(0));
        assertThat(inHistory.status()).isEqualTo(ApprovalStatus.DENIED);
        assertThat(inHistory.decidedBy()).isEqualTo("bob@example.com");
    }

    private HookEndpoint awaitHookEndpoint() throws Exception {
        Path file = HookEndpoint.file(dataDir.resolve("agentd"));
        await().atMost(WAIT).until(() -> Files.exists(file));
        JsonNode stored = JSON.readTree(file.toFile());
        return new HookEndpoint(stored.path("url").asText(), stored.path("secret").asText());
    }

    private CompletableFuture<HttpResponse<String>> permission(HookEndpoint hooks, String pane, Path cwd) {
        String body = JSON.createObjectNode().put("session_id", "claude-team")
                .put("hook_event_name", "PermissionRequest").put("cwd", cwd.toString()).put("tool_name", "Bash")
                .set("tool_input", JSON.createObjectNode().put("command", "git push origin main")).toString();
        return http.sendAsync(HttpRequest.newBuilder(URI.create(hooks.url() + "/hooks/PermissionRequest"))
                .header("Content-Type", "application/json").header("X-Tmux-Pane", pane)
                .header("Authorization", "Bearer " + hooks.secret())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T> T onFx(Callable<T> read) {
        return TerminalProbe.onFx(read);
    }
}
