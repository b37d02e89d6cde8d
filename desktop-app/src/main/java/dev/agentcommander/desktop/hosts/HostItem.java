package dev.agentcommander.desktop.hosts;

import dev.agentcommander.schema.model.HostRow;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One line of the hosts table. The item stays the same object while its row is replaced by newer versions, so the
 * table's selection (and what Revoke acts on) stays on the host across updates. Owned by the UI thread.
 */
public final class HostItem {
    private final String hostId;
    private final ReadOnlyObjectWrapper<HostRow> row;

    HostItem(HostRow row) {
        this.hostId = row.hostId();
        this.row = new ReadOnlyObjectWrapper<>(this, "row", row);
    }

    public String hostId() {
        return hostId;
    }

    public HostRow row() {
        return row.get();
    }

    public ReadOnlyObjectProperty<HostRow> rowProperty() {
        return row.getReadOnlyProperty();
    }

    void update(HostRow newer) {
        row.set(newer);
    }
}
