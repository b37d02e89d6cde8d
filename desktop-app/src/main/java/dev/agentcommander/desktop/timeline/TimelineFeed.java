package dev.agentcommander.desktop.timeline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentcommander.desktop.client.ControlPlaneException;
import dev.agentcommander.desktop.client.ErrorText;
import dev.agentcommander.desktop.client.EventPage;
import dev.agentcommander.desktop.shell.Connection;
import dev.agentcommander.schema.ControlToUi;
import dev.agentcommander.schema.model.EventRow;
import dev.agentcommander.schema.ui.EventsAppended;
import dev.agentcommander.schema.ui.Topic;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Feeds a timeline: the {@code events} topic gives the latest events and then each new one; "load earlier" reads
 * REST pages ({@code GET /v1/sessions/{id}/events}, oldest first) up to the first event shown and keeps the last
 * {@link #EARLIER_BATCH} of them. REST runs on the connection's io executor; the rest on the UI thread.
 */
public final class TimelineFeed implements AutoCloseable {
    static final int EARLIER_BATCH = 200;
    private static final int PAGE = 1000;

    private final Connection connection;
    private final String sessionId;
    private final TimelineViewModel model;
    private final Executor ui;
    private String subscriptionId;

    public TimelineFeed(Connection connection, String sessionId, TimelineViewModel model, Executor ui) {
        this.connection = connection;
        this.sessionId = sessionId;
        this.model = model;
        this.ui = ui;
    }

    public void start() {
        subscriptionId = connection.socket().subscribe(Topic.EVENTS,
                JsonNodeFactory.instance.objectNode().put("session_id", sessionId), this::received);
    }

    public void loadEarlier() {
        if (model.loadingProperty().get()) {
            return;
        }
        model.loadingProperty().set(true);
        long before = model.firstEventId();
        connection.io().execute(() -> {
            try {
                List<EventRow> earlier = readBefore(before);
                ui.execute(() -> {
                    model.loadingProperty().set(false);
                    model.problemProperty().set(null);
                    model.olderAvailableProperty().set(earlier.size() == EARLIER_BATCH);
                    model.add(earlier);
                });
            } catch (ControlPlaneException e) {
                ui.execute(() -> {
                    model.loadingProperty().set(false);
                    model.problemProperty().set("Cannot load earlier events: " + ErrorText.of(e));
                });
            }
        });
    }

    @Override
    public void close() {
        if (subscriptionId != null) {
            connection.socket().unsubscribe(subscriptionId);
            subscriptionId = null;
        }
    }

    private void received(ControlToUi message, boolean initial) {
        if (!(message instanceof EventsAppended appended)) {
            return;
        }
        if (initial) {
            // The topic opens with the latest events; there are older ones when it opened with a full batch.
            model.olderAvailableProperty().set(appended.events().size() >= 100);
        }
        model.add(appended.events());
    }

    /** Runs on io: the last {@link #EARLIER_BATCH} events before {@code before} (0 = the newest ones). */
    private List<EventRow> readBefore(long before) throws ControlPlaneException {
        Deque<EventRow> kept = new ArrayDeque<>();
        long after = 0;
        while (true) {
            EventPage page = connection.client().events(sessionId, after, PAGE);
            for (EventRow event : page.items()) {
                if (before != 0 && event.eventId() >= before) {
                    return new ArrayList<>(kept);
                }
                kept.addLast(event);
                if (kept.size() > EARLIER_BATCH) {
                    kept.removeFirst();
                }
            }
            if (page.next() == null || page.items().isEmpty()) {
                return new ArrayList<>(kept);
            }
            after = Long.parseLong(page.next());
        }
    }
}
