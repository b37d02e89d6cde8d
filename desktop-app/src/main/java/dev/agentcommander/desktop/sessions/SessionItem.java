package dev.agentcommander.desktop.sessions;

import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One line of the sessions table. The item stays the same object while its row is replaced by newer versions,
 * so the table keeps selection and scroll position across updates. Owned by the UI thread.
 */
public final class SessionItem {
    private final String sessionId;
    private final ReadOnlyObjectWrapper<SessionRow> row;

    SessionItem(SessionRow row) {
        this.sessionId = row.sessionId();
        this.row = new ReadOnlyObjectWrapper<>(this, "row", row);
    }

    public String sessionId() {
        return sessionId;
    }

    public SessionRow row() {
        return row.get();
    }

    public ReadOnlyObjectProperty<SessionRow> rowProperty() {
        return row.getReadOnlyProperty();
    }

    public boolean isGone() {
        return row.get().status() == SessionStatus.GONE;
    }

    void update(SessionRow newer) {
        row.set(newer);
    }

    @Override
    public String toString() {
        return "SessionItem[" + sessionId + " " + row.get().status() + "]";
    }
}
