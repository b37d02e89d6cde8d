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
public final class StatusBadgeCell extends TableCell<SessionItem, SessionRow> {
    public static final String BADGE = "status-badge";
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
        if (empty || row == null || row.status() == null) {
            setGraphic(null);
            setTooltip(null);
            return;
        }
        show(badge, row);
        why.setText(reason(row));
        setTooltip(why);
        setGraphic(badge);
    }

    /** Makes {@code badge} show the row's status with its colour. */
    public static void show(Label badge, SessionRow row) {
        badge.getStyleClass().removeIf(style -> style.startsWith(STATUS_PREFIX) && !style.equals(BADGE));
        if (!badge.getStyleClass().contains(BADGE)) {
            badge.getStyleClass().add(BADGE);
        }
        badge.setText(label(row.status()));
        badge.getStyleClass().add(STATUS_PREFIX + row.status());
    }

    static String label(SessionStatus status) {
        return status.toString().replace('_', ' ');
    }

    /** "waiting approval — screen: permission dialog at …", or just the status when agentd gave no reason. */
    public static String reason(SessionRow row) {
        String reason = row.statusReason();
        return reason == null || reason.isBlank() ? label(row.status()) : label(row.status()) + " — " + reason;
    }
}
