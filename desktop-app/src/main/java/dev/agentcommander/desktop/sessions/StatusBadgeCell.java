package dev.agentcommander.desktop.sessions;

import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/**
 * A session status as a coloured badge; the colour comes from {@code .status-<wire name>} in sessions.css. The
 * tooltip says why the status is what it is: the row's {@code status_reason} (which signal decided, and since when).
 * UI thread.
 */
final class StatusBadgeCell extends TableCell<SessionItem, SessionRow> {
    static final String BADGE = "status-badge";
    private static final String STATUS_PREFIX = "status-";

    private final Label badge = new Label();
    private final Tooltip why = new Tooltip();

    StatusBadgeCell() {
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        badge.getStyleClass().add(BADGE);
        why.setWrapText(true);
        why.setMaxWidth(520);
    }

    @Override
    protected void updateItem(SessionRow row, boolean empty) {
        super.updateItem(row, empty);
        badge.getStyleClass().removeIf(style -> style.startsWith(STATUS_PREFIX) && !style.equals(BADGE));
        if (empty || row == null || row.status() == null) {
            setGraphic(null);
            setTooltip(null);
            return;
        }
        badge.setText(label(row.status()));
        badge.getStyleClass().add(STATUS_PREFIX + row.status());
        why.setText(reason(row));
        setTooltip(why);
        setGraphic(badge);
    }

    static String label(SessionStatus status) {
        return status.toString().replace('_', ' ');
    }

    /** "waiting approval — screen: permission dialog at …", or just the status when agentd gave no reason. */
    static String reason(SessionRow row) {
        String reason = row.statusReason();
        return reason == null || reason.isBlank() ? label(row.status()) : label(row.status()) + " — " + reason;
    }
}
