package dev.agentcommander.desktop.client;

import dev.agentcommander.schema.ControlToUi;

/** Receives the messages of one subscription, on the UI executor. */
@FunctionalInterface
public interface TopicListener {
    /**
     * {@code initial} is true for the first message after each (re)subscribe, which holds the complete current
     * state of the topic (e.g. every matching session row); later ones hold changes only.
     */
    void onMessage(ControlToUi message, boolean initial);
}
