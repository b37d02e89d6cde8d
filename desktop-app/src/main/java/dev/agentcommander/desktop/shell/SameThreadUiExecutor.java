package dev.agentcommander.desktop.shell;

/** Runs each task at once on the calling thread: for view-model tests without a toolkit. Thread-safe. */
public final class SameThreadUiExecutor implements UiExecutor {
    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public boolean isUiThread() {
        return true;
    }
}
