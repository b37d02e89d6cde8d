package dev.agentcommander.desktop.solo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.desktop.LaunchOptions;
import dev.agentcommander.desktop.sessions.SessionItem;
import dev.agentcommander.desktop.sessions.SessionsView;
import dev.agentcommander.desktop.shell.DesktopApp;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.SessionStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The real app in solo mode: embedded control plane and agentd watching a private tmux server. */
@Timeout(180)
class SoloModeTest {
    private static final Duration UI_WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    private final TmuxServer tmux = TmuxServer.notStarted();
    private final FxRobot robot = new FxRobot();
    private Application app;

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
            tmux.close();
        }
    }

    @Test
    void solo_showsRealTmuxPanesLive_andKeepsKilledOnesAsGone() throws Exception {
        Path first = Files.createDirectories(work.resolve("first-project")).toRealPath();
        Path second = Files.createDirectories(work.resolve("second-project")).toRealPath();
        tmux.tmux("new-session", "-d", "-s", "acdemo", "-n", "editor", "-c", first.toString(), "sleep 3600");

        app = startApp();

        SessionItem firstRow = awaitRow(first);
        await().atMost(UI_WAIT).until(() -> onFx(() -> hostCellText(firstRow)), MachineName.current()::equals);
        await().atMost(UI_WAIT).until(() -> onFx(() -> label("#status-socket").getText()),
                text -> text.equals("Control plane: connected"));
        await().atMost(UI_WAIT).until(() -> onFx(() -> label("#status-agent").getText()),
                text -> text.equals("agentd: connected"));
        await().atMost(UI_WAIT).until(() -> onFx(() -> statusTooltip(firstRow)),
                text -> text.startsWith("running — process: pane_current_command=sleep at "));

        String secondPane = tmux.tmux("new-window", "-d", "-P", "-F", "#{pane_id}", "-t", "acdemo", "-n", "tests",
                "-c", second.toString(), "sleep 3600").strip();
        SessionItem secondRow = awaitRow(second);
        assertThat(secondRow.row().status()).isNotEqualTo(SessionStatus.GONE);

        tmux.tmux("kill-pane", "-t", secondPane);

        await().atMost(UI_WAIT).until(() -> onFx(() -> secondRow.row().status()), SessionStatus.GONE::equals);
        assertThat(onFx(() -> table().getItems())).contains(firstRow, secondRow);
        assertThat(onFx(() -> firstRow.row().status())).isNotEqualTo(SessionStatus.GONE);
    }

    @Test
    void controlPlaneJson_isWrittenWithTheLivePort_andRemovedOnClose() throws Exception {
        tmux.tmux("new-session", "-d", "-s", "idle", "sleep 3600");
        Path infoFile = dataDir.resolve("control-plane.json");

        app = startApp();

        await().atMost(UI_WAIT).until(() -> Files.exists(infoFile));
        JsonNode info = new WireCodec().mapper().readTree(infoFile.toFile());
        int port = info.get("port").asInt();
        assertThat(port).isPositive();
        assertThat(info.get("url").asText()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(info.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(info.get("url").asText() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        FxToolkit.cleanupApplication(app);
        app = null;

        assertThat(infoFile).doesNotExist();
    }

    private Application startApp() throws Exception {
        LaunchOptions options = LaunchOptions.solo(dataDir, tmux.socket());
        return FxToolkit.setupApplication(() -> new DesktopApp(options));
    }

    private SessionItem awaitRow(Path cwd) {
        return await().atMost(UI_WAIT).until(() -> onFx(() -> rowWithCwd(cwd)), Optional::isPresent).orElseThrow();
    }

    private Optional<SessionItem> rowWithCwd(Path cwd) {
        List<SessionItem> items = List.copyOf(table().getItems());
        return items.stream().filter(item -> cwd.toString().equals(item.row().cwd())).findFirst();
    }

    @SuppressWarnings("unchecked")
    private TableView<SessionItem> table() {
        return robot.lookup("#" + SessionsView.TABLE_ID).queryAs(TableView.class);
    }

    private String hostCellText(SessionItem item) {
        TableColumn<SessionItem, ?> host = table().getColumns().stream()
                .filter(column -> "column-host".equals(column.getId())).findFirst().orElseThrow();
        return String.valueOf(host.getCellObservableValue(item).getValue());
    }

    /** The tooltip of the row's status badge: why the status is what it is. */
    private String statusTooltip(SessionItem item) {
        return robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .filter(cell -> cell.getTableColumn() != null && "column-status".equals(cell.getTableColumn().getId())
                        && cell.getTableRow() != null && cell.getTableRow().getItem() == item
                        && cell.getTooltip() != null)
                .map(cell -> cell.getTooltip().getText()).findFirst().orElse("");
    }

    private Label label(String query) {
        return robot.lookup(query).queryAs(Label.class);
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }
}
