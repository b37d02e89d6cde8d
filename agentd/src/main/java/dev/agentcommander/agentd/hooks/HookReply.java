package dev.agentcommander.agentd.hooks;

/** The HTTP answer to a hook request: an empty 200 means "no decision" to Claude Code. */
record HookReply(int status, String body) {
    static final HookReply NO_DECISION = new HookReply(200, "");

    static HookReply error(int status, String message) {
        return new HookReply(status, message);
    }
}
