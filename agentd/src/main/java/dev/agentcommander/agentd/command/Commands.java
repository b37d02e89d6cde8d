package dev.agentcommander.agentd.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentcommander.agentd.channel.CommandHandler;
import dev.agentcommander.agentd.channel.DurableQueue;
import dev.agentcommander.agentd.channel.OutboxException;
import dev.agentcommander.agentd.console.ConsoleStreams;
import dev.agentcommander.agentd.console.PaneBusyException;
import dev.agentcommander.agentd.discovery.Pane;
import dev.agentcommander.agentd.discovery.PaneDirectory;
import dev.agentcommander.agentd.discovery.PaneFormat;
import dev.agentcommander.agentd.discovery.ProcessSignal;
import dev.agentcommander.agentd.discovery.SessionDiscovery;
import dev.agentcommander.agentd.discovery.UnknownPaneException;
import dev.agentcommander.agentd.internal.LogThrottle;
import dev.agentcommander.agentd.jobs.CodexJobs;
import dev.agentcommander.agentd.jobs.JobRefusedException;
import dev.agentcommander.agentd.workspace.WorkspaceException;
import dev.agentcommander.agentd.workspace.WorktreeSessions;
import dev.agentcommander.agentd.tmux.TmuxException;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.Command;
import dev.agentcommander.schema.agent.CommandsResult;
import dev.agentcommander.schema.command.AdoptPane;
import dev.agentcommander.schema.command.CleanupSession;
import dev.agentcommander.schema.command.CommandBody;
import dev.agentcommander.schema.command.ConsoleSubscribe;
import dev.agentcommander.schema.command.ConsoleUnsubscribe;
import dev.agentcommander.schema.command.ConsoleWrite;
import dev.agentcommander.schema.command.Interrupt;
import dev.agentcommander.schema.command.KillSession;
import dev.agentcommander.schema.command.RenameSession;
import dev.agentcommander.schema.command.ResizePane;
import dev.agentcommander.schema.command.SendInput;
import dev.agentcommander.schema.command.SendKeys;
import dev.agentcommander.schema.command.SpawnJob;
import dev.agentcommander.schema.command.SpawnSession;
import dev.agentcommander.schema.model.Provider;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the control plane's commands on tmux, off the link thread and one at a time per session, and stores
 * each outcome as a durable {@code commands.result}: {@code ok} with a small result, or a clear error. Console
 * commands answer with their stream (a snapshot, then chunks) and send a result only when they fail.
 * Thread-safe.
 */
