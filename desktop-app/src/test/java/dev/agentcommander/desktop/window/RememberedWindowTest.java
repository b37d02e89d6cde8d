package dev.agentcommander.desktop.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.desktop.console.AppUnderTest;
import dev.agentcommander.desktop.console.TerminalProbe;
import dev.agentcommander.desktop.hosts.HostsScreen;
import dev.agentcommander.desktop.shell.DesktopApp;
import dev.agentcommander.schema.WireCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The real app: the window's bounds and the timeline divider at close are the ones it opens with next time, and
 * they (and the open tabs) are on disk soon after a change, without a normal close, should the app crash.
 */
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
    void aChangedLayoutAndTab_areSavedSoon_withoutTheAppClosing() throws Exception {
        DesktopApp app = start();
        TerminalProbe.onFx(() -> {
            Stage stage = stage(app);
            stage.setX(210);
            stage.setY(120);
            stage.setWidth(1000);
            stage.setHeight(650);
            app.workspace().timelineDivider().set(0.6);
            return null;
        });
        // Connected (its own host listed): the tabs are the workspace's to save from now on.
        await().atMost(Duration.ofSeconds(60)).until(() -> TerminalProbe.onFx(() ->
                !app.workspace().hosts().model().hosts().isEmpty()));
        TerminalProbe.onFx(() -> {
            app.workspace().tabs().getTabs().stream().filter(tab -> HostsScreen.TAB_ID.equals(tab.getId()))
                    .findFirst().ifPresent(tab -> app.workspace().tabs().getSelectionModel().select(tab));
            return null;
        });

        WindowLayoutStore window = new WindowLayoutStore(dataDir.resolve("window.json"), new WireCodec().mapper());
        await().atMost(Duration.ofSeconds(10)).until(() -> window.load()
                .filter(layout -> layout.x() == 210 && layout.y() == 120 && layout.width() == 1000
                        && layout.height() == 650 && layout.timelineDivider() == 0.6)
                .isPresent());
        Path tabs = dataDir.resolve("workspace.json");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(tabs)
                && Files.readString(tabs).contains("\"selected\":\"hosts\""));
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
