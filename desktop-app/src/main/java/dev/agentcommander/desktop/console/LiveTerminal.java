package dev.agentcommander.desktop.console;

import dev.agentcommander.desktop.client.ControlPlaneException;
import dev.agentcommander.desktop.client.ErrorText;
import dev.agentcommander.desktop.shell.Connection;
import dev.agentcommander.desktop.shell.UiExecutor;
import dev.agentcommander.schema.agent.SessionsSnapshot;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's live terminal: the terminal view, the console stream that feeds it while it is shown (hidden or
 * closed, it unsubscribes so only what is visible streams), what it received as a recording, and typed input sent
 * to the pane (operators only; viewers get a read-only terminal). A pane that has closed (its session is
 * {@code gone}) streams nothing: the terminal keeps the last screen it had, or shows the control plane's stored
 * snapshot, and takes no typing. UI thread only.
 */
public final class LiveTerminal implements AutoCloseable {
    /** The state of a terminal whose pane has closed. */
    public static final String PANE_CLOSED = "pane closed";
    /** The control plane's answer to watching a closed pane whose screen it never kept. */
    private static final String GONE = "gone";
    /** Full reset (RIS), as the control plane starts a repaint. */
    private static final String RESET = "\u001bc";
    private static final Logger LOG = LoggerFactory.getLogger(LiveTerminal.class);

    private final Connection connection;
    private final UiExecutor ui;
    private final Clock clock;
    private final String sessionId;
    private final boolean readOnly;
    private final TerminalView terminal;
    private final ConsoleStream stream;
    private final ConsoleRecording recording;
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "closed");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final ReadOnlyObjectWrapper<ClosedPane> closed = new ReadOnlyObjectWrapper<>(this, "closed");
    /** Whether the stream has played anything into the terminal yet. */
    private boolean painted;
    private boolean gone;

    /** Typing reaches the pane when the signed-in person may operate. */
    public LiveTerminal(Connection connection, UiExecutor ui, SessionRow row, Clock clock) {
        this(connection, ui, row, clock, !connection.identity().canOperate());
    }

    /** {@code readOnly}: shows the pane without sending what is typed, whoever is signed in. */
    public LiveTerminal(Connection connection, UiExecutor ui, SessionRow row, Clock clock, boolean readOnly) {
        this.connection = connection;
        this.ui = ui;
        this.clock = clock;
        this.sessionId = row.sessionId();
        this.readOnly = readOnly;
        PaneSize size = PaneSize.of(row);
        this.terminal = new TerminalView(size.cols(), size.rows(), readOnly);
        this.recording = new ConsoleRecording(clock, size.cols(), size.rows());
        this.stream = new ConsoleStream(connection.socket(), sessionId, new ConsoleStream.Sink() {
            @Override
            public void restart() {
                terminal.discardHeld();
                recording.repaint();
            }

            @Override
            public void bytes(byte[] data) {
                painted = true;
                play(data);
            }

            @Override
            public void problem(String code, String message) {
                if (GONE.equals(code)) {
                    paneClosed(clock.instant());
                } else {
                    problem.set(message);
                }
            }
        }, state::set);
        terminal.onOverflow(stream::renew);
        terminal.onInput(this::send);
        if (row.status() == SessionStatus.GONE) {
            paneClosed(closedAt(row));
        }
    }

    public Node node() {
        return terminal.node();
    }

    public TerminalView terminal() {
        return terminal;
    }

    public String sessionId() {
        return sessionId;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** connecting, live, closed, or {@link #PANE_CLOSED}. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** What the control plane last refused about this terminal, or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Set once the pane has closed: the screen the terminal keeps, if any. */
    public ReadOnlyObjectProperty<ClosedPane> closedProperty() {
        return closed.getReadOnlyProperty();
    }

    /** Shown: stream; hidden: stop streaming (a repaint brings the screen back when shown again). */
    public void visible(boolean shown) {
        if (gone) {
            return;
        }
        if (shown) {
            stream.open();
        } else {
            stream.close();
        }
    }

    public boolean streaming() {
        return stream.isOpen();
    }

    /** The session row changed: follow the pane's size, and stop streaming once the pane has closed. */
    public void rowChanged(SessionRow row) {
        if (row.status() == SessionStatus.GONE) {
            paneClosed(closedAt(row));
            return;
        }
        PaneSize size = PaneSize.of(row);
        terminal.paneSize(size.cols(), size.rows());
        recording.resized(size.cols(), size.rows());
    }

    public void exportRecording(Path file, String title) throws IOException {
        recording.export(file, title, connection.client().codec().mapper());
    }

    public ConsoleStream stream() {
        return stream;
    }

    @Override
    public void close() {
        stream.close();
    }

    /**
     * The pane is gone: nothing more will stream and nothing typed can reach it. A screen the stream painted stays,
     * current as of {@code closedAt}; otherwise the control plane's stored snapshot is shown, if it has one (a
     * failure to load it is shown as the terminal's problem).
     */
    private void paneClosed(Instant closedAt) {
        if (gone) {
            return;
        }
        gone = true;
        stream.close();
        state.set(PANE_CLOSED);
        terminal.readOnly(true);
        if (painted) {
            closed.set(new ClosedPane(closedAt));
            return;
        }
        connection.inBackground(() -> {
            try {
                Optional<SessionsSnapshot> stored = connection.client().snapshot(sessionId);
                ui.execute(() -> showStored(stored.orElse(null)));
            } catch (ControlPlaneException e) {
                LOG.warn("Cannot load the last screen of closed session {}", sessionId, e);
                ui.execute(() -> problem.set("Cannot load the last screen of this closed pane: "
                        + ErrorText.of(e)));
            }
        });
    }

    private Instant closedAt(SessionRow row) {
        return row.updatedAt() == null ? clock.instant() : row.updatedAt();
    }

    private void showStored(SessionsSnapshot stored) {
        if (stored == null) {
            closed.set(new ClosedPane(null));
            return;
        }
        if (stored.cols() != null && stored.rows() != null) {
            terminal.paneSize(stored.cols(), stored.rows());
            recording.resized(stored.cols(), stored.rows());
        }
        recording.repaint();
        String screen = RESET + stored.content().replace("\r\n", "\n").replace("\n", "\r\n");
        play(screen.getBytes(StandardCharsets.UTF_8));
        closed.set(new ClosedPane(stored.capturedAt()));
    }

    private void play(byte[] data) {
        recording.output(data);
        terminal.write(data);
    }

    private void send(byte[] data) {
        String subscription = stream.subscriptionId();
        if (subscription != null && !readOnly()) {
            connection.socket().consoleInput(subscription, data);
        }
    }
}
