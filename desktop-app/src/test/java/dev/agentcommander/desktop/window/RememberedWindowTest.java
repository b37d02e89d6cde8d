package dev.agentcommander.desktop.window;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.desktop.console.AppUnderTest;
import dev.agentcommander.desktop.console.TerminalProbe;
import dev.agentcommander.desktop.shell.DesktopApp;
import java.nio.file.Path;
import java.util.Map;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** The real app: the window's bounds and the timeline divider at close are the ones it opens with next time. */
@Timeout(240)
class RememberedWindowTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path config;

    @RegisterExtension
    static final AppUnderTest APP = new AppUnderTest();

    @Test
    void aRestartedApp_opensWhereTheWindowWasClosed_withTheSameSizeAndDivider() throws Exception {
        DesktopApp first = start();
        TerminalProbe.onFx(() -> {
            Stage stage = stage(first);
            stage.setX(140);
            stage.setY(90);
            stage.setWidth(1100);
            stage.setHeight(700);
            first.workspace().timelineDivider().set(0.55);
            return null;
        });
        FxToolkit.cleanupApplication(first);
        TerminalProbe.onFx(() -> {
            // The test harness reuses one stage: move it away so the restart must put it back.
            Stage stage = stage(first);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(800);
            stage.setHeight(500);
            return null;
        });

        DesktopApp second = start();

        assertThat(TerminalProbe.onFx(() -> {
            Stage stage = stage(second);
            return new double[] {stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()};
        })).containsExactly(140, 90, 1100, 700);
        assertThat(TerminalProbe.onFx(() -> second.workspace().timelineDivider().get())).isEqualTo(0.55);
        assertThat(new WindowLayoutStore(dataDir.resolve("window.json"), new ObjectMapper()).load())
                .hasValueSatisfying(layout -> assertThat(layout.maximized()).isFalse());
    }

    @Test
    void aWindowSavedOffScreen_opensOnTheScreen() throws Exception {
        new WindowLayoutStore(dataDir.resolve("window.json"), new ObjectMapper())
                .save(new WindowLayout(5000, 4000, 900, 600, false, 0.6));

        DesktopApp app = start();

        // The headless screen is 1600×1200.
        assertThat(TerminalProbe.onFx(() -> {
            Stage stage = stage(app);
            return new double[] {stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()};
        })).containsExactly(700, 600, 900, 600);
    }

    private DesktopApp start() throws Exception {
        if (APP.tmux().socket() != null && !java.nio.file.Files.exists(Path.of(APP.tmux().socket()))) {
            APP.shell("layout", dataDir);
        }
        return APP.start(new dev.agentcommander.desktop.LaunchOptions(dataDir, APP.tmux().socket(), null, null),
                Map.of("XDG_CONFIG_HOME", config.toString()));
    }

    private static Stage stage(DesktopApp app) {
        return (Stage) app.workspace().tabs().getScene().getWindow();
    }
}
