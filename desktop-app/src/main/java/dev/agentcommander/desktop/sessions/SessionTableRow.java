package dev.agentcommander.desktop.sessions;

import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.TableRow;

/** A table row that greys out gone sessions and marks ones that need attention. Owned by the UI thread. */
final class SessionTableRow extends TableRow<SessionItem> {
    static final PseudoClass GONE = PseudoClass.getPseudoClass("gone");
    static final PseudoClass ATTENTION = PseudoClass.getPseudoClass("attention");

    private final ChangeListener<SessionRow> rowListener = (observable, before, after) -> showState(after);
    private SessionItem watched;

    @Override
    protected void updateItem(SessionItem item, boolean empty) {
        super.updateItem(item, empty);
        if (watched != null) {
            watched.rowProperty().removeListener(rowListener);
        }
        watched = empty ? null : item;
        if (watched != null) {
            watched.rowProperty().addListener(rowListener);
        }
        showState(watched == null ? null : watched.row());
    }

    private void showState(SessionRow row) {
        boolean gone = row != null && row.status() == SessionStatus.GONE;
        pseudoClassStateChanged(GONE, gone);
        pseudoClassStateChanged(ATTENTION, row != null && !gone && row.needsAttention());
    }
}
