package dev.agentcommander.desktop.client;

import dev.agentcommander.schema.ui.Subscribe;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One subscription of the {@link UiSocket}, made again on every connection. Its flags belong to the socket's loop
 * thread; the console budget is shared with the callback executor.
 */
final class UiSubscription {
    /**
     * Console data (base64 characters) of one subscription that may wait for the UI thread; beyond it chunks are
     * dropped, and the offset gap they leave makes the console start over with a repaint.
     */
    static final int MAX_CONSOLE_WAITING = 1 << 20;

    final Subscribe request;
    final TopicListener listener;
    /** Sent and not answered yet: an {@code error} now means the subscribe itself was refused. */
    boolean awaitingInitial = true;
    /** Refused because the control plane's database did not answer: made again once it does. */
    boolean refusedWhileStoreDown;
    /** Console data handed to the callback executor and not run yet. */
    private final AtomicInteger consoleWaiting = new AtomicInteger();

    UiSubscription(Subscribe request, TopicListener listener) {
        this.request = request;
        this.listener = listener;
    }

    /** Takes {@code size} characters of console data for the UI thread, or refuses them if too much waits. */
    boolean admitConsole(int size) {
        if (consoleWaiting.addAndGet(size) > MAX_CONSOLE_WAITING) {
            consoleWaiting.addAndGet(-size);
            return false;
        }
        return true;
    }

    /** The UI thread took {@code size} characters admitted before. */
    void consoleDelivered(int size) {
        consoleWaiting.addAndGet(-size);
    }
}
