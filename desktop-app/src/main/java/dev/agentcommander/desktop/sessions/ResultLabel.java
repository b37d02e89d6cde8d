package dev.agentcommander.desktop.sessions;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Label;

/** Shows what an action came to in a label: its text, green when it went well, red when not; empty for none. */
public final class ResultLabel {
    private ResultLabel() {
    }

    public static void show(Label label, ActionResult outcome) {
        label.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
        label.setText(outcome == null ? "" : outcome.text());
        if (outcome != null) {
            label.getStyleClass().add(outcome.ok() ? Styles.SUCCESS : Styles.DANGER);
        }
    }
}
