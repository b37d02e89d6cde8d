package dev.agentcommander.agentd.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.discovery.HookSignals;
import dev.agentcommander.agentd.discovery.PaneFormat;
import dev.agentcommander.agentd.discovery.SessionDiscovery;
import dev.agentcommander.agentd.testing.MemoryQueue;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import dev.agentcommander.schema.AgentToControl;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsUpsert;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hook from a pane whose row discovery has not queued yet (a pane opened between two polls, or one spawn_session
 * tagged a moment ago) makes discovery queue that row before the hook's event: the control plane refuses events of a
 * session it has no row of. Discovery polls once an hour here, so only the hook can cause the row. A 200 always means
 * the hook's event is queued.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HookSessionOrderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final WireCodec codec = new WireCodec();
    private final MemoryQueue queue = new MemoryQueue();
    private final HttpClient http = HttpClient.newHttpClient();
    private TmuxServer server;
    private TmuxRunner tmux;
    private SessionDiscovery discovery;
    private ClaudeHooks hooks;

    @BeforeEach
    void start() throws IOException {
        server = TmuxServer.start(dir);
        tmux = new TmuxRunner(server.config(100));
        discovery = new SessionDiscovery(tmux, queue, dir, codec, Duration.ofHours(1));
        discovery.start();
        await().atMost(WAIT).until(() -> queue.lastRowOfPane(server.paneIds().get(0)).isPresent());
        AgentConfig config = AgentConfig.forLocal(List.of("ws://127.0.0.1:9/v1/agent/ws"), dir.resolve("host.token"),
                server.socket(), dir);
        hooks = ClaudeHooks.start(config, dir, tmux, discovery, new HookSignals(), queue, codec.mapper());
    }

    @AfterEach
    void stop() {
        if (hooks != null) {
            hooks.close();
        }
        discovery.close();
        tmux.close();
        server.close();
    }

    @Test
    void hookFromAPaneTaggedButNotYetAnnounced_queuesTheSessionsRowBeforeItsEvent() throws Exception {
        String pane = newPane();
        String sessionId = UUID.randomUUID().toString();
        server.tmux("set-option", "-p", "-t", pane, PaneFormat.SESSION_ID_OPTION, sessionId); // as spawn_session does

        assertThat(hook("Stop", pane).statusCode()).isEqualTo(200);

        assertRowQueuedBeforeEvent(sessionId, "hook.Stop");
    }

    @Test
    void hookFromAPaneDiscoveryHasNotSeen_tagsIt_andQueuesItsRowBeforeItsEvent() throws Exception {
        String pane = newPane();

        assertThat(hook("UserPromptSubmit", pane).statusCode()).isEqualTo(200);

        String sessionId = server.sessionTag(pane);
        assertThat(sessionId).isNotBlank();
        assertRowQueuedBeforeEvent(sessionId, "hook.UserPromptSubmit");
        assertThat(hook("Stop", pane).statusCode()).isEqualTo(200);
        assertThat(queue.rows()).filteredOn(row -> row.sessionId().equals(sessionId)).hasSize(1);
    }

    @Test
    void hookWhoseEventTheOutboxCannotStore_isAnswered503_notA200ThatSaysRecorded() throws Exception {
        String pane = server.paneIds().get(0);
        queue.failAppends(true);

        HttpResponse<String> notification = hook("Notification", pane);
        HttpResponse<String> permission = hook("PermissionRequest", pane);

        assertThat(notification.statusCode()).isEqualTo(503);
        assertThat(permission.statusCode()).isEqualTo(503);
        assertThat(notification.body()).startsWith("not recorded");
        queue.failAppends(false);
        assertThat(hook("Notification", pane).statusCode()).isEqualTo(200);
    }

    private String newPane() {
        return server.tmux("new-window", "-d", "-P", "-F", "#{pane_id}", "-t", "main").strip();
    }

    private HttpResponse<String> hook(String event, String pane) throws IOException, InterruptedException {
        HookEndpoint endpoint = hooks.endpoint();
        String body = codec.mapper().createObjectNode().put("session_id", "claude-1").put("hook_event_name", event)
                .toString();
        return http.send(HttpRequest.newBuilder(URI.create(endpoint.url() + "/hooks/" + event))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + endpoint.secret())
                .header("X-Tmux-Pane", pane).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void assertRowQueuedBeforeEvent(String sessionId, String eventType) {
        List<AgentToControl> messages = queue.messages();
        int row = -1;
        int event = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (row < 0 && messages.get(i) instanceof SessionsUpsert upsert
                    && upsert.sessions().stream().anyMatch(r -> r.sessionId().equals(sessionId))) {
                row = i;
            }
            if (event < 0 && messages.get(i) instanceof EventsAppend append && append.sessionId().equals(sessionId)
                    && append.eventType().equals(eventType)) {
                event = i;
            }
        }
        assertThat(event).as("the hook's event is queued").isNotNegative();
        assertThat(row).as("the session's row is queued before its event").isBetween(0, event - 1);
    }
}
