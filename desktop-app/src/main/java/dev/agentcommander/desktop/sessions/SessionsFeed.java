package dev.agentcommander.desktop.sessions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentcommander.desktop.client.ControlPlaneClient;
import dev.agentcommander.desktop.client.ControlPlaneException;
import dev.agentcommander.desktop.client.UiSocket;
import dev.agentcommander.schema.ControlToUi;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.ui.SessionsChanged;
import dev.agentcommander.schema.ui.Topic;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the sessions view model: follows the {@code sessions} topic on the UI socket and loads host names
 * (GET /v1/hosts) at start and whenever a row names a host not seen before. REST calls run on {@code io};
 * everything else, and all fields, belong to the UI thread.
 */
public final class SessionsFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionsFeed.class);

    private final UiSocket socket;
    private final ControlPlaneClient client;
    private final SessionsViewModel model;
    private final Executor ui;
    private final Executor io;
    private final Set<String> hostsAskedFor = new HashSet<>();
    private String subscriptionId;
    private boolean loadingHosts;
    private boolean reloadHosts;
    private boolean closed;

    public SessionsFeed(UiSocket socket, ControlPlaneClient client, SessionsViewModel model, Executor ui, Executor io) {
        this.socket = socket;
        this.client = client;
        this.model = model;
        this.ui = ui;
        this.io = io;
    }

    public void start() {
        subscriptionId = socket.subscribe(Topic.SESSIONS, JsonNodeFactory.instance.objectNode(), this::onMessage);
        loadHosts();
    }

    @Override
    public void close() {
        closed = true;
        if (subscriptionId != null) {
            socket.unsubscribe(subscriptionId);
        }
    }

    private void onMessage(ControlToUi message, boolean initial) {
        if (closed || !(message instanceof SessionsChanged changed)) {
            return;
        }
        if (initial) {
            model.replaceAll(changed.sessions());
        } else {
            model.upsert(changed.sessions());
        }
        boolean unknownHost = false;
        for (SessionRow row : changed.sessions()) {
            if (!model.knowsHost(row.hostId()) && hostsAskedFor.add(row.hostId())) {
                unknownHost = true;
            }
        }
        if (unknownHost) {
            loadHosts();
        }
    }

    private void loadHosts() {
        if (closed) {
            return;
        }
        if (loadingHosts) {
            reloadHosts = true;
            return;
        }
        loadingHosts = true;
        try {
            io.execute(this::fetchHosts);
        } catch (RejectedExecutionException e) {
            // The app is shutting down.
            loadingHosts = false;
        }
    }

    /** Runs on {@code io}. */
    private void fetchHosts() {
        List<HostRow> hosts;
        try {
            hosts = client.listHosts();
        } catch (ControlPlaneException e) {
            LOG.warn("Cannot load host names; showing host ids: {}", e.getMessage());
            hosts = List.of();
        }
        List<HostRow> loaded = hosts;
        ui.execute(() -> hostsLoaded(loaded));
    }

    private void hostsLoaded(List<HostRow> hosts) {
        loadingHosts = false;
        if (closed) {
            return;
        }
        model.setHosts(hosts);
        if (reloadHosts) {
            reloadHosts = false;
            loadHosts();
        }
    }
}
