package dev.agentcommander.chaos.load;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentcommander.chaos.fleet.WholeTexts;
import dev.agentcommander.chaos.verify.AckTally;
import dev.agentcommander.chaos.verify.SentLoad;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.Message;
import dev.agentcommander.schema.MessageType;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.schema.agent.AgentAck;
import dev.agentcommander.schema.agent.AgentHello;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.model.TmuxRef;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * A light agent on the real agent socket: one host token, the real wire records — {@code agent.hello}, one
 * {@code sessions.upsert} of all its rows (seq 1), then one {@code events.append} per {@link #sendNextEvent()} on its
 * sessions in turn (event {@code n} is seq {@code n + 1}, its payload carries {@code chaos_id} and {@code chaos_n}
 * like a hook of {@link HookLoad}), and the acks counted in an {@link AckTally}. Its first session is
 * {@code waiting_input}, the others {@code running}. Sends come from one caller thread at a time; the listener runs on
 * the shared client's threads. Thread-safe.
 */
public final class SimulatedAgent implements WebSocket.Listener, AutoCloseable, SentLoad {
    public static final SessionStatus MARKED_STATUS = SessionStatus.WAITING_INPUT;

    private final String hostId;
    private final List<String> sessionIds = new ArrayList<>();
    private final WireCodec codec;
    private final AckTally tally;
    private final AtomicLong errors = new AtomicLong();
    private final WholeTexts texts = new WholeTexts(this::read);
    private WebSocket socket;
    private long seq;
    private boolean connectAckSeen;
    private volatile boolean closed;

    public SimulatedAgent(String hostId, int sessions, int events, WireCodec codec) {
        this.hostId = hostId;
        this.codec = codec;
        this.tally = new AckTally(1 + events);
        for (int i = 0; i < sessions; i++) {
            sessionIds.add(UUID.randomUUID().toString());
        }
    }

    /** Opens the socket with the host token and sends the hello and the upsert of every session row. */
    public void connect(HttpClient client, int port, String hostToken) throws Exception {
        socket = client.newWebSocketBuilder()
                .header("Authorization", "Bearer " + hostToken)
                .header("X-Agentd-Stream", "scale-" + UUID.randomUUID())
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/agent/ws"), this)
                .get(60, TimeUnit.SECONDS);
        send(Envelope.live(new AgentHello(hostId, "chaos-scale", new AgentHello.Resume(0L))));
        List<SessionRow> rows = new ArrayList<>();
        for (int i = 0; i < sessionIds.size(); i++) {
            rows.add(new SessionRow(sessionIds.get(i), null, "scale-" + i, Provider.CLAUDE,
                    i == 0 ? MARKED_STATUS : SessionStatus.RUNNING, i == 0,
                    new TmuxRef("%" + i, "scale", Integer.toString(i)), "/srv/scale/" + i, null, "scale " + i, null,
                    Instant.now(), null, null));
        }
        sendDurable(new SessionsUpsert(rows));
    }

    /** One durable {@code hook.Notification} event on the next session in turn. */
    public void sendNextEvent() throws Exception {
        String sessionId = sessionIds.get((int) (seq % sessionIds.size()));
        sendDurable(new EventsAppend(sessionId, "hook.Notification", JsonNodeFactory.instance.objectNode()
                .put("chaos_id", UUID.randomUUID().toString()).put("chaos_n", seq)));
    }

    /** Events sent so far (the upsert not counted). */
    public long eventsSent() {
        return Math.max(0, tally.sent() - 1);
    }

    /** Events whose seq an ack covered. */
    @Override
    public Set<Long> answered() {
        return numbers(1, tally.acked() - 1);
    }

    /** Events sent and not acked. */
    @Override
    public Set<Long> inDoubt() {
        return numbers(Math.max(1, tally.acked()), tally.sent() - 1);
    }

    private static Set<Long> numbers(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().collect(Collectors.toSet());
    }

    private void sendDurable(Message payload) throws Exception {
        long next = seq + 1;
        tally.sending(next);
        send(Envelope.durable(next, payload));
        seq = next;
    }

    private void send(Envelope envelope) throws Exception {
        socket.sendText(codec.encode(envelope), true).get(60, TimeUnit.SECONDS);
    }

    @Override
    public String hostId() {
        return hostId;
    }

    public AckTally tally() {
        return tally;
    }

    /** {@code error} frames and undecodable frames the control plane sent. */
    public long errors() {
        return errors.get();
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        texts.add(data, last);
        webSocket.request(1);
        return null;
    }

    private void read(String text) {
        try {
            Envelope envelope = codec.decode(text);
            if (envelope.type() == MessageType.AGENT_ACK) {
                boolean connectAck;
                synchronized (this) {
                    connectAck = !connectAckSeen;
                    connectAckSeen = true;
                }
                tally.acked(envelope.payloadAs(AgentAck.class).seq(), connectAck);
            } else if (envelope.type() == MessageType.ERROR) {
                errors.incrementAndGet();
            }
        } catch (WireFormatException e) {
            errors.incrementAndGet();
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = true;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed = true;
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
    }
}
