package dev.agentcommander.desktop.sessions;

/** What an action on a session came to, said where it was asked: ok with what happened, or why not. */
public record ActionResult(boolean ok, String text) {
    public static ActionResult ok(String text) {
        return new ActionResult(true, text);
    }

    public static ActionResult failed(String text) {
        return new ActionResult(false, text);
    }
}
