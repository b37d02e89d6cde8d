package dev.agentcommander.agentd.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PaneFormatTest {
    private static final String ID = "6f1c1d0e-8f0a-4a57-9a43-7d1e2f3a4b5c";

    @Test
    void parseLine_readsEveryField_andStripsTheLoginShellDash() {
        Pane pane = PaneFormat.parseLine(line("%3", "1234", "0", "", "2", "1700000000", ID, "-bash", "main", "win",
                "title", "/home/me", "", "132", "43")).orElseThrow();

        assertThat(pane).isEqualTo(new Pane("%3", 1234, false, 0, "2", Instant.ofEpochSecond(1700000000), ID, "bash",
                "main", "win", "title", "/home/me").withSize(132, 43));
    }

    @Test
    void parseLine_rejectsPartsOfAValueWithANewlineOrSeparator_andForeignTags() {
        assertThat(PaneFormat.parseLine(line("%3", "1234", "0", "", "2", "1", ID, "bash", "main", "win"))).isEmpty();
        assertThat(PaneFormat.parseLine("line2 of a path" + PaneFormat.SEPARATOR + "x")).isEmpty();
        assertThat(PaneFormat.parseLine(line("x3", "1234", "0", "", "2", "1", ID, "bash", "main", "w", "t", "/", "",
                "80", "24"))).isEmpty();
        assertThat(PaneFormat.parseLine(line("%3", "1234", "0", "", "2", "1", ID, "bash", "main", "w", "t", "/", "",
                "80", "a path's next line"))).isEmpty();
        assertThat(PaneFormat.parseLine(line("%3", "1234", "0", "", "2", "1", "not-a-uuid", "bash", "main", "w", "t",
                "/", "", "80", "24")).orElseThrow().tagged()).isFalse();
    }

    @Test
    void parseLine_readsTheDisplayName_whichNamesTheSession() {
        Pane pane = PaneFormat.parseLine(line("%3", "1234", "0", "", "2", "1", ID, "bash", "main", "win", "t", "/",
                "my build", "80", "24")).orElseThrow();

        assertThat(pane.name()).isEqualTo("my build");
    }

    private static String line(String... fields) {
        return String.join(String.valueOf(PaneFormat.SEPARATOR), fields);
    }
}
