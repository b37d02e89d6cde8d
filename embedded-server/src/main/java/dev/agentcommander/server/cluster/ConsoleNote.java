package dev.agentcommander.server.cluster;

/**
 * A console message between nodes, carried in a {@link Notification} of kind {@code CONSOLE}. {@code action}:
 * {@code subscribe} / {@code unsubscribe} / {@code write} (to whichever node holds {@code hostId}'s agent socket; no
 * target; a write carries typed bytes in {@code data}),
 * {@code chunk} (bytes of a stream, for {@code target}), {@code snapshot} (the stream's opening snapshot is stored:
 * {@code target} reads it), {@code lost} (the agent connection carrying the stream is gone: {@code target} asks again).
 */
record ConsoleNote(String action, String target, String hostId, String sessionId, String subscriptionId, Long offset,
        String data) {
    static final String SUBSCRIBE = "subscribe";
    static final String UNSUBSCRIBE = "unsubscribe";
    static final String WRITE = "write";
    static final String CHUNK = "chunk";
    static final String SNAPSHOT = "snapshot";
    static final String LOST = "lost";
}
