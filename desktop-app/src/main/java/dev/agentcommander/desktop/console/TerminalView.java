package dev.agentcommander.desktop.console;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
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
 * view. Output is decoded from UTF-8 here (a sequence split between two writes is joined) and handed to the page in
 * pieces while it holds less than {@link #PARSER_BACKLOG_LIMIT} unparsed; the page parses a few pieces per frame
 * within a time budget, and the busy terminals share {@link #FRAME_BUDGET_MS} of each frame, so a flood cannot keep
 * the FX thread from drawing. What waits here beyond the terminal's share of {@link #HELD_LIMIT} is dropped and
 * {@link #onOverflow} asks for a repaint instead, so the view never falls far behind the pane. Typed input (keys,
 * paste) goes to {@link #onInput} as the bytes a terminal would send. FX thread only.
 */
public final class TerminalView {
    private static final Logger LOG = LoggerFactory.getLogger(TerminalView.class);
    /** Characters per piece: xterm.js parses one piece whole, and the page's frame budget is checked between. */
    static final int WRITE_PIECE = 1024;
    /** Characters the page may hold unparsed before more output waits on this side. */
    static final int PARSER_BACKLOG_LIMIT = 16 * 1024;
    /** Characters waiting on this side before they are dropped for a repaint, shared by the busy terminals. */
    static final int HELD_LIMIT = 512 * 1024;
    /** Milliseconds of each frame that all terminals with output waiting may spend parsing it, together. */
    static final double FRAME_BUDGET_MS = 8;
    private static final long FRAME_NANOS = 16_000_000L;
    /** Terminals with output waiting (FX thread only); weak, so a closed terminal's view is not kept. */
    private static final Set<TerminalView> BUSY = Collections.newSetFromMap(new WeakHashMap<>());

    private final WebView web = TerminalPages.take();
    private final WebEngine engine = web.getEngine();
    /** WebView keeps only a weak reference to objects handed to the page: this field keeps the bridge alive. */
    private final Bridge bridge = new Bridge();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    /** The start of a UTF-8 sequence the last write ended in the middle of. */
    private byte[] undecoded = new byte[0];
    private final StringBuilder held = new StringBuilder();
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
    private double budget = -1;
    private long lastFlushNanos = System.nanoTime() - FRAME_NANOS;

    public TerminalView(int cols, int rows, boolean readOnly) {
        this.cols = cols;
        this.rows = rows;
        this.readOnly = readOnly;
        web.getStyleClass().add("terminal-view");
        web.setContextMenuEnabled(false);
        web.setMinSize(40, 20);
        backlogRetry.setOnFinished(event -> flush());
        if (engine.getLoadWorker().getState() == Worker.State.SUCCEEDED) {
            loaded();
            return;
        }
        engine.getLoadWorker().stateProperty().addListener((observable, before, state) -> {
            if (state == Worker.State.SUCCEEDED) {
                loaded();
            } else if (state == Worker.State.FAILED) {
                LOG.warn("The terminal page did not load: {}", engine.getLoadWorker().getException());
            }
        });
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

    /**
     * Queues output for the terminal, written on the next pulse. When what already waits here is more than this
     * terminal's share of {@link #HELD_LIMIT}, it is dropped instead and {@link #onOverflow} asks for a repaint; a
     * repaint, however large, is taken whole since nothing waits before it.
     */
    public void write(byte[] data) {
        if (held.length() > HELD_LIMIT / Math.max(1, BUSY.size())) {
            dropped += held.length() + data.length;
            LOG.info("Terminal fell {} characters behind; dropping them for a repaint", held.length() + data.length);
            discardHeld();
            onOverflow.run();
            return;
        }
        decode(data);
        // at once when the terminal was idle (a keystroke's echo), else with the next frame's flush
        if (!flushScheduled && System.nanoTime() - lastFlushNanos >= FRAME_NANOS) {
            flushScheduled = true;
            Platform.runLater(this::flush);
        } else if (backlogRetry.getStatus() != Animation.Status.RUNNING) {
            backlogRetry.playFromStart();
        }
    }

    /** Forgets output not written yet (a repaint follows). */
    public void discardHeld() {
        held.setLength(0);
        undecoded = new byte[0];
        utf8.reset();
    }

    /** Bytes and characters dropped so far because the terminal fell too far behind. */
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

    private void decode(byte[] data) {
        ByteBuffer in;
        if (undecoded.length == 0) {
            in = ByteBuffer.wrap(data);
        } else {
            in = ByteBuffer.allocate(undecoded.length + data.length).put(undecoded).put(data).flip();
        }
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        utf8.decode(in, out, false);
        undecoded = new byte[in.remaining()];
        in.get(undecoded);
        held.append(out.flip());
    }

    /** Hands the page what it has room for, in pieces; the rest waits for the parser to catch up. */
    private void flush() {
        flushScheduled = false;
        lastFlushNanos = System.nanoTime();
        if (api == null) {
            return;
        }
        Object answer = call("pending");
        int backlog = answer instanceof Number number ? number.intValue() : 0;
        int end = Math.min(held.length(), Math.max(0, PARSER_BACKLOG_LIMIT - backlog));
        int from = 0;
        while (from < end) {
            int to = Math.min(end, from + WRITE_PIECE);
            if (to < held.length() && to > from + 1 && Character.isHighSurrogate(held.charAt(to - 1))) {
                to--;
            }
            call("write", held.substring(from, to));
            from = to;
        }
        held.delete(0, from);
        shareFrame(backlog + from > 0 || held.length() > 0);
        Object left = call("pump");
        if (held.length() > 0 || (left instanceof Number number && number.intValue() > 0)) {
            backlogRetry.playFromStart();
        }
    }

    /** Busy terminals split the frame's parsing budget evenly; an idle one leaves the others its share. */
    private void shareFrame(boolean busy) {
        if (busy) {
            BUSY.add(this);
        } else {
            BUSY.remove(this);
        }
        double share = FRAME_BUDGET_MS / Math.max(1, BUSY.size());
        if (share != budget) {
            budget = share;
            call("budget", share);
        }
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
