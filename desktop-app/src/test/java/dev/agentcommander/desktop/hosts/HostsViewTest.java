package dev.agentcommander.desktop.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.desktop.console.TerminalProbe;
import dev.agentcommander.schema.model.HostRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The hosts screen as a viewer or operator sees it: no admin actions, and the reason said. */
@Timeout(60)
class HostsViewTest {
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void aNonAdmin_isNotOfferedAddOrRevoke_andTheShortcutSaysWhy() throws Exception {
        HostsViewModel model = new HostsViewModel(Instant.now());
        FxToolkit.setupStage(stage -> show(stage, model));
        TerminalProbe.onFx(() -> {
            model.connected(null, false, "viewer");
            model.replaceAll(List.of(new HostRow("h-1", "laptop", true, Instant.now(), 3, Instant.now())));
            robot.lookup("#" + HostsView.TABLE_ID).query().requestFocus();
            return null;
        });

        assertThat(TerminalProbe.onFx(() -> robot.lookup("#" + HostsView.ADD_ID).query().isVisible())).isFalse();
        assertThat(TerminalProbe.onFx(() -> robot.lookup("#" + HostsView.REVOKE_ID).query().isVisible())).isFalse();
        assertThat(TerminalProbe.onFx(() -> robot.lookup("#" + HostsView.ADMIN_NOTE_ID).queryAs(Label.class)
                .getText())).isEqualTo("Adding hosts and revoking their tokens is for admins; you are signed in as "
                + "viewer.");
        await().atMost(Duration.ofSeconds(10)).until(() -> TerminalProbe.onFx(() ->
                robot.lookup("#" + HostsView.TABLE_ID).query().isFocused()));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.N).release(KeyCode.N, KeyCode.SHIFT, KeyCode.CONTROL);

        assertThat(TerminalProbe.onFx(() -> robot.lookup("#" + HostsView.RESULT_ID).queryAs(Label.class).getText()))
                .isEqualTo("Only admins can add hosts or revoke their tokens; you are signed in as viewer");
        assertThat(TerminalProbe.onFx(() -> robot.lookup("#" + HostsView.NAME_ID).query().getParent().isVisible()))
                .isFalse();
    }

    private static void show(Stage stage, HostsViewModel model) {
        stage.setScene(new Scene(new javafx.scene.layout.StackPane(new HostsView(model).node()), 900, 600));
        stage.show();
    }
}
