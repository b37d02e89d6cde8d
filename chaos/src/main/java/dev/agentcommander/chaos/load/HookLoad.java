package dev.agentcommander.chaos.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.chaos.fleet.AgentdHost;
import dev.agentcommander.chaos.verify.SentLoad;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable load for one host: Claude Code {@code Notification} hooks posted one after another to agentd's HTTP hook
 * receiver, each with a unique {@code chaos_id} and the host's running number {@code chaos_n}. agentd turns each
 * into one durable {@code events.append} ({@code hook.Notification}) with the next seq of its outbox, so the order
 * of {@code chaos_n} is the order of the seqs. A hook answered 200 was persisted by agentd before the answer and
 * must be stored exactly once; one that failed (agentd killed mid-request) is in doubt: stored once or not at all.
 * Runs on its own thread; the counters are read from others.
 */
public final class HookLoad implements Runnable, SentLoad {
    private final AgentdHost host;
    private final String paneId;
    private final long total;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<Long> answered = ConcurrentHashMap.newKeySet();
    private final Set<Long> inDoubt = ConcurrentHashMap.newKeySet();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean stopped;

    public HookLoad(AgentdHost host, String paneId, long total, ObjectMapper json) {
        this.host = host;
        this.paneId = paneId;
        this.total = total;
        this.json = json;
    }

    public AgentdHost host() {
        return host;
    }

    @Override
    public String hostId() {
        return host.hostId();
    }

    /** Hooks agentd answered 200: each must be stored exactly once. */
    @Override
    public Set<Long> answered() {
        return answered;
    }

    /** Hooks whose request failed: stored at most once. */
    @Override
    public Set<Long> inDoubt() {
        return inDoubt;
    }

    public long sent() {
        return sent.get();
    }

    public boolean done() {
        return sent.get() >= total;
    }

    public void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        for (long n = 1; n <= total && !stopped; n++) {
            String body = json.createObjectNode().put("session_id", "chaos-" + host.name())
                    .put("hook_event_name", "Notification").put("notification_type", "chaos")
                    .put("chaos_id", UUID.randomUUID().toString()).put("chaos_n", n).toString();
            try {
                JsonNode endpoint = host.hookEndpoint(json);
                HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.path("url").asText()
                                + "/hooks/Notification")).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").header("X-Tmux-Pane", paneId)
                        .header("Authorization", "Bearer " + endpoint.path("secret").asText())
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                (status == 200 ? answered : inDoubt).add(n);
                if (status != 200) {
                    pause();
                }
            } catch (IOException e) {
                inDoubt.add(n);
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sent.set(n);
        }
    }

    /** agentd is down or restarting: try the next hook a little later. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
