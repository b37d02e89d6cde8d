package dev.agentcommander.server.testing;

import static org.awaitility.Awaitility.await;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.Message;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.AgentAck;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A hand-driven agentd: speaks the agent protocol with {@link WireCodec} and records what it receives. */
public final class TestAgent extends RecordingClient {
    private TestAgent(URI uri, Map<String, String> headers) {
        super(uri, headers);
    }

    /** Connects, or returns a client whose {@link #closeReason()} tells why the upgrade failed. */
    public static TestAgent connect(String url, String token, String streamId) {
        Map<String, String> headers = new HashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (streamId != null) {
            headers.put("X-Agentd-Stream", streamId);
        }
        TestAgent agent = new TestAgent(URI.create(url), headers);
        agent.connectOrRecordFailure();
        return agent;
    }

    public void send(Envelope envelope) {
        send(codec.encode(envelope));
    }

    public void sendDurable(long seq, Message message) {
        send(Envelope.durable(seq, message));
    }

    /**
     * Stores {@code sessionId} as a session of this host (a plain shell row) with durable frame {@code seq}: events
     * are stored only on the host's own sessions.
     */
    public void upsertSession(long seq, String sessionId) {
        sendDurable(seq, new SessionsUpsert(List.of(new SessionRow(sessionId, null, "test", Provider.SHELL,
                SessionStatus.IDLE, false, null, null, null, null, null, null, null, null))));
    }

    /** Cuts the TCP connection without a close handshake. */
    public void cut() {
        try {
            getSocket().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for an {@code agent.ack} with exactly {@code seq}. */
    public void awaitAck(long seq) {
        await().atMost(Duration.ofSeconds(30)).until(() -> acks().contains(seq));
    }

    public List<Long> acks() {
        return received.stream().filter(e -> e.payload() instanceof AgentAck)
                .map(e -> ((AgentAck) e.payload()).seq()).toList();
    }

    /** The first ack this connection received. */
    public long firstAck() {
        await().atMost(Duration.ofSeconds(10)).until(() -> !acks().isEmpty());
        return acks().get(0);
    }
}
