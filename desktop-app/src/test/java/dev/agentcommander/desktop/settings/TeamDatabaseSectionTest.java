package dev.agentcommander.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.desktop.console.TerminalProbe;
import dev.agentcommander.desktop.shell.FxUiExecutor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** The team database's password is never shown in clear in the settings, but saved with the URL as before. */
@Timeout(60)
class TeamDatabaseSectionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final FxRobot robot = new FxRobot();
    private final AtomicReference<TeamDatabaseSection> section = new AtomicReference<>();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void tearDown() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void aSavedPassword_isInThePasswordField_notInTheUrl_andSavedBackWithIt() throws Exception {
        show("postgres://ann:s3cret@db.example.com:5432/team");

        assertThat(urlField()).isEqualTo("postgres://ann@db.example.com:5432/team");
        assertThat(onFx(() -> robot.lookup("#" + SettingsDialog.TEAM_PASSWORD_ID).queryAs(PasswordField.class)
                .getText())).isEqualTo("s3cret");
        assertThat(onFx(() -> section.get().url())).isEqualTo("postgres://ann:s3cret@db.example.com:5432/team");
    }

    @Test
    void aPastedUrl_losesItsPasswordToThePasswordFieldAtOnce_aTypedOneWhenTheFieldIsLeft() throws Exception {
        show(null);
        onFx(() -> {
            Clipboard.getSystemClipboard().setContent(Map.of(DataFormat.PLAIN_TEXT,
                    "jdbc:postgresql://db:5432/team?user=ann&password=s3cret"));
            robot.lookup("#" + SettingsDialog.TEAM_URL_ID).query().requestFocus();
            return null;
        });
        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#" + SettingsDialog.TEAM_URL_ID).query()
                .isFocused()));
        robot.press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);

        await().atMost(WAIT).until(() -> urlField().equals("jdbc:postgresql://db:5432/team?user=ann"));
        assertThat(onFx(() -> section.get().url())).isEqualTo("jdbc:postgresql://db:5432/team?user=ann&password=s3cret");

        onFx(() -> {
            robot.lookup("#" + SettingsDialog.TEAM_URL_ID).queryAs(TextField.class).clear();
            return null;
        });
        robot.write("postgres://bob:hunter2@db/team");
        assertThat(urlField()).isEqualTo("postgres://bob:hunter2@db/team");
        robot.press(KeyCode.TAB).release(KeyCode.TAB);

        await().atMost(WAIT).until(() -> urlField().equals("postgres://bob@db/team"));
        assertThat(onFx(() -> section.get().url())).isEqualTo("postgres://bob:hunter2@db/team");
    }

    private void show(String saved) throws Exception {
        FxToolkit.setupStage(stage -> {
            TeamDatabaseSection built = new TeamDatabaseSection(new Settings(true, true, Settings.Theme.SYSTEM, saved),
                    new TeamDatabase(null, TeamDatabase.Source.NONE), new TeamDatabaseProbe(Duration.ofSeconds(1)),
                    new FxUiExecutor());
            section.set(built);
            stage.setScene(new Scene(new javafx.scene.layout.StackPane(built.node()), 700, 300));
            stage.show();
        });
    }

    private String urlField() {
        return onFx(() -> robot.lookup("#" + SettingsDialog.TEAM_URL_ID).queryAs(TextField.class).getText());
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        return TerminalProbe.onFx(read);
    }
}
