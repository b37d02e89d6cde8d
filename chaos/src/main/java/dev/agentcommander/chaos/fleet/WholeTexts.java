package dev.agentcommander.chaos.fleet;

import java.util.function.Consumer;

/** Joins a WebSocket's text messages, which {@code java.net.http} may deliver in parts, into whole ones. Thread-safe. */
public final class WholeTexts {
    private final StringBuilder partial = new StringBuilder();
    private final Consumer<String> onMessage;

    public WholeTexts(Consumer<String> onMessage) {
        this.onMessage = onMessage;
    }

    /** A part as {@code WebSocket.Listener.onText} got it; the whole message goes on with its last part. */
    public synchronized void add(CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String message = partial.toString();
            partial.setLength(0);
            onMessage.accept(message);
        }
    }
}
