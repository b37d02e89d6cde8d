package dev.agentcommander.desktop.client;

import dev.agentcommander.schema.model.CommandRow;
import dev.agentcommander.schema.model.CommandStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs a command through the REST API and follows it ({@code queued → sent → completed/failed}) until it ends,
 * then hands the outcome to the UI thread. Calls and polls run on {@code io}. Thread-safe.
 */
public final class CommandRunner {
    private static final Duration POLL = Duration.ofMillis(150);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ControlPlaneClient client;
    private final Executor io;
    private final Executor ui;

    public CommandRunner(ControlPlaneClient client, Executor io, Executor ui) {
        this.client = client;
        this.io = io;
        this.ui = ui;
    }

    public void session(String sessionId, Map<String, ?> body, Consumer<CommandRow> progress,
                        Consumer<CommandOutcome> done) {
        io.execute(() -> follow(() -> client.sessionCommand(sessionId, body), progress, done));
    }

    public void host(String hostId, Map<String, ?> body, Consumer<CommandRow> progress, Consumer<CommandOutcome> done) {
        io.execute(() -> follow(() -> client.hostCommand(hostId, body), progress, done));
    }

    private interface Post {
        String commandId() throws ControlPlaneException;
    }

    private void follow(Post post, Consumer<CommandRow> progress, Consumer<CommandOutcome> done) {
        CommandOutcome outcome;
        try {
            outcome = await(post.commandId(), progress);
        } catch (ControlPlaneException e) {
            outcome = CommandOutcome.failed(ErrorText.of(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = CommandOutcome.failed("Interrupted while waiting for the command", null);
        }
        CommandOutcome result = outcome;
        ui.execute(() -> done.accept(result));
    }

    private CommandOutcome await(String commandId, Consumer<CommandRow> progress)
            throws ControlPlaneException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        CommandStatus seen = null;
        while (true) {
            CommandRow row = client.command(commandId);
            if (row.status() != seen) {
                seen = row.status();
                ui.execute(() -> progress.accept(row));
            }
            if (row.status() == CommandStatus.COMPLETED) {
                return CommandOutcome.done(row);
            }
            if (row.status() == CommandStatus.FAILED) {
                return CommandOutcome.failed(row.error() == null ? "the host reported a failure" : row.error(), row);
            }
            if (System.nanoTime() > deadline) {
                return CommandOutcome.failed("No result after " + PATIENCE.toSeconds() + " s (still "
                        + row.status() + "): is the host online?", row);
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
