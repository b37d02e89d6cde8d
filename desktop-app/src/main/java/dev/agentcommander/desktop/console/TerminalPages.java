package dev.agentcommander.desktop.console;

import javafx.animation.PauseTransition;
import javafx.scene.web.WebView;
import javafx.util.Duration;

/**
 * One terminal page loaded ahead: a WebView with xterm.js whose terminal is not started yet, so opening a terminal
 * does not wait for the page to load (the process's first WebView costs about a second here, later ones a few
 * hundred milliseconds). The next spare is loaded a moment after one is taken, or after the window shows, so the
 * loading does not compete with what the person just opened. FX thread only.
 */
public final class TerminalPages {
    /** How long after a spare was taken (or the window shown) the next one is loaded. */
    private static final Duration PREPARE_DELAY = Duration.seconds(2);
    private static final PauseTransition PREPARE = new PauseTransition(PREPARE_DELAY);
    private static WebView spare;

    static {
        PREPARE.setOnFinished(event -> prepare());
    }

    private TerminalPages() {
    }

    /** Loads a spare page soon, unless one is there. */
    public static void prepareSoon() {
        if (spare == null) {
            PREPARE.playFromStart();
        }
    }

    /** A terminal page: the spare (loaded, or still loading) if there is one, else a new one; the next follows. */
    static WebView take() {
        WebView page = spare != null ? spare : load();
        spare = null;
        prepareSoon();
        return page;
    }

    private static void prepare() {
        if (spare == null) {
            spare = load();
        }
    }

    private static WebView load() {
        WebView page = new WebView();
        page.getEngine().load(TerminalPages.class.getResource("terminal.html").toExternalForm());
        return page;
    }
}
