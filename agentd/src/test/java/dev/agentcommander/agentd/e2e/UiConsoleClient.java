package dev.agentcommander.agentd.e2e;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.MessageType;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.ui.SessionsChanged;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A UI WebSocket client for end-to-end tests: records every frame the control plane sends. Thread-safe. */
final class UiConsoleClient extends WebSocketClient {
    private final WireCodec codec = new WireCodec();
    private final List<Envelope> received = new CopyOnWriteArrayList<>();

    UiConsoleClient(String url) {
        super(URI.create(url));
        setDaemon(true);
    }

    List<Envelope> received() {
        return List.copyOf(received);
    }

    /** The session rows of {@code sessions.changed} pushes that match, in the order they came. */
    List<SessionRow> sessionRows(Predicate<SessionRow> matching) {
        List<SessionRow> rows = new ArrayList<>();
        for (Envelope envelope : received()) {
            if (envelope.type() == MessageType.SESSIONS_CHANGED) {
                envelope.payloadAs(SessionsChanged.class).sessions().stream().filter(matching).forEach(rows::add);
            }
        }
        return rows;
    }

    /** The rows' statuses, consecutive repeats collapsed. */
    static List<SessionStatus> statuses(List<SessionRow> rows) {
        List<SessionStatus> seen = new ArrayList<>();
        for (SessionRow row : rows) {
            if (seen.isEmpty() || seen.get(seen.size() - 1) != row.status()) {
                seen.add(row.status());
            }
        }
        return seen;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        // Subscriptions are sent by the test once open.
    }

    @Override
    public void onMessage(String message) {
        try {
            received.add(codec.decode(message));
        } catch (WireFormatException e) {
            throw new AssertionError("control plane sent a malformed UI frame: " + message, e);
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        // The test closes it; the control plane's side is what is asserted.
    }

    @Override
    public void onError(Exception ex) {
        // Failures show up as missing frames in the test's assertions.
    }
}
