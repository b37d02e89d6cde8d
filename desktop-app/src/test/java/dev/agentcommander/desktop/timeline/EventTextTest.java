package dev.agentcommander.desktop.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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

    @Test
    void aCommandResult_isShownAsItsFields_withoutTheIds() throws Exception {
        ObjectMapper json = new ObjectMapper();

        assertThat(EventText.result(json.readTree("{\"session_id\":\"s-1\",\"pane_id\":\"%3\","
                + "\"worktree\":\"/w/api/fix\",\"branch\":\"fix\",\"base\":\"main\"}")))
                .isEqualTo("worktree /w/api/fix · branch fix · base main");
        assertThat(EventText.result(json.readTree("{\"session_id\":\"s-1\"}"))).isNull();
        assertThat(EventText.result(json.readTree("{\"worktree_removed\":true,\"kept\":null}")))
                .isEqualTo("worktree removed true");
        assertThat(EventText.result(null)).isNull();
    }
}
