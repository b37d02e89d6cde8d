package dev.agentcommander.desktop.sessions;

import dev.agentcommander.schema.model.SessionStatus;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;

/**
 * A session status as a coloured badge; the colour comes from {@code .status-<wire name>} in sessions.css.
 * UI thread.
 */
final class StatusBadgeCell extends TableCell<SessionItem, SessionStatus> {
    static final String BADGE = "status-badge";
    private static final String STATUS_PREFIX = "status-";

    private final Label badge = new Label();

    StatusBadgeCell() {
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        badge.getStyleClass().add(BADGE);
    }

    @Override
    protected void updateItem(SessionStatus status, boolean empty) {
        super.updateItem(status, empty);
        badge.getStyleClass().removeIf(style -> style.startsWith(STATUS_PREFIX) && !style.equals(BADGE));
        if (empty || status == null) {
            setGraphic(null);
            return;
        }
        badge.setText(label(status));
        badge.getStyleClass().add(STATUS_PREFIX + status);
        setGraphic(badge);
    }

    static String label(SessionStatus status) {
        return status.toString().replace('_', ' ');
    }
}
