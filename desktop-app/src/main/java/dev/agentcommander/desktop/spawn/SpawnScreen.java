package dev.agentcommander.desktop.spawn;

import dev.agentcommander.desktop.client.CommandOutcome;
import dev.agentcommander.desktop.client.CommandRunner;
import dev.agentcommander.desktop.sessions.SessionAction;
import dev.agentcommander.schema.model.CommandRow;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.SessionRow;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;

/**
 * The spawn sheet as the workspace holds it: one form kept across uses (so a failed start loses nothing), sending
 * through the current connection's command runner. UI thread.
 */
public final class SpawnScreen {
    /** Start a worktree session, from anywhere (a terminal included). */
    public static final KeyCombination NEW_SESSION = SessionAction.shortcut(KeyCode.S);
    /** Start a Codex job ({@code codex exec}), from anywhere. */
    public static final KeyCombination NEW_JOB = SessionAction.shortcut(KeyCode.X);

    private final SpawnViewModel model;
    private final SpawnView view;
    private CommandRunner runner;

    /** {@code opened} gets the id of each session or job the host started. */
    public SpawnScreen(Consumer<String> opened) {
        model = new SpawnViewModel(this::send, opened);
        view = new SpawnView(model);
    }

    public SpawnViewModel model() {
        return model;
    }

    public SpawnView view() {
        return view;
    }

    /** The app is (again) connected: commands go through this connection, as this role allows. */
    public void connected(CommandRunner newRunner, boolean canOperate) {
        runner = newRunner;
        model.canOperateProperty().set(canOperate);
    }

    /** Opens the form for {@code kind}, offering {@code hosts}; {@code preferredHostId} is chosen when it is there. */
    public void show(SpawnKind kind, Collection<HostRow> hosts, Collection<SessionRow> sessions,
                     String preferredHostId) {
        model.offer(hosts, sessions, preferredHostId);
        view.show(kind);
    }

    /** Hosts came, went or changed while the form is open. */
    public void hostsChanged(Collection<HostRow> hosts, Collection<SessionRow> sessions) {
        if (view.isShowing()) {
            model.offer(hosts, sessions, null);
        }
    }

    private void send(String hostId, Map<String, ?> body, Consumer<CommandRow> progress,
                      Consumer<CommandOutcome> done) {
        if (runner == null) {
            done.accept(CommandOutcome.failed("Not connected to a control plane yet", null));
            return;
        }
        runner.host(hostId, body, progress, done);
    }
}
