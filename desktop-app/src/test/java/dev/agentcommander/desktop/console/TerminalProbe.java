package dev.agentcommander.desktop.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.testfx.util.WaitForAsyncUtils;

/** Reads a terminal back through xterm.js's own buffer API in the WebView (not through our code's model). */
public final class TerminalProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TerminalView terminal;

    public TerminalProbe(TerminalView terminal) {
        this.terminal = terminal;
    }

    public boolean ready() {
        return onFx(terminal::isReady);
    }

    /** The visible lines, right-trimmed. */
    List<String> lines() {
        JsonNode lines = json("lines");
        List<String> out = new ArrayList<>();
        lines.forEach(line -> out.add(line.asText()));
        return out;
    }

    public String screenText() {
        return String.join("\n", lines());
    }

    /** {chars, width, fg, bg, bold, underline, inverse}: colours are "default", "p<index>" or "#rrggbb". */
    JsonNode cell(int x, int y) {
        return json("cell", x, y);
    }

    /** The first cell on screen showing {@code text}'s first character at the start of {@code text}. */
    JsonNode cellOf(String text) {
        List<String> lines = lines();
        for (int y = 0; y < lines.size(); y++) {
            int x = lines.get(y).indexOf(text);
            if (x >= 0) {
                return cell(x, y);
            }
        }
        throw new AssertionError("'" + text + "' is not on screen:\n" + String.join("\n", lines));
    }

    String bufferType() {
        return String.valueOf(onFx(() -> terminal.call("bufferType")));
    }

    JsonNode size() {
        return json("size");
    }

    double fontSize() {
        return ((Number) onFx(() -> terminal.call("fontSize"))).doubleValue();
    }

    int parserBacklog() {
        return ((Number) onFx(() -> terminal.call("pending"))).intValue();
    }

    private JsonNode json(String function, Object... args) {
        String text = String.valueOf(onFx(() -> terminal.call(function, args)));
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("xterm.js answered " + text, e);
        }
    }

    public static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
