package dev.agentcommander.desktop.console;

import dev.agentcommander.desktop.shell.Connection;
import dev.agentcommander.schema.model.SessionRow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;

/**
 * A session's live terminal: the terminal view, the console stream that feeds it while it is shown (hidden or
 * closed, it unsubscribes so only what is visible streams), what it received as a recording, and typed input sent
 * to the pane (operators only; viewers get a read-only terminal). UI thread only.
 */
public final class LiveTerminal implements AutoCloseable {
    private final Connection connection;
    private final String sessionId;
    private final boolean readOnly;
    private final TerminalView terminal;
    private final ConsoleStream stream;
    private final ConsoleRecording recording;
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "closed");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");

    /** Typing reaches the pane when the signed-in person may operate. */
    public LiveTerminal(Connection connection, SessionRow row, Clock clock) {
        this(connection, row, clock, !connection.identity().canOperate());
    }

    /** {@code readOnly}: shows the pane without sending what is typed, whoever is signed in. */
    public LiveTerminal(Connection connection, SessionRow row, Clock clock, boolean readOnly) {
        this.connection = connection;
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
                recording.output(data);
                terminal.write(data);
            }

            @Override
            public void problem(String code, String message) {
                problem.set(message);
            }
        }, state::set);
        terminal.onOverflow(stream::renew);
        terminal.onInput(this::send);
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

    /** connecting, live or closed. */
    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** What the control plane last refused about this terminal, or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Shown: stream; hidden: stop streaming (a repaint brings the screen back when shown again). */
    public void visible(boolean shown) {
        if (shown) {
            stream.open();
        } else {
            stream.close();
        }
    }

    public boolean streaming() {
        return stream.isOpen();
    }

    /** The session row changed: follow the pane's size. */
    public void rowChanged(SessionRow row) {
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

    private void send(byte[] data) {
        String subscription = stream.subscriptionId();
        if (subscription != null && !readOnly()) {
            connection.socket().consoleInput(subscription, data);
        }
    }
}
