package dev.agentcommander.server.testing;

import static org.awaitility.Awaitility.await;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.Message;
import dev.agentcommander.schema.ui.SessionsChanged;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A UI client on {@code /v1/ui/ws} that records what it receives. */
public final class TestUi extends RecordingClient {
    private TestUi(URI uri) {
        super(uri, Map.of());
    }

    public static TestUi connect(String url, String token) {
        String full = token == null ? url : url + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        TestUi ui = new TestUi(URI.create(full));
        ui.connectOrRecordFailure();
        return ui;
    }

    public void send(Message message) {
        send(codec.encode(Envelope.live(message)));
    }

    public List<SessionsChanged> sessionsChanged(String subscriptionId) {
        return received.stream().filter(e -> e.payload() instanceof SessionsChanged changed
                        && changed.subscriptionId().equals(subscriptionId))
                .map(e -> (SessionsChanged) e.payload()).toList();
    }

    /** Waits until {@code count} {@code sessions.changed} of the subscription arrived; returns them all. */
    public List<SessionsChanged> awaitSessionsChanged(String subscriptionId, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> sessionsChanged(subscriptionId).size() >= count);
        return sessionsChanged(subscriptionId);
    }
}
