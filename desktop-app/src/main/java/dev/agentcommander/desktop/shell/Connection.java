package dev.agentcommander.desktop.shell;

import dev.agentcommander.desktop.client.ControlPlaneClient;
import dev.agentcommander.desktop.client.Identity;
import dev.agentcommander.desktop.client.UiSocket;
import java.util.concurrent.Executor;

/**
 * What the screens use to reach the control plane once the app is up: the UI socket, the REST client (its calls
 * run on {@code io}, never on the UI thread) and who is signed in. A new one replaces it after a retry.
 */
public record Connection(UiSocket socket, ControlPlaneClient client, Identity identity, Executor io) {
}
