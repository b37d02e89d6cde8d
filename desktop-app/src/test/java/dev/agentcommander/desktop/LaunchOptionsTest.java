package dev.agentcommander.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@Timeout(5)
class LaunchOptionsTest {
    @Test
    void noArguments_meansSoloWithDefaults() {
        LaunchOptions options = LaunchOptions.parse();

        assertThat(options).isEqualTo(new LaunchOptions(null, null, null, null));
        assertThat(options.connect()).isEmpty();
    }

    @Test
    void everyOption_isRead() {
        LaunchOptions options = LaunchOptions.parse("--data-dir", "/tmp/ac", "--tmux-socket", "/tmp/tmux-0/x",
                "--database-url", "postgres://u:p@db/ac");

        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/ac"));
        assertThat(options.tmuxSocket()).isEqualTo("/tmp/tmux-0/x");
        assertThat(options.databaseUrl()).isEqualTo("postgres://u:p@db/ac");
        assertThat(LaunchOptions.parse("--connect", "https://cp.example.com").connectUrl())
                .isEqualTo(URI.create("https://cp.example.com"));
    }

    @Test
    void unknownOption_isRejected() {
        assertThatThrownBy(() -> LaunchOptions.parse("--bogus")).isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void connect_withLocalOptions_isRejected() {
        assertThatThrownBy(() -> LaunchOptions.parse("--connect", "http://cp:8080", "--tmux-socket", "/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--connect");
    }
}
