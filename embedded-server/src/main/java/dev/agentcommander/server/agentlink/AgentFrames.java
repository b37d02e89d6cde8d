package dev.agentcommander.server.agentlink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.MessageType;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.schema.ConsoleChunk;
import dev.agentcommander.schema.agent.AgentHello;
import dev.agentcommander.schema.agent.SessionsSnapshot;
import dev.agentcommander.server.console.ConsoleRelay;
import dev.agentcommander.server.console.Snapshots;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sorts the frames of an agent socket: durable ones go to the link's queue, live ones are handled at once,
 * bad ones get an {@code error} and the socket stays open. A bad frame whose seq can still be read is
 * queued as a rejection, so it is acked in order and not resent forever. Thread-safe.
 */
final class AgentFrames {
    private static final Logger LOG = LoggerFactory.getLogger(AgentFrames.class);
    /** The agreed limit of one agent frame; larger frames are refused with an error. */
    static final int MAX_FRAME_CHARS = 16 * 1024 * 1024;

    private final WireCodec codec;
    private final Snapshots snapshots;
    private final ConsoleRelay console;
    private final HostPresence presence;
    private final AgentMetrics metrics;

    AgentFrames(WireCodec codec, Snapshots snapshots, ConsoleRelay console, HostPresence presence,
            AgentMetrics metrics) {
        this.codec = codec;
        this.snapshots = snapshots;
        this.console = console;
        this.presence = presence;
        this.metrics = metrics;
    }

    void handle(AgentLink link, String text) throws InterruptedException {
        metrics.received();
        if (text.length() > MAX_FRAME_CHARS) {
            refuse(link, text, "too_large", "frame of " + text.length() + " characters exceeds the limit of "
                    + MAX_FRAME_CHARS);
            return;
        }
        Envelope envelope;
        try {
            envelope = codec.decode(text);
        } catch (WireFormatException e) {
            boolean unknownType = "type".equals(e.field()) && e.reason().startsWith("unknown message type");
            refuse(link, text, unknownType ? "unknown_type" : "bad_message", e.getMessage());
            return;
        }
        if (envelope.type().durable()) {
            link.enqueue(Inbound.of(envelope));
            return;
        }
        switch (envelope.type()) {
            case AGENT_HELLO -> hello(link, envelope.payloadAs(AgentHello.class));
            case CONSOLE_CHUNK -> console.chunk(link.hostId(), envelope.payloadAs(ConsoleChunk.class));
            case SESSIONS_SNAPSHOT -> snapshot(link, envelope.payloadAs(SessionsSnapshot.class));
            default -> refuse(link, text, "unexpected_type", envelope.type().wireName()
                    + " is not a message an agent sends");
        }
    }

    private void hello(AgentLink link, AgentHello hello) {
        if (hello.hostId() != null && !hello.hostId().equals(link.hostId())) {
            LOG.warn("host {}: agent.hello claims host_id {}; its token says otherwise", link.hostId(), hello.hostId());
            link.send(Envelope.live(ErrorMessage.of("host_mismatch", "this token belongs to host " + link.hostId()
                    + ", not " + hello.hostId())));
            return;
        }
        LOG.info("host {}: agent.hello version {} resume last_acked_seq {} allowed_roots {}", link.hostId(),
                hello.agentVersion(), hello.resume().lastAckedSeq(), hello.allowedRoots());
        try {
            presence.introduced(link.hostId(), hello);
        } catch (RuntimeException e) {
            LOG.warn("host {}: cannot store the agent version and allowed roots of its hello: {}", link.hostId(),
                    e.toString());
            link.send(Envelope.live(ErrorMessage.of("not_applicable", "agent.hello not stored, it is taken again "
                    + "at the next connect")));
        }
    }

    /** Stored when the session is the host's (latest wins), then relayed if it opens a console stream. */
    private void snapshot(AgentLink link, SessionsSnapshot snapshot) {
        Optional<Snapshots.Refusal> refusal;
        try {
            refusal = snapshots.store(link.hostId(), snapshot);
        } catch (RuntimeException e) {
            LOG.warn("host {}: cannot store the snapshot of session {}: {}", link.hostId(), snapshot.sessionId(),
                    e.toString());
            link.send(Envelope.live(ErrorMessage.of("not_applicable", "snapshot of session " + snapshot.sessionId()
                    + " not stored")));
            return;
        }
        if (refusal.isPresent()) {
            boolean unknown = refusal.get() == Snapshots.Refusal.UNKNOWN_SESSION;
            link.warnRefused("snapshot of session " + snapshot.sessionId() + (unknown ? " (unknown session)"
                    : " (another host's session)"));
            link.send(Envelope.live(ErrorMessage.of(unknown ? "unknown_session" : "session_not_owned",
                    "snapshot of session " + snapshot.sessionId() + " not stored: "
                            + (unknown ? "send its sessions.upsert first" : "it belongs to another host"))));
            return;
        }
        console.snapshot(link.hostId(), snapshot);
    }

    private void refuse(AgentLink link, String text, String code, String message) throws InterruptedException {
        Optional<Long> durableSeq = durableSeq(text);
        if (durableSeq.isPresent()) {
            // logged and answered when its turn in the queue comes
            link.enqueue(Inbound.rejected(durableSeq.get(), code, message, text));
        } else {
            link.warnRefused(code + ": " + message);
            link.send(Envelope.live(ErrorMessage.of(code, message)));
        }
    }

    /** The seq of a frame that names a durable type and carries a usable seq, however broken the rest. */
    private Optional<Long> durableSeq(String text) {
        try {
            JsonNode root = codec.mapper().readTree(text);
            JsonNode type = root.get("type");
            JsonNode seq = root.get("seq");
            boolean durable = type != null && type.isTextual()
                    && MessageType.byWireName(type.textValue()).map(MessageType::durable).orElse(false);
            if (durable && seq != null && seq.isIntegralNumber() && seq.canConvertToLong() && seq.longValue() > 0) {
                return Optional.of(seq.longValue());
            }
        } catch (Exception e) {
            LOG.trace("frame is not JSON: {}", e.getMessage());
        }
        return Optional.empty();
    }
}
