package dev.agentcommander.server.command;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.schema.agent.Command;
import dev.agentcommander.schema.command.CommandBody;
import dev.agentcommander.schema.model.CommandRow;
import dev.agentcommander.schema.model.CommandStatus;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.server.api.BadRequestException;
import dev.agentcommander.server.api.NotFoundException;
import dev.agentcommander.server.auth.Principal;
import dev.agentcommander.server.bus.ChangeBus;
import dev.agentcommander.server.db.JsonColumns;
import dev.agentcommander.server.host.HostChannel;
import dev.agentcommander.server.host.Hosts;
import dev.agentcommander.server.session.Sessions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues commands and moves them along {@code queued → sent → completed | failed}, or {@code expired} when the
 * host stays offline past the deadline. A command is claimed (queued → sent) in the database before it is
 * written to the socket, so it goes out at most once even when an issue and a reconnect race. Thread-safe.
 */
public final class Commands {
    private static final Logger LOG = LoggerFactory.getLogger(Commands.class);
    static final String EXPIRED_ERROR = "host stayed offline past the command deadline";

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration deadline;
    private final HostChannel channel;
    private final WireCodec codec;
    private final Sessions sessions;
    private final Hosts hosts;
    private final ChangeBus<String> queuedHosts;

    /** @param queuedHosts told the host of a command that stayed queued here (team mode: another node may hold it) */
    public Commands(Jdbi jdbi, Clock clock, Duration deadline, HostChannel channel, WireCodec codec, Sessions sessions,
            Hosts hosts, ChangeBus<String> queuedHosts) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.deadline = deadline;
        this.channel = channel;
        this.codec = codec;
        this.sessions = sessions;
        this.hosts = hosts;
        this.queuedHosts = queuedHosts;
    }

    /** @throws BadRequestException for a host command or a console command; NotFoundException for an unknown session */
    public CommandRow issueForSession(String sessionId, CommandBody body, Principal issuer) {
        if (!body.targetsSession() || body.typeName().startsWith("console.")) {
            throw new BadRequestException("type", body.typeName() + " is not a session command (session commands: "
                    + "send_input, send_keys, interrupt, kill_session, rename_session, resize_pane, cleanup_session)");
        }
        SessionRow session = sessions.require(sessionId);
        return issue(session.hostId(), sessionId, body, issuer);
    }

    /** @throws BadRequestException for a session command; NotFoundException for an unknown host */
    public CommandRow issueForHost(String hostId, CommandBody body, Principal issuer) {
        if (body.targetsSession()) {
            throw new BadRequestException("type", body.typeName() + " is not a host command (host commands: "
                    + "spawn_session, spawn_job, adopt_pane)");
        }
        hosts.require(hostId);
        return issue(hostId, null, body, issuer);
    }

    /** @throws NotFoundException when there is no such command */
    public CommandRow require(String commandId) {
        return jdbi.withExtension(CommandDao.class, dao -> dao.find(commandId)).map(this::toRow)
                .orElseThrow(() -> new NotFoundException("no command " + commandId));
    }

    /**
     * Called when the host's agent connects: commands sent on an earlier connection that never answered go out again
     * (agentd answers a command id it took on before a restart as not run again, and ignores one it runs), then every
     * queued one, oldest first.
     */
    public void dispatchOnConnect(String hostId) {
        jdbi.useExtension(CommandDao.class, dao -> dao.unclaimUnanswered(hostId, clock.instant()));
        dispatchQueued(hostId);
    }

    /** Sends the host's queued commands, oldest first. */
    public void dispatchQueued(String hostId) {
        List<String> queued = jdbi.withExtension(CommandDao.class, dao -> dao.queued(hostId, clock.instant()));
        for (String commandId : queued) {
            jdbi.withExtension(CommandDao.class, dao -> dao.find(commandId)).ifPresent(this::trySend);
        }
    }

    /** Marks queued commands past their deadline expired; returns how many. */
    public int expireOverdue() {
        int expired = jdbi.withExtension(CommandDao.class, dao -> dao.expire(clock.instant(), EXPIRED_ERROR));
        if (expired > 0) {
            LOG.info("{} queued command(s) expired: their hosts stayed offline", expired);
        }
        return expired;
    }

    private CommandRow issue(String hostId, String sessionId, CommandBody body, Principal issuer) {
        Instant now = clock.instant();
        String issuedBy = issuer.email() != null ? issuer.email() : issuer.subject();
        StoredCommand command = new StoredCommand(UUID.randomUUID().toString(), sessionId, hostId, body.typeName(),
                JsonColumns.write(codec.mapper(), body), CommandStatus.QUEUED.toString(), null, null, issuedBy, now, now, now.plus(deadline));
        jdbi.useExtension(CommandDao.class, dao -> dao.insert(command));
        if (!trySend(command)) {
            queuedHosts.publish(List.of(hostId));
        }
        return require(command.commandId());
    }

    /** @return true when this node sent it (or someone else claimed it meanwhile) */
    private boolean trySend(StoredCommand command) {
        if (!channel.online(command.hostId())) {
            return false;
        }
        Envelope envelope;
        try {
            envelope = Envelope.live(new Command(command.commandId(), command.sessionId(),
                    codec.decodeBody(command.body(), CommandBody.class)));
        } catch (WireFormatException e) {
            LOG.error("command {} has an unreadable stored body; leaving it queued: {}", command.commandId(),
                    e.getMessage());
            return true;
        }
        if (jdbi.withExtension(CommandDao.class, dao -> dao.claim(command.commandId(), clock.instant())) == 0) {
            return true;
        }
        if (!channel.send(command.hostId(), envelope)) {
            jdbi.useExtension(CommandDao.class, dao -> dao.unclaim(command.commandId(), clock.instant()));
            return false;
        }
        return true;
    }

    CommandRow toRow(StoredCommand command) {
        return new CommandRow(command.commandId(), command.sessionId(), command.hostId(), command.type(),
                CommandStatus.fromWire(command.status()), JsonColumns.read(codec.mapper(), command.result()), command.error(), command.issuedBy(),
                command.createdAt(), command.updatedAt());
    }
}
