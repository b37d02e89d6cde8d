package dev.agentcommander.agentd.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.agentd.channel.AgentLink;
import dev.agentcommander.agentd.channel.Outbox;
import dev.agentcommander.agentd.channel.StateDir;
import dev.agentcommander.agentd.config.ControlPlaneConfig;
import dev.agentcommander.agentd.testing.TcpProxy;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AckTimeoutTest {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(2);
    private final WireCodec codec = new WireCodec();

    @TempDir
    Path dir;

    @Test
    void halfOpenLink_noAckWithinTheTimeout_reconnects_andEveryMessageIsStoredOnce() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
             TcpProxy proxy = TcpProxy.start(URI.create(cp.agentUrl()).getPort());
             StateDir stateDir = StateDir.open(dir.resolve("state"))) {
            ControlPlaneFixture.Host host = cp.createHost("half-open");
            Path tokenFile = Files.writeString(dir.resolve("host.token"), host.token());
            Outbox outbox = Outbox.open(stateDir, codec);
            String url = "ws://127.0.0.1:" + proxy.port() + URI.create(cp.agentUrl()).getPath();
            String session = "ack-timeout-" + host.hostId();
            try (AgentLink link = new AgentLink(new ControlPlaneConfig(List.of(url), tokenFile, ACK_TIMEOUT), outbox,
                    codec, "test-version", command -> { }, Duration.ofMillis(50), Duration.ofMillis(200))) {
                link.start();
                outbox.append(sessionRow(session)); // seq 1; event n is seq n + 1
                outbox.append(event(session, 1));
                await().atMost(Duration.ofSeconds(15)).until(() -> outbox.lastAcked() == 2);

                proxy.dropDownstream(); // the control plane still gets every frame; its acks are lost
                for (long n = 2; n <= 6; n++) {
                    outbox.append(event(session, n));
                }
                await().atMost(Duration.ofSeconds(15)).until(() -> cp.lastAckedSeq(host.hostId()) == 7);
                assertThat(outbox.lastAcked()).isEqualTo(2);

                await().atMost(ACK_TIMEOUT.multipliedBy(5)).until(() -> proxy.accepted() == 2);
                await().atMost(Duration.ofSeconds(15)).until(() -> outbox.lastAcked() == 7);
                assertThat(outbox.pendingSeqs()).isEmpty();
                outbox.append(event(session, 7));
                await().atMost(Duration.ofSeconds(15)).until(() -> outbox.lastAcked() == 8);
            }
            assertThat(storedNs(cp, session)).isEqualTo(LongStream.rangeClosed(1, 7).boxed().toList());
            assertThat(proxy.accepted()).isEqualTo(2);
        }
    }

    @Test
    void idleLink_withNothingUnacked_isLeftOpen() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
             TcpProxy proxy = TcpProxy.start(URI.create(cp.agentUrl()).getPort());
             StateDir stateDir = StateDir.open(dir.resolve("state"))) {
            ControlPlaneFixture.Host host = cp.createHost("idle");
            Path tokenFile = Files.writeString(dir.resolve("host.token"), host.token());
            Outbox outbox = Outbox.open(stateDir, codec);
            String url = "ws://127.0.0.1:" + proxy.port() + URI.create(cp.agentUrl()).getPath();
            String session = "idle-" + host.hostId();
            try (AgentLink link = new AgentLink(new ControlPlaneConfig(List.of(url), tokenFile, ACK_TIMEOUT), outbox,
                    codec, "test-version", command -> { }, Duration.ofMillis(50), Duration.ofMillis(200))) {
                link.start();
                await().atMost(Duration.ofSeconds(15)).until(() -> proxy.accepted() == 1);
                await().during(ACK_TIMEOUT.multipliedBy(2)).atMost(ACK_TIMEOUT.multipliedBy(3))
                        .until(() -> proxy.accepted() == 1); // nothing outstanding: an idle link is left alone
                outbox.append(sessionRow(session));
                outbox.append(event(session, 1));
                await().atMost(Duration.ofSeconds(15)).until(() -> outbox.lastAcked() == 2);
            }
            assertThat(storedNs(cp, session)).containsExactly(1L);
            assertThat(proxy.accepted()).isEqualTo(1);
        }
    }

    /** The {@code n} of each stored event of the session, in the order stored. */
    private List<Long> storedNs(ControlPlaneFixture cp, String session) throws Exception {
        List<Long> ns = new ArrayList<>();
        try (Connection db = cp.database();
             PreparedStatement query = db.prepareStatement(
                     "SELECT payload FROM events WHERE session_id = ? ORDER BY event_id")) {
            query.setString(1, session);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ns.add(codec.mapper().readTree(rows.getString(1)).get("n").asLong());
                }
            }
        }
        return ns;
    }

    /** The row of the session the events go to: the control plane stores events only on a session it has. */
    private static SessionsUpsert sessionRow(String session) {
        return new SessionsUpsert(List.of(new SessionRow(session, null, "test", Provider.SHELL, SessionStatus.IDLE,
                false, null, null, null, null, null, null, null, null)));
    }

    private EventsAppend event(String session, long n) {
        JsonNode payload = codec.mapper().createObjectNode().put("n", n);
        return new EventsAppend(session, "test.n", payload);
    }
}
