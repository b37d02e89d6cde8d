package dev.agentcommander.agentd.channel;

import dev.agentcommander.agentd.internal.LogThrottle;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.schema.agent.AgentAck;
import dev.agentcommander.schema.agent.ApprovalDecision;
import dev.agentcommander.schema.agent.Command;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles frames from the control plane: {@code agent.ack} (to the sender), {@code error} (logged),
 * {@code command} (to the command handler), {@code approval.decision} (to the decision handler). Runs on the sockets' reading threads; thread-safe.
 */
final class LinkInbound {
    private static final Logger LOG = LoggerFactory.getLogger(LinkInbound.class);

    private final WireCodec codec;
    private final Outbox outbox;
    private final LinkSender sender;
    private final CommandHandler commands;
    private final DecisionHandler decisions;
    private final Runnable onFirstAck;
    private final LogThrottle badFrames = new LogThrottle(LOG, Duration.ofMinutes(1));
    private final LogThrottle remoteErrors = new LogThrottle(LOG, Duration.ofSeconds(10));

    LinkInbound(WireCodec codec, Outbox outbox, LinkSender sender, CommandHandler commands, DecisionHandler decisions,
                Runnable onFirstAck) {
        this.decisions = decisions;
        this.codec = codec;
        this.outbox = outbox;
        this.sender = sender;
        this.commands = commands;
        this.onFirstAck = onFirstAck;
    }

    void handle(LinkSocket socket, String text) {
        Envelope envelope;
        try {
            envelope = codec.decode(text);
        } catch (WireFormatException e) {
            badFrames.warn("ignoring a malformed frame from the control plane: {}", e.getMessage());
            return;
        }
        switch (envelope.type()) {
            case AGENT_ACK -> ack(socket, envelope.payloadAs(AgentAck.class).seq());
            case ERROR -> {
                ErrorMessage error = envelope.payloadAs(ErrorMessage.class);
                remoteErrors.warn("control plane reports {}: {}{}", error.code(), error.message(),
                        error.seq() == null ? "" : " (seq " + error.seq() + ")");
            }
            case COMMAND -> commands.handle(envelope.payloadAs(Command.class));
            case APPROVAL_DECISION -> decisions.decide(envelope.payloadAs(ApprovalDecision.class));
            default -> badFrames.warn("ignoring unexpected {} frame from the control plane", envelope.type().wireName());
        }
    }

    private void ack(LinkSocket socket, long seq) {
        if (seq > outbox.lastAssigned()) {
            LOG.error("protocol error: control plane acked seq {} but the last seq issued is {} (stream {}); ignored",
                    seq, outbox.lastAssigned(), outbox.streamId());
        } else {
            sender.acked(seq);
        }
        // only after the ack is recorded: the sender resends what it has not seen acked once this is set
        if (!socket.acked()) {
            socket.markAcked();
            onFirstAck.run();
        }
    }
}
