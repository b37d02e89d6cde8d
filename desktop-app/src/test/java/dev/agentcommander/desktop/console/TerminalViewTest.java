package dev.agentcommander.desktop.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.api.FxToolkit;

/** xterm.js in the WebView renders what real terminals render; read back through xterm.js's buffer API. */
@Timeout(120)
class TerminalViewTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private TerminalView terminal;
    private TerminalProbe probe;
    private final List<byte[]> typed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupSceneRoot(() -> {
            terminal = new TerminalView(80, 24, false);
            terminal.onInput(typed::add);
            return new StackPane(terminal.node());
        });
        FxToolkit.setupStage(window -> {
            window.setWidth(900);
            window.setHeight(600);
            window.show();
        });
        probe = new TerminalProbe(terminal);
        await().atMost(WAIT).until(probe::ready);
        assertThat(stage.getScene()).isInstanceOf(Scene.class);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void colours_16_256_andTruecolor_renderAsInATerminal() {
        write("\u001b[31mred\u001b[0m \u001b[1;92mbright\u001b[0m \u001b[38;5;208morange\u001b[0m "
                + "\u001b[38;2;10;200;30mrgb\u001b[0m \u001b[44mbluebg\u001b[0m\r\n");

        await().atMost(WAIT).until(() -> probe.screenText().contains("bluebg"));
        assertThat(probe.cellOf("red").get("fg").asText()).isEqualTo("p1");
        assertThat(probe.cellOf("bright").get("fg").asText()).isEqualTo("p10");
        assertThat(probe.cellOf("bright").get("bold").asBoolean()).isTrue();
        assertThat(probe.cellOf("orange").get("fg").asText()).isEqualTo("p208");
        assertThat(probe.cellOf("rgb").get("fg").asText()).isEqualTo("#0ac81e");
        assertThat(probe.cellOf("bluebg").get("bg").asText()).isEqualTo("p4");
    }

    @Test
    void alternateScreen_showsTheFullScreenProgram_andRestoresTheShell() {
        write("$ ls\r\nfile-a  file-b\r\n$ ");
        await().atMost(WAIT).until(() -> probe.screenText().contains("file-b"));

        write("\u001b[?1049h\u001b[H\u001b[2J\u001b[10;5HFULL SCREEN");
        await().atMost(WAIT).until(() -> probe.lines().get(9).contains("FULL SCREEN"));
        assertThat(probe.bufferType()).isEqualTo("alternate");
        assertThat(probe.screenText()).doesNotContain("file-b");
        assertThat(probe.lines().get(9)).startsWith("    FULL SCREEN");

        write("\u001b[?1049l");
        await().atMost(WAIT).until(() -> probe.bufferType().equals("normal"));
        assertThat(probe.screenText()).contains("file-a  file-b").doesNotContain("FULL SCREEN");
    }

    @Test
    void wideAndCombiningCharacters_takeTheirCells() {
        write("日本語|e\u0301|ok\r\n");

        await().atMost(WAIT).until(() -> probe.screenText().contains("ok"));
        assertThat(probe.cell(0, 0).get("chars").asText()).isEqualTo("日");
        assertThat(probe.cell(0, 0).get("width").asInt()).isEqualTo(2);
        assertThat(probe.cell(6, 0).get("chars").asText()).isEqualTo("|");
        assertThat(probe.cell(7, 0).get("chars").asText()).isEqualTo("e\u0301");
        assertThat(probe.cell(8, 0).get("chars").asText()).isEqualTo("|");
    }

    @Test
    void utf8SplitAcrossWrites_isJoined() {
        byte[] bytes = "né\r\n".getBytes(StandardCharsets.UTF_8);
        onFx(() -> {
            terminal.write(java.util.Arrays.copyOfRange(bytes, 0, 2));
            terminal.write(java.util.Arrays.copyOfRange(bytes, 2, bytes.length));
            return null;
        });

        await().atMost(WAIT).until(() -> probe.lines().get(0).equals("né"));
    }

    @Test
    void paneSize_isKept_andTheFontScalesToTheView() {
        onFx(() -> {
            terminal.paneSize(120, 40);
            return null;
        });
        await().atMost(WAIT).until(() -> probe.size().get("cols").asInt() == 120);
        double wide = probe.fontSize();
        onFx(() -> {
            terminal.paneSize(40, 12);
            return null;
        });
        await().atMost(WAIT).until(() -> probe.size().get("cols").asInt() == 40);

        assertThat(probe.size().get("rows").asInt()).isEqualTo(12);
        assertThat(probe.fontSize()).isGreaterThan(wide);
    }

    @Test
    void typing_isReportedAsTerminalBytes_andNotWhenReadOnly() {
        onFx(() -> {
            terminal.paste("hello");
            return null;
        });
        await().atMost(WAIT).until(() -> joined().equals("hello"));

        onFx(() -> {
            terminal.readOnly(true);
            terminal.paste("ignored");
            return null;
        });
        write("x");
        await().atMost(WAIT).until(() -> probe.screenText().contains("x"));
        assertThat(joined()).isEqualTo("hello");
    }

    private String joined() {
        StringBuilder text = new StringBuilder();
        typed.forEach(bytes -> text.append(new String(bytes, StandardCharsets.UTF_8)));
        return text.toString();
    }

    private void write(String text) {
        onFx(() -> {
            terminal.write(text.getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> action) {
        return TerminalProbe.onFx(action);
    }
}
