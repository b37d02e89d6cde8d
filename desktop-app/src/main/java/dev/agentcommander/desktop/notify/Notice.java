package dev.agentcommander.desktop.notify;

/**
 * One desktop notification: {@code key} names the item and change it is about (a later notice with the same key
 * replaces it), {@code line} is how it reads as one line of a summary of many, {@code target} is what a click opens.
 */
public record Notice(String key, String summary, String body, String line, Target target) {
    /** What a notice is about: an approval, a session, or (for a summary) the approvals queue or sessions table. */
    public record Target(Kind kind, String id) {
        public enum Kind { APPROVAL, SESSION, APPROVALS, SESSIONS }

        public static Target approval(String approvalId) {
            return new Target(Kind.APPROVAL, approvalId);
        }

        public static Target session(String sessionId) {
            return new Target(Kind.SESSION, sessionId);
        }

        public static Target approvals() {
            return new Target(Kind.APPROVALS, null);
        }

        public static Target sessions() {
            return new Target(Kind.SESSIONS, null);
        }
    }
}
