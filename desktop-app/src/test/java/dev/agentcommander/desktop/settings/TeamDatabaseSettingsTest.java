package dev.agentcommander.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.desktop.LaunchOptions;
import dev.agentcommander.desktop.console.AppUnderTest;
import dev.agentcommander.desktop.console.TerminalProbe;
import dev.agentcommander.desktop.shell.DesktopApp;
import dev.agentcommander.desktop.shell.MainWindow;
import dev.agentcommander.server.testing.SharedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The real app in solo mode: the settings dialog tests a team database (a closed port, then a real PostgreSQL),
 * saves it, and the next start without --database-url joins that database.
 */
@Timeout(240)
class TeamDatabaseSettingsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;
    @TempDir
    Path config;
    @TempDir
    Path work;

    @RegisterExtension
    static final AppUnderTest APP = new AppUnderTest();

    private final FxRobot robot = APP.robot();

    @Test
    void aTestedAndSavedTeamDatabase_isJoinedAtTheNextStart() throws Exception {
        String database = SharedPostgres.newDatabase();
        Path project = Files.createDirectories(work.resolve("team-project")).toRealPath();
        APP.shell("team", project);
        DesktopApp solo = start();
        APP.window().awaitRow(project);
        robot.clickOn("#" + MainWindow.SETTINGS_ID);
        Label mode = await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#" + SettingsDialog.TEAM_MODE_ID)
                .tryQueryAs(Label.class).orElse(null)), label -> label != null);
        assertThat(onFx(mode::getText)).startsWith("Now: Solo mode");

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        enter("postgres://postgres@127.0.0.1:" + closed + "/team");
        robot.clickOn("#" + SettingsDialog.TEAM_TEST_ID);
        await().atMost(WAIT).until(() -> result().startsWith("Cannot connect: "));
        assertThat(result()).contains("refused").contains("check the host and port");

        enter(database);
        robot.clickOn("#" + SettingsDialog.TEAM_TEST_ID);
        await().atMost(WAIT).until(() -> result().startsWith("Connected: PostgreSQL "));
        onFx(() -> {
            DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
            ((Button) pane.lookupButton(ButtonType.OK)).fire();
            return null;
        });
        Path file = config.resolve("agent-commander").resolve("settings.json");
        await().atMost(WAIT).until(() -> Files.exists(file));
        assertThat(Files.readString(file)).contains(database);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(onFx(() -> robot.lookup("#mode-label").queryAs(Label.class).getText())).isEqualTo("Solo");

        FxToolkit.cleanupApplication(solo);
        start();

        APP.window().awaitRow(project);
        assertThat(onFx(() -> robot.lookup("#mode-label").queryAs(Label.class).getText())).isEqualTo("Team");
        assertThat(hostNames(database)).isNotEmpty();
    }

    private DesktopApp start() throws Exception {
        return APP.start(LaunchOptions.solo(dataDir, APP.tmux().socket()), Map.of("XDG_CONFIG_HOME", config.toString()));
    }

    private void enter(String url) {
        onFx(() -> {
            robot.lookup("#" + SettingsDialog.TEAM_URL_ID).queryAs(TextField.class).setText(url);
            return null;
        });
    }

    private String result() {
        return onFx(() -> robot.lookup("#" + SettingsDialog.TEAM_RESULT_ID).queryAs(Label.class).getText());
    }

    private static List<String> hostNames(String jdbcUrl) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                ResultSet rows = connection.createStatement().executeQuery("SELECT name FROM hosts")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static <T> T onFx(Callable<T> read) {
        return TerminalProbe.onFx(read);
    }
}
