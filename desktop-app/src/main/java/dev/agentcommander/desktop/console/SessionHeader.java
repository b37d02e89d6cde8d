package dev.agentcommander.desktop.console;

import atlantafx.base.theme.Styles;
import dev.agentcommander.desktop.sessions.StatusBadgeCell;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The header of a session's tab: name, status badge (its reason in a tooltip), host and provider, folder and git. */
final class SessionHeader {
    private SessionHeader() {
    }

    /** {@code trailing} goes at the right end of the first line. */
    static Node of(SessionViewModel model, Node... trailing) {
        Label name = new Label();
        name.setId("session-name");
        name.getStyleClass().add(Styles.TITLE_3);
        name.textProperty().bind(model.nameProperty());
        Label badge = new Label();
        badge.setId("session-status");
        Tooltip why = new Tooltip();
        badge.setTooltip(why);
        model.rowProperty().addListener((observable, before, row) -> {
            StatusBadgeCell.show(badge, row);
            why.setText(StatusBadgeCell.reason(row));
        });
        StatusBadgeCell.show(badge, model.row());
        why.setText(StatusBadgeCell.reason(model.row()));
        Label host = new Label();
        host.setId("session-host");
        host.getStyleClass().add(Styles.TEXT_MUTED);
        host.textProperty().bind(model.hostProperty());
        Label place = new Label();
        place.setId("session-place");
        place.getStyleClass().addAll("session-place", Styles.TEXT_MUTED);
        place.textProperty().bind(model.placeProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(12, name, badge, host, spacer);
        top.getChildren().addAll(trailing);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(4, top, place);
        header.getStyleClass().add("session-header");
        return header;
    }
}
