package dev.agentcommander.desktop.shell;

import dev.agentcommander.desktop.client.ControlPlaneClient;
import dev.agentcommander.desktop.client.Identity;
import dev.agentcommander.desktop.client.UiSocket;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.LoggerFactory;

/**
 * What the screens use to reach the control plane once the app is up: the UI socket, the REST client (its calls
 * run on {@code io}, never on the UI thread) and who is signed in. A new one replaces it after a retry.
 */
public record Connection(UiSocket socket, ControlPlaneClient client, Identity identity, Executor io) {
    /** Runs {@code task} on {@code io}; once the app is shutting down it is dropped. */
    public void inBackground(Runnable task) {
        try {
            io.execute(task);
        } catch (RejectedExecutionException e) {
            LoggerFactory.getLogger(Connection.class).debug("Shutting down; not run");
        }
    }
}
