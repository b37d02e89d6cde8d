package dev.agentcommander.desktop.solo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class DataDirTest {
    private static final Path HOME = Path.of("/home/ada");

    @Test
    void explicitDir_wins() {
        assertThat(DataDir.resolve(Path.of("/data/ac"), Map.of("XDG_DATA_HOME", "/xdg"), HOME))
                .isEqualTo(Path.of("/data/ac"));
    }

    @Test
    void xdgDataHome_isUsedWhenAbsolute() {
        assertThat(DataDir.resolve(null, Map.of("XDG_DATA_HOME", "/xdg"), HOME)).isEqualTo(Path.of("/xdg/agent-commander"));
    }

    @Test
    void withoutXdg_orWithARelativeOne_theHomeDefaultApplies() {
        Path expected = Path.of("/home/ada/.local/share/agent-commander");
        assertThat(DataDir.resolve(null, Map.of(), HOME)).isEqualTo(expected);
        assertThat(DataDir.resolve(null, Map.of("XDG_DATA_HOME", "relative/dir"), HOME)).isEqualTo(expected);
    }
}
