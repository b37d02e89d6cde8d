package dev.agentcommander.desktop.login;

import static org.awaitility.Awaitility.await;

import dev.agentcommander.desktop.console.TerminalProbe;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.testfx.api.FxRobot;

/** The sign-in screen of a running app as a person reads it: the code once shown, texts, what is visible. */
final class LoginWindow {
    private final FxRobot robot;
    private final Duration wait;

    LoginWindow(FxRobot robot, Duration wait) {
        this.robot = robot;
        this.wait = wait;
    }

    /** The device code, once the screen shows one. */
    String awaitCode() {
        return await().atMost(wait).until(() -> TerminalProbe.onFx(() -> visible(LoginView.CODE_ID)
                ? ((Label) node(LoginView.CODE_ID)).getText() : null), code -> code != null && !code.isBlank());
    }

    /** The text of the label with this id. */
    String text(String id) {
        return TerminalProbe.onFx(() -> ((Label) node(id)).getText());
    }

    /** The node and every parent up to the scene are visible. */
    boolean shown(String id) {
        return TerminalProbe.onFx(() -> visible(id));
    }

    private boolean visible(String id) {
        for (Node node = node(id); node != null; node = node.getParent()) {
            if (!node.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private Node node(String id) {
        return robot.lookup("#" + id).query();
    }
}
