package dev.agentcommander.server.uilink;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.schema.ui.SessionFilter;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;
import dev.agentcommander.schema.ui.Unsubscribe;
import dev.agentcommander.server.auth.Principal;
import dev.agentcommander.server.session.SessionChanges;
import dev.agentcommander.server.session.Sessions;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UI connection and its subscriptions. Frames arrive on the socket thread; pushes come from whichever
 * thread published a change, so sends are serialised. Thread-safe.
 */
final class UiLink {
    private static final Logger LOG = LoggerFactory.getLogger(UiLink.class);
    /** The agreed limit of one UI frame; larger frames get an error. */
    static final int MAX_FRAME_CHARS = 1024 * 1024;

    private final WsContext socket;
    private final Principal principal;
    private final WireCodec codec;
    private final Sessions sessions;
    private final SessionChanges sessionChanges;
    private final Map<String, SessionSubscription> subscriptions = new ConcurrentHashMap<>();
    private final Object sendLock = new Object();

    UiLink(WsContext socket, Principal principal, WireCodec codec, Sessions sessions, SessionChanges sessionChanges) {
        this.socket = socket;
        this.principal = principal;
        this.codec = codec;
        this.sessions = sessions;
        this.sessionChanges = sessionChanges;
    }

    Principal principal() {
        return principal;
    }

    void handle(String text) {
        if (text.length() > MAX_FRAME_CHARS) {
            error(ErrorMessage.of("too_large", "frame of " + text.length() + " characters exceeds the limit of "
                    + MAX_FRAME_CHARS));
            return;
        }
        Envelope envelope;
        try {
            envelope = codec.decode(text);
        } catch (WireFormatException e) {
            boolean unknownType = "type".equals(e.field()) && e.reason().startsWith("unknown message type");
            error(ErrorMessage.of(unknownType ? "unknown_type" : "bad_message", e.getMessage()));
            return;
        }
        switch (envelope.type()) {
            case SUBSCRIBE -> subscribe(envelope.payloadAs(Subscribe.class));
            case UNSUBSCRIBE -> unsubscribe(envelope.payloadAs(Unsubscribe.class).subscriptionId());
            default -> error(ErrorMessage.of("unexpected_type", envelope.type().wireName()
                    + " is not a message a UI client sends"));
        }
    }

    void closed() {
        subscriptions.keySet().forEach(this::unsubscribe);
    }

    private void subscribe(Subscribe subscribe) {
        String id = subscribe.subscriptionId();
        if (subscribe.topic() != Topic.SESSIONS) {
            error(new ErrorMessage("unsupported_topic", "topic " + subscribe.topic() + " is not served yet", id, null));
            return;
        }
        SessionFilter filter;
        try {
            filter = codec.read(subscribe.filter(), SessionFilter.class, "payload.filter");
        } catch (WireFormatException e) {
            error(new ErrorMessage("bad_message", e.getMessage(), id, null));
            return;
        }
        unsubscribe(id);
        SessionSubscription subscription = new SessionSubscription(id, filter, this::send);
        subscriptions.put(id, subscription);
        // listen before reading, so no change falls between the read and the first push
        sessionChanges.listen(subscription);
        try {
            subscription.prime(sessions.list(filter));
        } catch (RuntimeException e) {
            LOG.error("cannot read sessions for subscription {}", id, e);
            unsubscribe(id);
            error(new ErrorMessage("internal", "cannot read sessions now; subscribe again", id, null));
        }
    }

    private void unsubscribe(String subscriptionId) {
        SessionSubscription subscription = subscriptions.remove(subscriptionId);
        if (subscription != null) {
            sessionChanges.unlisten(subscription);
        }
    }

    private void error(ErrorMessage error) {
        send(Envelope.live(error));
    }

    private void send(Envelope envelope) {
        String text = codec.encode(envelope);
        synchronized (sendLock) {
            if (socket.session.isOpen()) {
                socket.send(text);
            }
        }
    }
}
