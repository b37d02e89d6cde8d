package dev.agentcommander.desktop.shell;

import javafx.application.Platform;

/** Runs tasks on the JavaFX application thread, in order. Thread-safe. */
public final class FxUiExecutor implements UiExecutor {
    @Override
    public void execute(Runnable task) {
        // Always queue, even on the FX thread, so tasks keep their submission order.
        Platform.runLater(task);
    }

    @Override
    public boolean isUiThread() {
        return Platform.isFxApplicationThread();
    }
}
