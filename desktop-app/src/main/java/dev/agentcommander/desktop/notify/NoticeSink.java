package dev.agentcommander.desktop.notify;

/** Where notices go; called on the UI thread, must not block it. */
public interface NoticeSink {
    /** Shows the notice, replacing an earlier one with the same key. */
    void show(Notice notice);

    /** The item no longer needs the person: its notice, if still shown, goes away. */
    void withdraw(String key);
}
