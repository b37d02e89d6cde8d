package dev.agentcommander.server.uilink;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.WireFormatException;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.ui.ApprovalsChanged;
import dev.agentcommander.schema.ui.ConsoleInput;
import dev.agentcommander.schema.ui.HostsChanged;
import dev.agentcommander.schema.ui.SessionFilter;
import dev.agentcommander.schema.ui.SessionsChanged;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Unsubscribe;
import dev.agentcommander.server.api.NotFoundException;
import dev.agentcommander.server.approval.ApprovalQuery;
import dev.agentcommander.server.auth.Principal;
import dev.agentcommander.server.bus.ChangeBus;
import io.javalin.websocket.WsContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UI connection and its subscriptions. Frames arrive on the socket thread; pushes come from whichever
 * thread published a change, so sends are serialised. Every topic is open to every role (viewer and up); typing
 * into a console ({@code console.input}) takes an operator, and the first input of each console subscription is
 * recorded in the session's timeline as {@code console.attached}. Sends never wait for the client; one that falls
 * {@link #MAX_UNSENT_CHARS} behind is cut off. When the database becomes unavailable, each subscription that reads
 * it is told so ({@value #STORE_UNAVAILABLE}), and again when it is back ({@value #STORE_AVAILABLE}). Thread-safe.
 */
final class UiLink {
    private static final Logger LOG = LoggerFactory.getLogger(UiLink.class);
    /** The agreed limit of one UI frame; larger frames get an error. */
    static final int MAX_FRAME_CHARS = 1024 * 1024;
    /** The most approvals an initial {@code approvals.changed} holds. */
    static final int INITIAL_APPROVALS = ApprovalQuery.MAX_LIMIT;
    /** The timeline event of someone starting to type into a session's console. */
    static final String CONSOLE_ATTACHED = "console.attached";
    /**
     * How many characters may wait unsent for a client that does not read. A send beyond it (unless nothing waits:
     * one large answer always goes) ends every subscription of the socket and has it closed, so a stalled reader
     * costs bounded memory and never holds up whoever publishes.
     */
    static final long MAX_UNSENT_CHARS = 16L * 1024 * 1024;
    /** The {@code error} code sent when the database stops answering: nothing new can be stored or shown. */
    static final String STORE_UNAVAILABLE = ErrorMessage.STORE_UNAVAILABLE;
    /** The {@code error} code that ends a {@value #STORE_UNAVAILABLE}: the database answers, changes flow again. */
    static final String STORE_AVAILABLE = ErrorMessage.STORE_AVAILABLE;

    private final WsContext socket;
    private final Principal principal;
    private final WireCodec codec;
    private final UiTopics topics;
    private final Runnable onSent;
    private final Consumer<UiLink> onTooSlow;
    private final BooleanSupplier storeAvailable;
    private final AtomicLong unsent = new AtomicLong();
    private volatile boolean tooSlow;
    /** subscription id → what ends it */
    private final Map<String, Runnable> subscriptions = new ConcurrentHashMap<>();
    /** console subscription id → its session, and whether input through it was recorded yet */
    private final Map<String, ConsoleAttachment> consoles = new ConcurrentHashMap<>();
    private final Object sendLock = new Object();

    /**
     * {@code onTooSlow}: called once, on the sending thread, when the client fell too far behind; must not block.
     * {@code storeAvailable}: whether the database answered its latest check.
     */
    UiLink(WsContext socket, Principal principal, WireCodec codec, UiTopics topics, Runnable onSent,
            Consumer<UiLink> onTooSlow, BooleanSupplier storeAvailable) {
        this.socket = socket;
        this.storeAvailable = storeAvailable;
        this.onTooSlow = onTooSlow;
        this.principal = principal;
        this.codec = codec;
        this.topics = topics;
        this.onSent = onSent;
    }

    Principal principal() {
        return principal;
    }

    void handle(String text) {
        if (tooSlow) {
            return; // being closed: no new subscriptions
        }
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
            case CONSOLE_INPUT -> input(envelope.payloadAs(ConsoleInput.class));
            default -> error(ErrorMessage.of("unexpected_type", envelope.type().wireName()
                    + " is not a message a UI client sends"));
        }
    }

    void closed() {
        subscriptions.keySet().forEach(this::unsubscribe);
    }

    /**
     * Tells every subscription that reads the store (or, with none, the socket) that it became unavailable or is
     * back. Console subscriptions are left alone: their stream is relayed live, not read from the store.
     */
    void storeChanged(boolean available) {
        String code = available ? STORE_AVAILABLE : STORE_UNAVAILABLE;
        String message = available ? "the database answers again: changes are stored and shown again"
                : "the database cannot be reached: nothing new is stored or shown until it is back; "
                        + "what you see may be stale";
        List<String> stored = subscriptions.keySet().stream().filter(id -> !consoles.containsKey(id)).toList();
        if (stored.isEmpty()) {
            error(ErrorMessage.of(code, message));
        }
        stored.forEach(id -> error(new ErrorMessage(code, message, id, null)));
    }

    private void subscribe(Subscribe subscribe) {
        String id = subscribe.subscriptionId();
        unsubscribe(id);
        if (!storeAvailable.getAsBoolean()) {
            // Refused at once, not after the pool's connection wait: the client subscribes again on store_available.
            storeUnavailable(id, subscribe);
            return;
        }
        try {
            switch (subscribe.topic()) {
                case SESSIONS -> sessions(id, codec.read(subscribe.filter(), SessionFilter.class, "payload.filter"));
                case APPROVALS -> approvals(id, codec.read(subscribe.filter(), TopicFilters.Approvals.class,
                        "payload.filter"));
                case HOSTS -> hosts(id);
                case EVENTS -> events(id, codec.read(subscribe.filter(), TopicFilters.SessionOnly.class,
                        "payload.filter").sessionId());
                case CONSOLE -> console(id, codec.read(subscribe.filter(), TopicFilters.SessionOnly.class,
                        "payload.filter").sessionId());
            }
        } catch (WireFormatException e) {
            error(new ErrorMessage("bad_message", e.getMessage(), id, null));
        } catch (NotFoundException e) {
            unsubscribe(id);
            error(new ErrorMessage("not_found", e.getMessage(), id, null));
        } catch (RuntimeException e) {
            unsubscribe(id);
            if (!storeAvailable.getAsBoolean()) {
                storeUnavailable(id, subscribe);
                return;
            }
            LOG.error("cannot start subscription {} ({})", id, subscribe.topic(), e);
            error(new ErrorMessage("internal", "cannot read " + subscribe.topic() + " now; subscribe again", id, null));
        }
    }

    private void storeUnavailable(String id, Subscribe subscribe) {
        LOG.debug("subscription {} ({}) refused: the database is unavailable", id, subscribe.topic());
        error(new ErrorMessage(STORE_UNAVAILABLE, "the database cannot be reached: cannot read " + subscribe.topic()
                + " now; subscribe again on " + STORE_AVAILABLE, id, null));
    }

    private void sessions(String id, SessionFilter filter) {
        RowSubscription<SessionRow> subscription = new RowSubscription<>(SessionRow::sessionId, filter::matches,
                rows -> new SessionsChanged(id, rows), this::send);
        listen(id, topics.sessionChanges(), subscription);
        subscription.prime(topics.sessions().list(filter));
    }

    private void approvals(String id, TopicFilters.Approvals filter) {
        RowSubscription<ApprovalRow> subscription = new RowSubscription<>(ApprovalRow::approvalId, filter::matches,
                rows -> new ApprovalsChanged(id, rows), this::send);
        listen(id, topics.approvalChanges(), subscription);
        subscription.prime(topics.approvals().list(new ApprovalQuery(filter.pending(), null, null, null, null,
                INITIAL_APPROVALS)).items());
    }

    private void hosts(String id) {
        RowSubscription<HostRow> subscription = new RowSubscription<>(HostRow::hostId, host -> true,
                rows -> new HostsChanged(id, rows), this::send);
        listen(id, topics.hostChanges(), subscription);
        subscription.prime(topics.hosts().list());
    }

    private void events(String id, String sessionId) {
        EventSubscription subscription = new EventSubscription(id, sessionId, topics.events(), topics.eventReads(),
                this::send);
        subscriptions.put(id, () -> {
            topics.eventSessions().unlisten(subscription);
            subscription.end();
        });
        topics.eventSessions().listen(subscription); // before the initial read, as in listen()
        subscription.prime();
    }

    private void console(String id, String sessionId) {
        Runnable end = topics.console().subscribe(sessionId, id, this::send);
        ConsoleAttachment attachment = new ConsoleAttachment(sessionId);
        consoles.put(id, attachment);
        subscriptions.put(id, () -> {
            consoles.remove(id, attachment);
            end.run();
        });
    }

    private void input(ConsoleInput input) {
        String id = input.subscriptionId();
        ConsoleAttachment attachment = consoles.get(id);
        if (attachment == null) {
            error(new ErrorMessage("not_found", "no console subscription " + id
                    + " on this socket: subscribe to the console topic first", id, null));
            return;
        }
        if (!principal.has(Role.OPERATOR)) {
            error(new ErrorMessage("forbidden", "a " + principal.role() + " may watch a console but not type into "
                    + "it: that takes the operator role", id, null));
            return;
        }
        if (!attachment.recorded) {
            try {
                record(id, attachment.sessionId);
            } catch (RuntimeException e) {
                LOG.warn("cannot record console input to session {}; input refused", attachment.sessionId, e);
                error(new ErrorMessage("unavailable", "cannot record who types into this console now, so the input "
                        + "was not sent; try again", id, null));
                return;
            }
            attachment.recorded = true;
        }
        if (!topics.console().input(attachment.sessionId, input.data())) {
            error(new ErrorMessage("not_found", "the console of session " + attachment.sessionId
                    + " is no longer streaming; subscribe again", id, null));
        }
    }

    private void record(String subscriptionId, String sessionId) {
        SessionRow session = topics.sessions().require(sessionId);
        topics.controlEvents().record(sessionId, session.hostId(), CONSOLE_ATTACHED, codec.mapper()
                .createObjectNode().put("by", principal.email() == null ? principal.subject() : principal.email())
                .put("role", principal.role().toString()).put("subscription_id", subscriptionId));
    }

    /** A console subscription of this socket; {@code recorded} changes on the socket's thread, one frame at a time. */
    private static final class ConsoleAttachment {
        final String sessionId;
        volatile boolean recorded;

        ConsoleAttachment(String sessionId) {
            this.sessionId = sessionId;
        }
    }

    /** Listens before the initial read, so no change falls between the read and the first push. */
    private <T> void listen(String id, ChangeBus<T> bus, Consumer<List<T>> listener) {
        subscriptions.put(id, () -> bus.unlisten(listener));
        bus.listen(listener);
    }

    private void unsubscribe(String subscriptionId) {
        Runnable end = subscriptions.remove(subscriptionId);
        if (end != null) {
            end.run();
        }
    }

    private void error(ErrorMessage error) {
        send(Envelope.live(error));
    }

    /** Characters handed to the socket that it has not written yet. */
    long unsent() {
        return unsent.get();
    }

    /** Queues the frame on the socket without waiting for the client (Jetty writes it when it can). */
    private void send(Envelope envelope) {
        if (tooSlow) {
            return;
        }
        String text = codec.encode(envelope);
        long length = text.length();
        synchronized (sendLock) {
            if (tooSlow || !socket.session.isOpen()) {
                return;
            }
            long waiting = unsent.get();
            if (waiting > 0 && waiting + length > MAX_UNSENT_CHARS) {
                tooSlow = true;
                onTooSlow.accept(this);
                return;
            }
            unsent.addAndGet(length);
            socket.session.sendText(text, Callback.from(() -> unsent.addAndGet(-length),
                    failure -> unsent.addAndGet(-length)));
            onSent.run();
        }
    }
}
