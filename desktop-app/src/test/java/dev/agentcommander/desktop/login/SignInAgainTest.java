package dev.agentcommander.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.desktop.LaunchOptions;
import dev.agentcommander.desktop.console.AppUnderTest;
import dev.agentcommander.desktop.console.TerminalProbe;
import dev.agentcommander.desktop.shell.DesktopApp;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.server.app.ControlPlane;
import dev.agentcommander.server.app.ServerConfig;
import dev.agentcommander.server.app.ServerTuning;
import dev.agentcommander.server.login.GithubLoginConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * A signed-in thin client whose token the control plane stops accepting (its signing secret changed, so the token
 * can be neither used nor refreshed) shows the sign-in screen again, and once someone signed in it reconnects and
 * resubscribes as them: the status bar names them and a host created afterwards shows up.
 */
@Timeout(180)
class SignInAgainTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String FIRST_SECRET = "a-test-secret-that-is-long-enough-for-hs256-0123456789";
    private static final String ROTATED_SECRET = "another-secret-that-is-long-enough-for-hs256-987654321";

    @RegisterExtension
    static final AppUnderTest APP = new AppUnderTest();
    @TempDir
    Path serverDir;
    @TempDir
    Path dataDir;

    private final FxRobot robot = APP.robot();
    private final LoginWindow login = new LoginWindow(robot, WAIT);
    private FakeGithub github;
    private ControlPlane controlPlane;

    @AfterEach
    void stopServers() {
        if (controlPlane != null) {
            controlPlane.close();
        }
        if (github != null) {
            github.close();
        }
    }

    @Test
    void aTokenTheControlPlaneNoLongerAccepts_bringsBackTheSignIn_andTheWindowResumesAfterIt() throws Exception {
        github = FakeGithub.start(1);
        github.emails("gho_ann", "[{\"email\":\"ann@example.com\",\"verified\":true,\"primary\":true}]");
        github.emails("gho_bob", "[{\"email\":\"bob@example.com\",\"verified\":true,\"primary\":true}]");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        controlPlane = startControlPlane(port, FIRST_SECRET);
        DesktopApp app = APP.start(new LaunchOptions(dataDir, null, null, URI.create(controlPlane.httpUrl())), Map.of());
        github.approve(login.awaitCode(), "gho_ann");
        await().atMost(WAIT).until(() -> login.text("status-identity"), "Signed in as ann@example.com · admin"::equals);
        await().atMost(WAIT).until(() -> !login.shown(LoginView.ROOT_ID));
        assertThat(login.shown(LoginView.REASON_ID)).isFalse();

        controlPlane.close();
        controlPlane = startControlPlane(port, ROTATED_SECRET);

        String code = login.awaitCode();
        assertThat(onFx(() -> robot.lookup(".startup-overlay").query().isVisible())).isTrue();
        assertThat(login.shown(LoginView.REASON_ID)).isTrue();
        assertThat(login.text(LoginView.REASON_ID)).contains("no longer accepts your sign-in").contains("Sign in again");
        github.approve(code, "gho_bob");
        await().atMost(WAIT).until(() -> !login.shown(LoginView.ROOT_ID));
        // Someone else signed in this time: the screens come back with their identity and role.
        await().atMost(WAIT).until(() -> login.text("status-identity"), "Signed in as bob@example.com · operator"::equals);
        await().atMost(WAIT).until(() -> !onFx(() -> robot.lookup(".startup-overlay").query().isVisible()));

        String hostId = createHost("after-sign-in");
        await().atMost(WAIT).until(() -> onFx(() -> app.workspace().hosts().model().hosts().stream()
                .map(HostRow::hostId).anyMatch(hostId::equals)));
    }

    private ControlPlane startControlPlane(int port, String secret) {
        return ControlPlane.start(new ServerConfig(null, secret, "127.0.0.1", port, serverDir),
                ServerTuning.DEFAULTS, GithubLoginConfig.fromEnv(Map.of(
                        "GITHUB_OAUTH_URL", github.url().toString(),
                        "GITHUB_API_URL", github.url().toString(),
                        "GITHUB_CLIENT_ID", FakeGithub.CLIENT_ID,
                        "ADMIN_EMAILS", "ann@example.com",
                        "ALLOWED_EMAILS", "bob@example.com")));
    }

    private String createHost(String name) throws Exception {
        String token = controlPlane.mintUserToken(Role.ADMIN, "ops@example.com", Duration.ofMinutes(5));
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(controlPlane.httpUrl() + "/v1/hosts"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).get("host_id").asText();
    }

    private static <T> T onFx(Callable<T> call) {
        return TerminalProbe.onFx(call);
    }
}
