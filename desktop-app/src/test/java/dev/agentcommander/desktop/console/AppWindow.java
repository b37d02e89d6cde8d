package dev.agentcommander.desktop.console;

import static org.awaitility.Awaitility.await;

import dev.agentcommander.desktop.sessions.SessionItem;
import dev.agentcommander.desktop.sessions.SessionsView;
import dev.agentcommander.desktop.shell.DesktopApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;

/** A running app's window as a person uses it: rows of the sessions table, open sessions and grid tiles. */
public final class AppWindow {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final FxRobot robot;
    private final DesktopApp app;

    public AppWindow(FxRobot robot, DesktopApp app) {
        this.robot = robot;
        this.app = app;
    }

    /** The row of the session in {@code cwd}, once the table shows it. */
    public SessionItem awaitRow(Path cwd) {
        return await().atMost(WAIT).until(() -> TerminalProbe.onFx(() -> rowWithCwd(cwd)), Optional::isPresent)
                .orElseThrow();
    }

    /** Selects exactly {@code items} in the table and gives it the keyboard. */
    void select(List<SessionItem> items) {
        TerminalProbe.onFx(() -> {
            TableView<SessionItem> table = table();
            table.getSelectionModel().clearSelection();
            items.forEach(table.getSelectionModel()::select);
            table.requestFocus();
            return null;
        });
    }

    void openWithEnter(SessionItem item) {
        select(List.of(item));
        robot.type(KeyCode.ENTER);
    }

    /** The terminal of the session's own tab, once it is open. */
    LiveTerminal awaitSessionTerminal(SessionItem item) {
        return await().atMost(WAIT).until(() -> TerminalProbe.onFx(() -> {
            SessionView view = app.workspace().sessionView(item.sessionId());
            return view == null ? null : view.terminal();
        }), terminal -> terminal != null);
    }

    LiveTerminal awaitTile(SessionItem item) {
        return await().atMost(WAIT).until(() -> tile(item), terminal -> terminal != null);
    }

    /** The session's grid tile, or null when it has none. */
    LiveTerminal tile(SessionItem item) {
        return TerminalProbe.onFx(() -> app.workspace().grid() == null ? null
                : app.workspace().grid().terminal(item.sessionId()));
    }

    private Optional<SessionItem> rowWithCwd(Path cwd) {
        return List.copyOf(table().getItems()).stream()
                .filter(item -> cwd.toString().equals(item.row().cwd())).findFirst();
    }

    @SuppressWarnings("unchecked")
    private TableView<SessionItem> table() {
        return robot.lookup("#" + SessionsView.TABLE_ID).queryAs(TableView.class);
    }
}
