package dev.agentcommander.agentd.hooks;

/** providers.claude.approval_mode: answer by the hook's reply, by keys typed into the pane, or both. */
enum ApprovalMode {
    HOOK, KEYS, BOTH;

    static ApprovalMode of(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