public final class Commands implements CommandHandler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Commands.class);
    private final LogThrottle droppedInput = new LogThrottle(LOG, Duration.ofSeconds(30));
    private static final String HOST_LANE = "\u0000host";

    private final TmuxRunner tmux;
    private final PaneDirectory panes;
    private final PaneInput input;
    private final SessionDiscovery discovery;
    private final ConsoleStreams consoles;
    private final DurableQueue queue;
    private final WireCodec codec;
    private final SessionLanes lanes = new SessionLanes(2);
    private final CodexJobs jobs;
    private final WorktreeSessions worktrees;
    private final ReceivedCommands received;

    public Commands(TmuxRunner tmux, SessionDiscovery discovery, ConsoleStreams consoles, CodexJobs jobs,
                    WorktreeSessions worktrees, DurableQueue queue, WireCodec codec, ReceivedCommands received) {
        this.received = received;
        this.jobs = jobs;
        this.worktrees = worktrees;
        this.tmux = tmux;
        this.panes = new PaneDirectory(tmux);
        this.input = new PaneInput(tmux);
        this.discovery = discovery;
        this.consoles = consoles;
        this.queue = queue;
        this.codec = codec;
    }

    @Override
    public void handle(Command command) {
        String lane = command.sessionId() == null ? HOST_LANE : command.sessionId();
        lanes.submit(lane, () -> run(command));
    }

    @Override
    public void close() {
        lanes.close();
    }

    private void run(Command command) {
        CommandBody body = command.body();
        if (body instanceof ConsoleWrite write) {
            write(command.sessionId(), write);
            return;
        }
        // Recorded when it starts on its lane, not on arrival: one still waiting in the lane when agentd dies runs
        // when it is sent again; only one cut off while it ran is answered as not run again.
        if (!once(command)) {
            return;
        }
        CommandsResult result;
        try {
            ObjectNode outcome = execute(command);
            if (outcome == null) {
                return; // a console command that worked: its stream is the answer
            }
            result = CommandsResult.success(command.commandId(), outcome);
        } catch (CommandFailedException e) {
            result = CommandsResult.failure(command.commandId(), e.getMessage());
        } catch (TmuxException e) {
            LOG.warn("command {} ({}) failed in tmux: {}", command.commandId(), body.typeName(), e.getMessage());
            result = CommandsResult.failure(command.commandId(), "tmux failed: " + e.getMessage());
        } catch (UnknownPaneException | PaneBusyException e) {
            result = CommandsResult.failure(command.commandId(), e.getMessage());
        } catch (IOException e) {
            LOG.warn("command {} ({}) failed: {}", command.commandId(), body.typeName(), e.toString());
            result = CommandsResult.failure(command.commandId(), "agentd I/O error: " + e.getMessage());
        }
        store(command, result);
    }

    private ObjectNode execute(Command command)
            throws CommandFailedException, TmuxException, UnknownPaneException, PaneBusyException, IOException {
        CommandBody body = command.body();
        if (body instanceof AdoptPane adopt) {
            return adopt(adopt.paneId());
        }
        if (body instanceof SpawnSession spawn) {
            try {
                return worktrees.spawn(spawn);
            } catch (WorkspaceException e) {
                throw new CommandFailedException(e.getMessage(), e);
            }
        }
        if (body instanceof SpawnJob spawn) {
            try {
                return codec.mapper().createObjectNode().put("session_id", jobs.start(spawn));
            } catch (JobRefusedException e) {
                throw new CommandFailedException(e.getMessage(), e);
            }
        }
        if (!body.targetsSession()) {
            throw new CommandFailedException(body.typeName()
                    + " is not a command this agentd version knows: upgrade agentd");
        }
        if (command.sessionId() == null || command.sessionId().isBlank()) {
            throw new CommandFailedException(body.typeName() + " needs a session_id");
        }
        if (body instanceof ConsoleUnsubscribe unsubscribe) {
            consoles.unsubscribe(unsubscribe.subscriptionId());
            return null;
        }
        if (jobs.isRunning(command.sessionId())) {
            return jobCommand(command.sessionId(), body);
        }
        Pane pane = pane(command.sessionId());
        if (body instanceof SendInput send) {
            input.text(pane.paneId(), send.text());
            if (send.enter()) {
                input.keys(pane.paneId(), List.of("Enter"));
            }
            return result(pane);
        }
        if (body instanceof SendKeys send) {
            KeyNames.requireValid(send.keys());
            input.keys(pane.paneId(), send.keys());
            return result(pane);
        }
        if (body instanceof Interrupt) {
            Provider provider = ProcessSignal.provider(pane.providerCommand());
            String key = provider == Provider.CLAUDE || provider == Provider.CODEX ? "Escape" : "C-c";
            input.keys(pane.paneId(), List.of(key));
            return result(pane).put("key", key);
        }
        if (body instanceof KillSession) {
            tmux.run("kill-pane", "-t", pane.paneId());
            discovery.requestPoll();
            return result(pane);
        }
        if (body instanceof RenameSession rename) {
            tmux.run("set-option", "-p", "-t", pane.paneId(), PaneFormat.NAME_OPTION, rename.name());
            discovery.requestPoll();
            return result(pane).put("name", rename.name());
        }
        if (body instanceof ResizePane resize) {
            resize(pane.paneId(), resize.cols(), resize.rows());
            discovery.requestPoll();
            return result(pane).put("cols", resize.cols()).put("rows", resize.rows());
        }
        if (body instanceof CleanupSession cleanup) {
            try {
                return worktrees.cleanup(pane, cleanup.force());
            } catch (WorkspaceException e) {
                throw new CommandFailedException(e.getMessage(), e);
            }
        }
        if (body instanceof ConsoleSubscribe subscribe) {
            consoles.subscribe(subscribe.subscriptionId(), command.sessionId(), pane.paneId());
            return null;
        }
        throw new CommandFailedException(body.typeName()
                + " is not a command this agentd version knows: upgrade agentd");
    }

    /** Live input: written into the subscription's pane; dropped (never answered) once the subscription is gone. */
    private void write(String sessionId, ConsoleWrite write) {
        Optional<String> pane = consoles.paneOf(write.subscriptionId());
        if (pane.isEmpty()) {
            droppedInput.warn("console input for session {} dropped: its console subscription {} has ended",
                    sessionId, write.subscriptionId());
            return;
        }
        try {
            input.bytes(pane.get(), write.bytes());
        } catch (TmuxException e) {
            droppedInput.warn("console input for session {} (pane {}) failed in tmux: {}", sessionId, pane.get(),
                    e.getMessage());
        }
    }

    /** A pane alone in its window is as large as the window, so the window is what resizes. */
    private void resize(String paneId, int cols, int rows) throws TmuxException {
        String panes = tmux.run("display-message", "-p", "-t", paneId, "#{window_panes}").strip();
        String target = "1".equals(panes) ? "resize-window" : "resize-pane";
        tmux.run(target, "-t", paneId, "-x", String.valueOf(cols), "-y", String.valueOf(rows));
    }

    /** A codex job has no pane: it can only be stopped. */
    private ObjectNode jobCommand(String sessionId, CommandBody body) throws CommandFailedException {
        String reason;
        if (body instanceof Interrupt) {
            reason = "interrupted by the operator";
        } else if (body instanceof KillSession) {
            reason = "killed by the operator";
        } else {
            throw new CommandFailedException("session " + sessionId + " is a codex job without a pane: only interrupt "
                    + "and kill_session apply (its output is in its codex.event events)");
        }
        jobs.stop(sessionId, reason);
        return codec.mapper().createObjectNode().put("session_id", sessionId).put("stopped", reason);
    }

    private ObjectNode adopt(String paneId) throws CommandFailedException, TmuxException, UnknownPaneException {
        if (!PaneFormat.validPaneId(paneId)) {
            throw new CommandFailedException("invalid pane_id '" + paneId + "': expected %<number>, e.g. %3");
        }
        Pane pane;
        try {
            pane = discovery.adopt(paneId).get(TmuxRunner.DEFAULT_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownPaneException unknown) {
                throw unknown;
            }
            if (e.getCause() instanceof TmuxException failed) {
                throw failed;
            }
            throw new CommandFailedException("cannot adopt pane " + paneId + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new CommandFailedException("cannot adopt pane " + paneId + ": discovery is busy; try again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("agentd is stopping", e);
        }
        return result(pane).put("provider", ProcessSignal.provider(pane.providerCommand()).toString());
    }

    private Pane pane(String sessionId) throws CommandFailedException, TmuxException {
        return panes.bySession(sessionId).orElseThrow(() -> new CommandFailedException("unknown session "
                + sessionId + ": no pane on this host carries it (it may have closed)"));
    }

    private ObjectNode result(Pane pane) {
        return codec.mapper().createObjectNode().put("session_id", pane.sessionId()).put("pane_id", pane.paneId());
    }

    /** Whether to run it: the console's live commands always, a durable one only the first time it arrives. */
    private boolean once(Command command) {
        CommandBody body = command.body();
        if (body instanceof ConsoleWrite || body instanceof ConsoleSubscribe || body instanceof ConsoleUnsubscribe) {
            return true;
        }
        ReceivedCommands.Verdict verdict;
        try {
            verdict = received.take(command.commandId());
        } catch (IOException e) {
            LOG.error("cannot record command {} ({}) before running it; not run", command.commandId(), body.typeName(), e);
            store(command, CommandsResult.failure(command.commandId(), "not run: agentd cannot write its state dir: "
                    + e.getMessage()));
            return false;
        }
        switch (verdict) {
            case NEW -> {
                return true;
            }
            case RUNNING_HERE -> LOG.debug("command {} arrived again after it ran here; its result is queued",
                    command.commandId());
            case TAKEN_BEFORE_RESTART -> {
                LOG.warn("command {} ({}) arrived again after agentd restarted; not run twice", command.commandId(),
                        body.typeName());
                store(command, CommandsResult.failure(command.commandId(), "not run again: agentd received it before "
                        + "a restart and may have run it once; check the session before retrying"));
            }
        }
        return false;
    }

    private void store(Command command, CommandsResult result) {
        try {
            queue.append(result);
        } catch (OutboxException e) {
            LOG.error("cannot store the result of command {} ({})", command.commandId(), command.body().typeName(), e);
        }
    }
}
