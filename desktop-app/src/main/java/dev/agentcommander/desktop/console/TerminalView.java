package dev.agentcommander.desktop.console;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.concurrent.Worker;
import javafx.scene.Node;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebView;
import javafx.util.Duration;
import netscape.javascript.JSException;
import netscape.javascript.JSObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real terminal: xterm.js in a WebView, at the pane's own size (cols × rows) with its font scaled to fit the
 * view. Output is batched into one call per FX pulse; when xterm.js falls behind, output is held back, and when
 * too much is held it is dropped and {@link #onOverflow} asks for a repaint instead. Typed input (keys, paste)
 * goes to {@link #onInput} as the bytes a terminal would send. FX thread only.
 */
public final class TerminalView {
    private static final Logger LOG = LoggerFactory.getLogger(TerminalView.class);
    /** Bytes xterm.js may hold unparsed before more output waits on this side. */
    static final int PARSER_BACKLOG_LIMIT = 1 << 20;
    /** Bytes held on this side before they are dropped for a repaint. */
    static final int HELD_LIMIT = 8 << 20;

    private final WebView web = new WebView();
    private final WebEngine engine = web.getEngine();
    /** WebView keeps only a weak reference to objects handed to the page: this field keeps the bridge alive. */
    private final Bridge bridge = new Bridge();
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private final PauseTransition backlogRetry = new PauseTransition(Duration.millis(16));
    private final List<Runnable> onReady = new ArrayList<>();
    private Consumer<byte[]> onInput = bytes -> { };
    private Runnable onOverflow = () -> { };
    private JSObject api;
    private int cols;
    private int rows;
    private boolean readOnly;
    private boolean flushScheduled;
    private long dropped;

    public TerminalView(int cols, int rows, boolean readOnly) {
        this.cols = cols;
        this.rows = rows;
        this.readOnly = readOnly;
        web.getStyleClass().add("terminal-view");
        web.setContextMenuEnabled(false);
        web.setMinSize(40, 20);
        backlogRetry.setOnFinished(event -> flush());
        engine.getLoadWorker().stateProperty().addListener((observable, before, state) -> {
            if (state == Worker.State.SUCCEEDED) {
                loaded();
            } else if (state == Worker.State.FAILED) {
                LOG.warn("The terminal page did not load: {}", engine.getLoadWorker().getException());
            }
        });
        engine.load(TerminalView.class.getResource("terminal.html").toExternalForm());
    }

    public Node node() {
        return web;
    }

    public boolean isReady() {
        return api != null;
    }

    /** Runs once the terminal can be read and written (at once if it already can). */
    public void whenReady(Runnable action) {
        if (api != null) {
            action.run();
        } else {
            onReady.add(action);
        }
    }

    public void onInput(Consumer<byte[]> listener) {
        this.onInput = listener;
    }

    public void onOverflow(Runnable listener) {
        this.onOverflow = listener;
    }

    /** Queues output for the terminal, written on the next pulse. */
    public void write(byte[] data) {
        if (held.size() + data.length > HELD_LIMIT) {
            dropped += held.size() + data.length;
            LOG.info("Terminal fell {} bytes behind; dropping them for a repaint", held.size() + data.length);
            held.reset();
            onOverflow.run();
            return;
        }
        held.write(data, 0, data.length);
        if (!flushScheduled) {
            flushScheduled = true;
            javafx.application.Platform.runLater(this::flush);
        }
    }

    /** Forgets output not written yet (a repaint follows). */
    public void discardHeld() {
        held.reset();
    }

    /** Bytes dropped so far because the terminal fell too far behind. */
    public long droppedBytes() {
        return dropped;
    }

    /** The pane's size: the terminal takes it and scales its font, it never reflows to the view. */
    public void paneSize(int newCols, int newRows) {
        if (newCols == cols && newRows == rows) {
            return;
        }
        cols = newCols;
        rows = newRows;
        call("resize", cols, rows);
    }

    /** The pane size that would fill this view at the base font size, or null before the page is ready. */
    public PaneSize sizeForView() {
        Object answer = call("sizeForView");
        if (!(answer instanceof String json)) {
            return null;
        }
        java.util.regex.Matcher numbers = java.util.regex.Pattern.compile("\\d+").matcher(json);
        int[] values = new int[2];
        for (int i = 0; i < 2; i++) {
            if (!numbers.find()) {
                return null;
            }
            values[i] = Integer.parseInt(numbers.group());
        }
        return new PaneSize(values[0], values[1]);
    }

    public int cols() {
        return cols;
    }

    public int rows() {
        return rows;
    }

    public void readOnly(boolean value) {
        readOnly = value;
        call("readOnly", value);
    }

    /** Gives the terminal the keyboard. */
    public void focus() {
        web.requestFocus();
        call("focus");
    }

    /** Pastes text as a terminal does (bracketed when the program asked for it). */
    public void paste(String text) {
        call("paste", text);
    }

    /** Calls a function of the page's {@code window.ac} and returns its answer (null before the page is ready). */
    public Object call(String function, Object... args) {
        if (api == null) {
            return null;
        }
        try {
            return api.call(function, args);
        } catch (JSException e) {
            LOG.warn("Terminal call {} failed: {}", function, e.getMessage());
            return null;
        }
    }

    private void loaded() {
        JSObject window = (JSObject) engine.executeScript("window");
        window.setMember("bridge", bridge);
        JSObject page = (JSObject) engine.executeScript("window.ac");
        page.call("init", cols, rows, readOnly);
        api = page;
        for (Runnable action : List.copyOf(onReady)) {
            action.run();
        }
        onReady.clear();
        flush();
    }

    private void flush() {
        flushScheduled = false;
        if (api == null || held.size() == 0) {
            return;
        }
        Object backlog = call("pending");
        if (backlog instanceof Number number && number.intValue() > PARSER_BACKLOG_LIMIT) {
            backlogRetry.playFromStart();
            return;
        }
        String data = Base64.getEncoder().encodeToString(held.toByteArray());
        held.reset();
        call("write", data);
    }

    /** Called by the page on the FX thread; public because the page sees only public methods. */
    public final class Bridge {
        /** Typed text or a key's sequence, as xterm.js produced it (UTF-16 → UTF-8 bytes). */
        public void input(String data) {
            if (!readOnly) {
                onInput.accept(data.getBytes(StandardCharsets.UTF_8));
            }
        }

        /** Bytes xterm.js sends as a binary string (some mouse reports): one char per byte. */
        public void binary(String data) {
            if (!readOnly) {
                onInput.accept(data.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
    }
}
