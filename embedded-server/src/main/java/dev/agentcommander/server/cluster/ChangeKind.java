package dev.agentcommander.server.cluster;

/** What a notification between nodes is about; its ids are re-read from the database by the receiver. */
enum ChangeKind {
    /** session ids whose rows changed */
    SESSION,
    /** approval ids whose rows changed (created, decided, closed) */
    APPROVAL,
    /** session ids that got events */
    EVENT,
    /** host ids whose row or online state changed */
    HOST,
    /** host ids that have a queued command the holder of their socket should send */
    COMMAND,
    /** host token ids just revoked: the node holding a socket opened with one closes it */
    REVOKED_TOKEN,
    /** a live console request, chunk or notice between nodes: no ids, one {@link ConsoleNote} */
    CONSOLE
}
