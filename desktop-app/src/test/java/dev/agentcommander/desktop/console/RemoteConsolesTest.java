package dev.agentcommander.desktop.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.app.Agentd;
import dev.agentcommander.agentd.app.AgentdMain;
import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.testing.TcpProxy;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.desktop.LaunchOptions;
import dev.agentcommander.desktop.client.AccessToken;
import dev.agentcommander.desktop.client.ControlPlaneClient;
import dev.agentcommander.desktop.client.HostToken;
import dev.agentcommander.desktop.client.RemoteBackend;
import dev.agentcommander.desktop.sessions.SessionItem;
import dev.agentcommander.desktop.shell.DesktopApp;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.server.app.ControlPlane;
import dev.agentcommander.server.app.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The app as a thin client of a real control plane (H2, 127.0.0.1:0) reached through a TCP proxy, with two real
 * agentd processes (one in this JVM, one its own JVM) on two private tmux servers: a grid of four sessions from both
 * hosts streams all four and a closed tile ends its pane's stream; a viewer's terminal is read-only; a cut
 * connection ends, once the app is back, in the pane's real screen.
 */
@Timeout(240)
class RemoteConsolesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256-0123456789";

    @TempDir
    Path work;

    private final WireCodec codec = new WireCodec();
    private final FxRobot robot = new FxRobot();
    private final TmuxServer alphaTmux = TmuxServer.notStarted();
    private final TmuxServer betaTmux = TmuxServer.notStarted();
    private ControlPlane controlPlane;
    private TcpProxy proxy;
    private Agentd alpha;
    private Process beta;
    private DesktopApp app;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void startHosts() throws Exception {
        controlPlane = ControlPlane.start(new ServerConfig(null, SECRET, "127.0.0.1", 0, dir("control-plane")));
        proxy = TcpProxy.start(URI.create(controlPlane.httpUrl()).getPort());
        ControlPlaneClient admin = client(controlPlane.mintUserToken(Role.ADMIN, "admin@example.com",
                Duration.ofMinutes(10)));
        alpha = Agentd.start(AgentConfig.forLocal(List.of(controlPlane.agentWsUrl()), hostToken(admin, "alpha"),
                alphaTmux.socket(), dir("alpha-state")));
        beta = agentdProcess(hostToken(admin, "beta"), betaTmux, dir("beta-state"));
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (app != null) {
                FxToolkit.cleanupApplication(app);
            }
            FxToolkit.cleanupStages();
        } finally {
            if (beta != null) {
                beta.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (alpha != null) {
                alpha.close();
            }
            if (proxy != null) {
                proxy.close();
            }
            if (controlPlane != null) {
                controlPlane.close();
            }
            alphaTmux.close();
            betaTmux.close();
        }
    }

    @Test
    void aGridOfFourSessionsFromTwoHosts_streamsAllFour_andAClosedTileEndsItsPanesStream() throws Exception {
        List<Pane> panes = List.of(pane(alphaTmux, "alpha-one"), pane(alphaTmux, "alpha-two"),
                pane(betaTmux, "beta-one"), pane(betaTmux, "beta-two"));
        app = startApp(Role.OPERATOR);
        AppWindow window = new AppWindow(robot, app);
        List<SessionItem> items = new ArrayList<>();
        for (Pane pane : panes) {
            items.add(window.awaitRow(pane.cwd));
        }
        assertThat(items.stream().map(item -> item.row().hostId()).distinct()).hasSize(2);

        window.select(items);
        robot.press(KeyCode.CONTROL).press(KeyCode.G).release(KeyCode.G).release(KeyCode.CONTROL);

        List<TerminalProbe> probes = new ArrayList<>();
        for (int i = 0; i < panes.size(); i++) {
            SessionItem item = items.get(i);
            LiveTerminal tile = window.awaitTile(item);
            TerminalProbe probe = new TerminalProbe(tile.terminal());
            probes.add(probe);
            type(panes.get(i), "echo tile-$((" + i + "+100))");
        }
        for (int i = 0; i < panes.size(); i++) {
            TerminalProbe probe = probes.get(i);
            String expected = "tile-" + (i + 100);
            await().atMost(WAIT).until(() -> probe.ready() && probe.screenText().contains(expected));
            assertThat(panes.get(i).pipe()).isEqualTo("1");
        }
        assertThat(onFx(() -> tilePositions())).containsExactlyInAnyOrder("0,0", "1,0", "0,1", "1,1");

        SessionItem closed = items.get(2);
        robot.clickOn(onFx(() -> closeButton(closed)));

        await().atMost(WAIT).until(() -> "0".equals(panes.get(2).pipe()));
        assertThat(window.tile(closed)).isNull();
        for (int i : new int[] {0, 1, 3}) {
            type(panes.get(i), "echo again-$((" + i + "+200))");
            String expected = "again-" + (i + 200);
            TerminalProbe probe = probes.get(i);
            await().atMost(WAIT).until(() -> probe.screenText().contains(expected));
            assertThat(panes.get(i).pipe()).isEqualTo("1");
        }
    }

    @Test
    void aViewersTerminal_saysItIsReadOnly_andWhatTheViewerTypesNeverReachesThePane() throws Exception {
        Pane pane = pane(betaTmux, "watched");
        app = startApp(Role.VIEWER);
        AppWindow window = new AppWindow(robot, app);
        SessionItem item = window.awaitRow(pane.cwd);
        window.openWithEnter(item);
        LiveTerminal live = window.awaitSessionTerminal(item);
        TerminalProbe probe = new TerminalProbe(live.terminal());
        await().atMost(WAIT).until(() -> "live".equals(onFx(() -> live.stateProperty().get())));
        assertThat(onFx(() -> robot.lookup("#session-read-only").queryAs(Label.class).isVisible())).isTrue();
        assertThat(live.readOnly()).isTrue();

        robot.clickOn(live.node());
        robot.write("echo typed-by-a-viewer");
        robot.type(KeyCode.ENTER);
        type(pane, "echo marker-$((6*7))");

        await().atMost(WAIT).until(() -> probe.screenText().contains("marker-42"));
        assertThat(pane.capture()).contains("marker-42").doesNotContain("typed-by-a-viewer");
        assertThat(probe.screenText()).doesNotContain("typed-by-a-viewer");
    }

    @Test
    void aCutConnection_endsInThePanesRealScreen_onceTheAppIsBack() throws Exception {
        Pane pane = pane(alphaTmux, "cut");
        app = startApp(Role.OPERATOR);
        AppWindow window = new AppWindow(robot, app);
        SessionItem item = window.awaitRow(pane.cwd);
        window.openWithEnter(item);
        LiveTerminal live = window.awaitSessionTerminal(item);
        TerminalProbe probe = new TerminalProbe(live.terminal());
        type(pane, "echo before-$((6*7))");
        await().atMost(WAIT).until(() -> probe.ready() && probe.screenText().contains("before-42"));

        proxy.refuse(true);
        proxy.cut();
        await().atMost(WAIT).until(() -> socketStatus().startsWith("Control plane: disconnected"));
        type(pane, "clear; printf '\\033[32mafter\\033[0m-%s\\n' $((6*8)); seq 1 5");
        await().atMost(WAIT).until(() -> pane.capture().contains("after-48"));
        assertThat(probe.screenText()).contains("before-42").doesNotContain("after-48");

        proxy.refuse(false);
        await().atMost(WAIT).until(() -> socketStatus().equals("Control plane: connected"));
        await().atMost(WAIT).until(() -> probe.screenText().contains("after-48"));
        assertThat(probe.screenText()).doesNotContain("before-42");
        assertThat(probe.lines().stream().map(String::stripTrailing).toList()).isEqualTo(pane.screenLines());
        assertThat(probe.cellOf("after").get("fg").asText()).isEqualTo("p2");
    }

    /** A bash pane (no rc files, a plain prompt) of 100 × 30 in its own tmux session and folder. */
    private Pane pane(TmuxServer tmux, String name) throws Exception {
        Path cwd = Files.createDirectories(work.resolve(name)).toRealPath();
        String id = tmux.tmux("new-session", "-d", "-P", "-F", "#{pane_id}", "-s", name, "-x", "100", "-y", "30",
                "-c", cwd.toString(), "env PS1='$ ' TERM=xterm-256color bash --norc --noprofile");
        tmux.awaitPrompt(id);
        return new Pane(tmux, id, cwd);
    }

    private record Pane(TmuxServer tmux, String id, Path cwd) {
        String capture() {
            return tmux.tmux("capture-pane", "-p", "-t", id);
        }

        /** The pane's 30 lines, right-trimmed. */
        List<String> screenLines() {
            List<String> lines = new ArrayList<>(Arrays.stream(capture().split("\n", -1))
                    .map(String::stripTrailing).collect(Collectors.toList()));
            while (lines.size() < 30) {
                lines.add("");
            }
            return lines.subList(0, 30);
        }

        String pipe() {
            return tmux.tmux("display-message", "-p", "-t", id, "#{pane_pipe}");
        }
    }

    private static void type(Pane pane, String line) {
        pane.tmux.tmux("send-keys", "-t", pane.id, "-l", line);
        pane.tmux.tmux("send-keys", "-t", pane.id, "Enter");
    }

    private Path dir(String name) throws Exception {
        return Files.createDirectories(work.resolve(name));
    }

    private ControlPlaneClient client(String token) {
        AccessToken access = AccessToken.fromJwt(token, codec);
        return new ControlPlaneClient(HttpClient.newHttpClient(), URI.create(controlPlane.httpUrl()), () -> access,
                codec);
    }

    private Path hostToken(ControlPlaneClient admin, String name) throws Exception {
        HostRow host = admin.createHost(name);
        HostToken token = admin.mintHostToken(host.hostId());
        return Files.writeString(dir(name).resolve("host.token"), token.token() + "\n");
    }

    /** {@code agentd run --config FILE} in its own JVM, polling tmux every 200 ms. */
    private Process agentdProcess(Path tokenFile, TmuxServer tmux, Path stateDir) throws Exception {
        Path config = Files.writeString(tokenFile.resolveSibling("config.yaml"), """
                control_plane: { urls: ["%s"], token_file: %s }
                tmux: { socket: "%s", poll_interval_ms: 200 }
                storage: { state_dir: %s }
                """.formatted(controlPlane.agentWsUrl(), tokenFile, tmux.socket(), stateDir));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), AgentdMain.class.getName(), "run", "--config",
                config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stateDir.resolveSibling("beta-agentd.log").toFile()));
        builder.environment().remove("TMUX");
        return builder.start();
    }

    private DesktopApp startApp(Role role) throws Exception {
        String token = controlPlane.mintUserToken(role, role.name().toLowerCase() + "@example.com",
                Duration.ofMinutes(10));
        LaunchOptions options = new LaunchOptions(dir("app"), null, null,
                URI.create("http://127.0.0.1:" + proxy.port()));
        return (DesktopApp) FxToolkit.setupApplication(
                () -> new DesktopApp(options, Map.of(RemoteBackend.TOKEN_ENV, token)));
    }

    /** "column,row" of every tile in the grid. */
    private List<String> tilePositions() {
        return robot.lookup(".grid-tile").queryAll().stream()
                .map(node -> GridPane.getColumnIndex(node) + "," + GridPane.getRowIndex(node)).toList();
    }

    private Button closeButton(SessionItem item) {
        Node tile = robot.lookup(".grid-tile").match(node -> item.sessionId().equals(node.getUserData())).query();
        return robot.from(tile).lookup(".button").queryAllAs(Button.class).stream()
                .filter(button -> button.getTooltip().getText().startsWith("Close this tile"))
                .findFirst().orElseThrow();
    }

    private String socketStatus() {
        return onFx(() -> robot.lookup("#status-socket").queryAs(Label.class).getText());
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        return TerminalProbe.onFx(read);
    }
}
