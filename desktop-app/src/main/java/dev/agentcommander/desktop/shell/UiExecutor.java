package dev.agentcommander.desktop.shell;

import java.util.concurrent.Executor;

/**
 * The one way background code reaches the UI: tasks run in submission order on the UI thread. Views and view
 * models are only touched from tasks run here. Implementations are thread-safe.
 */
public interface UiExecutor extends Executor {
    /** True when the caller already is the UI thread. */
    boolean isUiThread();
}
