package dev.agentcommander.server.uilink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.EventRow;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.ui.EventsAppended;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.StalledUiClient;
import dev.agentcommander.server.testing.TestAgent;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import dev.agentcommander.server.testing.TestUi;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlowReaderTest {
    /** Events of 256 KiB: the stalled client is sent well over its limit plus what the kernel buffers hold. */
    private static final int EVENTS = 120;
    private static final String BLOB = "b".repeat(256 * 1024);

    static TestPlane cp;

    @Parameter
    Engine engine;

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) {
        cp = TestPlane.start(engine);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        cp.close();
    }

    @Test
    void clientThatStopsReading_isClosedWith4429_whileTheAgentKeepsGettingAcks_andOthersKeepReceiving()
            throws Exception {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        String session = announceSession(agent, "slow-" + host.hostId());
        TestUi reader = TestUi.connect(cp.plane().uiWsUrl(), cp.token(Role.VIEWER));
        reader.send(new Subscribe("ev", Topic.EVENTS, cp.codec().mapper().createObjectNode().put("session_id", session)));
        reader.awaitPayload(EventsAppended.class, e -> e.subscriptionId().equals("ev"));
        double closedBefore = tooSlowClosed();
        try (StalledUiClient stalled = StalledUiClient.connect(cp.plane().uiWsUrl(), cp.token(Role.VIEWER))) {
            WireCodec codec = cp.codec();
            stalled.sendText(codec.encode(Envelope.live(new Subscribe("s", Topic.SESSIONS, null))));
            stalled.sendText(codec.encode(Envelope.live(new Subscribe("e", Topic.EVENTS,
                    codec.mapper().createObjectNode().put("session_id", session)))));

            for (long seq = 2; seq <= EVENTS + 1; seq++) {
                agent.sendDurable(seq, new EventsAppend(session, "test.big",
                        codec.mapper().createObjectNode().put("n", seq).put("blob", BLOB)));
            }

            agent.awaitAck(EVENTS + 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> tooSlowClosed() == closedBefore + 1);
            assertThat(stalled.readUntilClosed()).isEqualTo(UiSocket.TOO_SLOW);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> receivedEvents(reader) == EVENTS);
        assertThat(reader.isOpen()).isTrue();
        assertThat(agent.isOpen()).isTrue();
        assertThat(agent.errors()).isEmpty();
    }

    @Test
    void clientThatStopsReading_andSoNeverTakesTheClose_hasItsConnectionCutAfterTheGrace() throws Exception {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        String session = announceSession(agent, "cut-" + host.hostId());
        double closedBefore = metric("agentcommander_ui_too_slow_total");
        double openBefore = metric("agentcommander_ui_connections");
        try (StalledUiClient stalled = StalledUiClient.connect(cp.plane().uiWsUrl(), cp.token(Role.VIEWER))) {
            WireCodec codec = cp.codec();
            stalled.sendText(codec.encode(Envelope.live(new Subscribe("e", Topic.EVENTS,
                    codec.mapper().createObjectNode().put("session_id", session)))));
            await().atMost(Duration.ofSeconds(30)).until(() -> metric("agentcommander_ui_connections") > openBefore);

            for (long seq = 2; seq <= EVENTS + 1; seq++) {
                agent.sendDurable(seq, new EventsAppend(session, "test.big",
                        codec.mapper().createObjectNode().put("n", seq).put("blob", BLOB)));
            }
            agent.awaitAck(EVENTS + 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> metric("agentcommander_ui_too_slow_total") > closedBefore);

            // It reads nothing, so its close frame never goes out: only the server's own cut ends the connection
            // (and frees what was queued for it) before the 2 min idle timeout. The chaos run's abuse found it kept.
            await().atMost(Duration.ofSeconds(30)).until(() -> metric("agentcommander_ui_connections") == openBefore);
        }
    }

    private static String announceSession(TestAgent agent, String session) {
        agent.sendDurable(1, new SessionsUpsert(List.of(new SessionRow(session, null, "api", Provider.SHELL,
                SessionStatus.RUNNING, false, null, "/work/api", null, null, null, null, null, null))));
        agent.awaitAck(1);
        return session;
    }

    private static long receivedEvents(TestUi ui) {
        return ui.payloads(EventsAppended.class).stream().filter(e -> e.subscriptionId().equals("ev"))
                .flatMap(e -> e.events().stream()).map(EventRow::eventType).filter("test.big"::equals).count();
    }

    private static double tooSlowClosed() {
        return metric("agentcommander_ui_too_slow_total");
    }

    private static double metric(String name) {
        return cp.get("/metrics", null).text().lines().filter(line -> line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
