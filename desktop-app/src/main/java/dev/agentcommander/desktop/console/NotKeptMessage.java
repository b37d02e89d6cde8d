package dev.agentcommander.desktop.console;

import atlantafx.base.theme.Styles;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Stands in for a terminal whose pane closed before its screen was ever captured, instead of a blank screen. */
final class NotKeptMessage {
    private NotKeptMessage() {
    }

    /** The message, shown (and the terminal hidden) once {@code terminal}'s pane has closed with no screen kept. */
    static Node over(LiveTerminal terminal) {
        Label message = new Label(ClosedPane.NOT_KEPT, new FontIcon(Feather.POWER));
        message.setWrapText(true);
        message.getStyleClass().addAll("session-not-kept", Styles.TITLE_4);
        message.visibleProperty().bind(terminal.closedProperty().map(pane -> !pane.screenKept()).orElse(false));
        terminal.node().visibleProperty().bind(message.visibleProperty().not());
        return message;
    }
}
