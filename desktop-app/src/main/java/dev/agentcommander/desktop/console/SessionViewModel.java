package dev.agentcommander.desktop.console;

import dev.agentcommander.desktop.sessions.ActionResult;
import dev.agentcommander.desktop.sessions.SessionActions;
import dev.agentcommander.desktop.sessions.SessionItem;
import dev.agentcommander.desktop.sessions.SessionsViewModel;
import dev.agentcommander.schema.model.GitInfo;
import dev.agentcommander.schema.model.SessionRow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * One open session without controls: its live row (name, host, provider, status, cwd, git), what the signed-in
 * person may do, and the outcome of the last action, shown in the view where it was asked. Owned by the UI thread.
 */
public final class SessionViewModel {
    private final SessionItem item;
    private final SessionActions actions;
    private final boolean canOperate;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name");
    private final ReadOnlyStringWrapper host = new ReadOnlyStringWrapper(this, "host");
    private final ReadOnlyStringWrapper place = new ReadOnlyStringWrapper(this, "place");
    private final ObjectProperty<ActionResult> result = new SimpleObjectProperty<>(this, "result");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");

    public SessionViewModel(SessionItem item, SessionsViewModel sessions, SessionActions actions, boolean canOperate) {
        this.item = item;
        this.actions = actions;
        this.canOperate = canOperate;
        name.bind(Bindings.createStringBinding(() -> SessionsViewModel.displayName(item.row()), item.rowProperty()));
        host.bind(Bindings.createStringBinding(() -> sessions.hostName(item.row().hostId()) + " · "
                + item.row().provider(), item.rowProperty(), sessions.hostNames()));
        place.bind(Bindings.createStringBinding(() -> place(item.row()), item.rowProperty()));
    }

    public String sessionId() {
        return item.sessionId();
    }

    public SessionRow row() {
        return item.row();
    }

    public ReadOnlyObjectProperty<SessionRow> rowProperty() {
        return item.rowProperty();
    }

    public boolean canOperate() {
        return canOperate;
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** "laptop · claude". */
    public ReadOnlyStringProperty hostProperty() {
        return host.getReadOnlyProperty();
    }

    /** "~/src/api · main* ↑2 ↓1": the folder and its git state. */
    public ReadOnlyStringProperty placeProperty() {
        return place.getReadOnlyProperty();
    }

    public ObjectProperty<ActionResult> resultProperty() {
        return result;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public void rename(String newName) {
        String trimmed = newName == null ? "" : newName.strip();
        if (trimmed.isEmpty()) {
            result.set(ActionResult.failed("Rename: a name is needed"));
            return;
        }
        run(done -> actions.rename(item.row(), trimmed, done));
    }

    public void interrupt() {
        run(done -> actions.interrupt(item.row(), done));
    }

    public void kill() {
        run(done -> actions.kill(item.row(), done));
    }

    public void adopt() {
        run(done -> actions.adopt(item.row(), done));
    }

    public void cleanup(boolean force) {
        run(done -> actions.cleanup(item.row(), force, done));
    }

    public void fitPane(PaneSize size) {
        run(done -> actions.fitPane(item.row(), size.cols(), size.rows(), done));
    }

    /** An outcome that did not come from a command (an export, a refused action). */
    public void report(ActionResult outcome) {
        result.set(outcome);
    }

    private void run(Consumer<Consumer<ActionResult>> action) {
        if (!canOperate) {
            result.set(ActionResult.failed("Viewers cannot change sessions: ask an operator or admin"));
            return;
        }
        busy.set(true);
        action.accept(outcome -> {
            busy.set(false);
            result.set(outcome);
        });
    }

    static String place(SessionRow row) {
        List<String> parts = new ArrayList<>();
        parts.add(row.cwd() == null || row.cwd().isBlank() ? "no folder" : row.cwd());
        GitInfo git = row.git();
        if (git != null && git.branch() != null) {
            StringBuilder branch = new StringBuilder("⎇ ").append(git.branch());
            if (Boolean.TRUE.equals(git.dirty())) {
                branch.append(" (dirty)");
            }
            if (git.ahead() != null && git.ahead() > 0) {
                branch.append(" ↑").append(git.ahead());
            }
            if (git.behind() != null && git.behind() > 0) {
                branch.append(" ↓").append(git.behind());
            }
            parts.add(branch.toString());
        }
        return String.join("   ", parts);
    }
}
