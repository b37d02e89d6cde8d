package dev.agentcommander.agentd.hooks;

import dev.agentcommander.schema.agent.ApprovalDecision;

/** How a pending approval ended: a person's decision, or why agentd stopped waiting ({@code decision} null). */
record Settlement(Kind kind, ApprovalDecision decision) {
    enum Kind {
        DECIDED(null),
        ANSWERED_IN_TERMINAL("answered_in_terminal"),
        TIMED_OUT("timed_out"),
        /** agentd is shutting down: the hook gets no decision, the dialog stays for the person. */
        WITHDRAWN("withdrawn");

        private final String closeReason;

        Kind(String closeReason) {
            this.closeReason = closeReason;
        }

        /** The {@code approval.closed} reason, null for a decision. */
        String closeReason() {
            return closeReason;
        }
    }

    static Settlement decided(ApprovalDecision decision) {
        return new Settlement(Kind.DECIDED, decision);
    }

    static Settlement closed(Kind kind) {
        return new Settlement(kind, null);
    }
}
