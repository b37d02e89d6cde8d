package dev.agentcommander.desktop.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.testing.HookClient;
import dev.agentcommander.desktop.LaunchOptions;
import dev.agentcommander.desktop.console.AppUnderTest;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

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

    @RegisterExtension
    static final AppUnderTest APP = new AppUnderTest();

    private final HttpClient http = HttpClient.newHttpClient();
    private DesktopApp app;
    private ControlPlane otherNode;

    @AfterEach
    void closeTheOtherNode() {
        if (otherNode != null) {
            otherNode.close();
        }
    }

    @Test
    void aDecisionOnAnotherNode_reachesTheHook_andLeavesThisDesktopsQueueAsDecidedElsewhere() throws Exception {
        String database = SharedPostgres.newDatabase();
        Path project = Files.createDirectories(work.resolve("team")).toRealPath();
        String pane = APP.shell("team", project);
        app = APP.start(new LaunchOptions(dataDir, APP.tmux().socket(), database, null), System.getenv());
        APP.window().awaitRow(project);
        otherNode = ControlPlane.start(new ServerConfig(database, null, "127.0.0.1", 0, otherNodeDir));

        CompletableFuture<HttpResponse<String>> waiting = HookClient.forStateDir(dataDir.resolve("agentd"), JSON)
                .permission(pane, project, "git push origin main");
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

    private static <T> T onFx(Callable<T> read) {
        return TerminalProbe.onFx(read);
    }
}
