package dev.agentcommander.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.desktop.LaunchOptions;
import dev.agentcommander.desktop.console.AppUnderTest;
import dev.agentcommander.desktop.console.TerminalProbe;
import dev.agentcommander.desktop.sessions.SessionsView;
import dev.agentcommander.server.app.ControlPlane;
import dev.agentcommander.server.app.ServerConfig;
import dev.agentcommander.server.app.ServerTuning;
import dev.agentcommander.server.login.GithubLoginConfig;
import dev.agentcommander.desktop.client.RemoteBackend;
import dev.agentcommander.schema.model.Role;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The real app as a thin client ({@code --connect}, no token) of a real control plane (H2, 127.0.0.1:0) whose GitHub
 * is a local fake: the sign-in screen shows the code and GitHub's page, the fake approves it, and the app comes up
 * signed in with the role the allowlists give; an email that is not allowed, or a code that expired, is explained
 * on the screen, and "Start again" hands out a new code; so is a control plane that is not set up for it or not
 * reachable. With {@code AGENT_COMMANDER_TOKEN} set there is no sign-in screen.
 */
@Timeout(180)
class GithubSignInTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256-0123456789";

    @RegisterExtension
    static final AppUnderTest APP = new AppUnderTest();
    @TempDir
    static Path serverDir;
    @TempDir
    Path dataDir;

    static FakeGithub github;
    static ControlPlane controlPlane;
    private final FxRobot robot = APP.robot();
    private final LoginWindow login = new LoginWindow(robot, WAIT);

    @BeforeAll
    static void startServers() {
        github = FakeGithub.start(1);
        github.emails("gho_ann", "[{\"email\":\"ann@example.com\",\"verified\":true,\"primary\":true}]");
        github.emails("gho_bob", "[{\"email\":\"bob@example.com\",\"verified\":true,\"primary\":true}]");
        github.emails("gho_zed", "[{\"email\":\"zed@elsewhere.example\",\"verified\":true,\"primary\":true}]");
        controlPlane = ControlPlane.start(new ServerConfig(null, SECRET, "127.0.0.1", 0, serverDir),
                ServerTuning.DEFAULTS, GithubLoginConfig.fromEnv(Map.of(
                        "GITHUB_OAUTH_URL", github.url().toString(),
                        "GITHUB_API_URL", github.url().toString(),
                        "GITHUB_CLIENT_ID", FakeGithub.CLIENT_ID,
                        "ADMIN_EMAILS", "ann@example.com",
                        "ALLOWED_EMAILS", "bob@example.com")));
    }

    @AfterAll
    static void stopServers() {
        if (controlPlane != null) {
            controlPlane.close();
        }
        if (github != null) {
            github.close();
        }
    }

    @Test
    void theShownCode_approvedOnGithub_signsInAsAdmin_andTheSessionsScreenComesUp() throws Exception {
        startApp();
        String code = login.awaitCode();
        assertThat(login.text(LoginView.URL_ID)).isEqualTo(github.url() + "/login/device");
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(code);
        assertThat(login.shown(LoginView.STATUS_ID)).isTrue();

        github.approve(code, "gho_ann");

        await().atMost(WAIT).until(() -> login.text("status-identity"),
                "Signed in as ann@example.com · admin"::equals);
        assertThat(login.shown(LoginView.ROOT_ID)).isFalse();
        assertThat(onFx(() -> robot.lookup(".startup-overlay").query().isVisible())).isFalse();
        assertThat(login.shown(SessionsView.TABLE_ID)).isTrue();
    }

    @Test
    void anAllowedEmailThatIsNoAdmin_signsInAsOperator() throws Exception {
        startApp();
        github.approve(login.awaitCode(), "gho_bob");

        await().atMost(WAIT).until(() -> login.text("status-identity"),
                "Signed in as bob@example.com · operator"::equals);
    }

    @Test
    void anEmailThatIsNotAllowed_isExplainedWithWhatToDo_andStartAgainHandsOutANewCode() throws Exception {
        startApp();
        String code = login.awaitCode();
        github.approve(code, "gho_zed");

        await().atMost(WAIT).until(() -> login.shown(LoginView.ERROR_ID));
        assertThat(login.text(LoginView.ERROR_ID)).isEqualTo("Your GitHub account may not use this control plane");
        assertThat(login.text(LoginView.ERROR_DETAIL_ID)).contains("verified emails is allowed");
        assertThat(login.text(LoginView.ERROR_HINT_ID)).contains("ALLOWED_EMAILS");
        assertThat(login.shown(LoginView.CODE_ID)).isFalse();

        robot.clickOn("#" + LoginView.START_AGAIN_ID);
        String again = login.awaitCode();
        assertThat(again).isNotEqualTo(code);
        assertThat(login.shown(LoginView.ERROR_ID)).isFalse();
    }

    @Test
    void anExpiredCode_saysSo_andOffersStartAgain() throws Exception {
        startApp();
        login.awaitCode();
        github.script("expired_token");

        await().atMost(WAIT).until(() -> login.shown(LoginView.ERROR_ID));
        assertThat(login.text(LoginView.ERROR_ID)).isEqualTo("The code expired");
        assertThat(login.text(LoginView.ERROR_HINT_ID)).startsWith("Start again");
        assertThat(login.shown(LoginView.START_AGAIN_ID)).isTrue();
    }

    @Test
    void aControlPlaneNotSetUpForGithub_saysWhatItsAdminSets() throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("plain-server"));
        try (ControlPlane plain = ControlPlane.start(new ServerConfig(null, SECRET, "127.0.0.1", 0, dir))) {
            startApp(URI.create(plain.httpUrl()), Map.of());

            await().atMost(WAIT).until(() -> login.shown(LoginView.ERROR_ID));
            assertThat(login.text(LoginView.ERROR_ID)).isEqualTo("GitHub sign-in is not set up on this control plane");
            assertThat(login.text(LoginView.ERROR_DETAIL_ID)).contains("GITHUB_CLIENT_ID");
            assertThat(login.text(LoginView.ERROR_HINT_ID)).contains("AGENT_COMMANDER_TOKEN");
        }
    }

    @Test
    void anUnreachableControlPlane_saysToCheckTheNetwork() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        startApp(URI.create("http://127.0.0.1:" + closedPort), Map.of());

        await().atMost(WAIT).until(() -> login.shown(LoginView.ERROR_ID));
        assertThat(login.text(LoginView.ERROR_ID)).isEqualTo("Cannot reach the control plane");
        assertThat(login.text(LoginView.ERROR_HINT_ID)).contains("Check the network");
    }

    @Test
    void withATokenInTheEnvironment_thereIsNoSignInScreen() throws Exception {
        String token = controlPlane.mintUserToken(Role.VIEWER, "viv@example.com", Duration.ofMinutes(5));
        startApp(URI.create(controlPlane.httpUrl()), Map.of(RemoteBackend.TOKEN_ENV, token));

        await().atMost(WAIT).until(() -> login.text("status-identity"), "Signed in as viv@example.com · viewer"::equals);
        assertThat(onFx(() -> robot.lookup("#" + LoginView.ROOT_ID).tryQuery().isPresent())).isFalse();
    }

    private void startApp() throws Exception {
        startApp(URI.create(controlPlane.httpUrl()), Map.of());
    }

    private void startApp(URI controlPlaneUrl, Map<String, String> environment) throws Exception {
        APP.start(new LaunchOptions(dataDir, null, null, controlPlaneUrl), environment);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> call) {
        return TerminalProbe.onFx(call);
    }
}
