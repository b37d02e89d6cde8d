package dev.agentcommander.agentd.hooks;

/**
 * The HTTP answer to a hook request: an empty 200 means "no decision" to Claude Code, and that the hook's event is in
 * the outbox. Any other status is a non-blocking error to Claude Code: it goes on as if there were no hook.
 */
record HookReply(int status, String body) {
    static final HookReply NO_DECISION = new HookReply(200, "");
    /** The hook's events could not be queued (state dir full or unwritable): nothing of it will reach the control plane. */
    static final HookReply NOT_RECORDED = new HookReply(503,
            "not recorded: agentd cannot store it in its state dir (is the disk full?)\n");

    static HookReply error(int status, String message) {
        return new HookReply(status, message);
    }
}
