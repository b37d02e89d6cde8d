package dev.agentcommander.desktop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventTextTest {
    @Test
    void aCommandCodexWrapsInAShell_isShownAsTheCommandItself() {
        assertThat(EventText.shownCommand("/bin/bash -lc 'echo hello'")).isEqualTo("echo hello");
        assertThat(EventText.shownCommand("bash -lc 'printf '\\''%s'\\'' x'")).isEqualTo("printf '%s' x");
        assertThat(EventText.shownCommand("/bin/zsh -lc 'ls\n-l'")).isEqualTo("ls\n-l");
        assertThat(EventText.shownCommand("git status")).isEqualTo("git status");
        assertThat(EventText.shownCommand("/bin/bash -c 'echo'")).isEqualTo("/bin/bash -c 'echo'");
    }
}
