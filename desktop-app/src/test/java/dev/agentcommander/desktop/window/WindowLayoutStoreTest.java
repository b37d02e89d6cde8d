package dev.agentcommander.desktop.window;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowLayoutStoreTest {
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void aSavedLayout_isLoadedBack() {
        WindowLayoutStore store = new WindowLayoutStore(dataDir.resolve("window.json"), json);
        WindowLayout layout = new WindowLayout(120, 80, 1400, 900, true, 0.6);

        store.save(layout);

        assertThat(new WindowLayoutStore(dataDir.resolve("window.json"), json).load()).contains(layout);
    }

    @Test
    void noFile_anUnreadableFile_orUnusableBounds_meanNoSavedLayout() throws Exception {
        Path file = dataDir.resolve("window.json");
        WindowLayoutStore store = new WindowLayoutStore(file, json);
        assertThat(store.load()).isEmpty();

        Files.writeString(file, "{not json");
        assertThat(store.load()).isEmpty();

        Files.writeString(file, "{\"x\": 10, \"y\": 10, \"width\": 0, \"height\": 600}");
        assertThat(store.load()).isEmpty();
    }

    @Test
    void aDividerAtAnEdge_orMissing_isTheDefault() throws Exception {
        Path file = dataDir.resolve("window.json");
        Files.writeString(file, "{\"x\": 10, \"y\": 20, \"width\": 800, \"height\": 600, \"later\": true}");

        assertThat(new WindowLayoutStore(file, json).load())
                .contains(new WindowLayout(10, 20, 800, 600, false, WindowLayout.DEFAULT_TIMELINE_DIVIDER));
        assertThat(new WindowLayout(10, 20, 800, 600, false, 0.99).timelineDivider())
                .isEqualTo(WindowLayout.DEFAULT_TIMELINE_DIVIDER);
    }
}
