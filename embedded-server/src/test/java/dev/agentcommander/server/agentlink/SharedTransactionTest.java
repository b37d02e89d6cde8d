package dev.agentcommander.server.agentlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.Message;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.server.agentlink.DurableApplier.HostBatch;
import dev.agentcommander.server.approval.Approvals;
import dev.agentcommander.server.bus.ChangeBus;
import dev.agentcommander.server.db.Database;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.TestPlane;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One transaction for the batches of several hosts ({@link DurableApplier#applyAll}): each host gets what a
 * transaction of its own would have given it, on a real database.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedTransactionTest {
    private static final String STREAM = "shared";
    static TestPlane cp;
    static Database database;
    static DurableApplier applier;

    @Parameter
    Engine engine;

    private String hostA;
    private String hostB;

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) {
        cp = TestPlane.start(engine);
        database = cp.openDatabase();
        Approvals approvals = new Approvals(database.jdbi(), Clock.systemUTC(), new AgentLinks(), cp.codec(),
                new ChangeBus<>("test-approvals"));
        applier = new DurableApplier(database.jdbi(), Clock.systemUTC(), cp.codec(), approvals);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        database.close();
        cp.close();
    }

    @BeforeEach
    void twoHosts() {
        hostA = cp.newHost().hostId();
        hostB = cp.newHost().hostId();
        assertThat(applier.open(hostA, STREAM)).isZero();
        assertThat(applier.open(hostB, STREAM)).isZero();
    }

    @Test
    void twoHostsReportingOneNewSession_theFirstOwnsIt_theSecondIsRefusedAsIfStoredBefore() {
        String session = "both-" + UUID.randomUUID();
        List<Applied> applied = applier.applyAll(List.of(
                batch(hostA, upsert(1, session), event(2, session, "test.a")),
                batch(hostB, upsert(1, session), event(2, session, "test.b"))));

        assertThat(applied).extracting(Applied::ackSeq).containsExactly(2L, 2L);
        assertThat(applied.get(0).errors()).isEmpty();
        assertThat(applied.get(0).owned()).containsKey(session);
        assertThat(applied.get(1).errors()).extracting(ErrorMessage::code)
                .containsExactly("session_not_owned", "session_not_owned");
        assertThat(applied.get(1).owned()).isEmpty();
        assertThat(sessionHost(session)).isEqualTo(hostA);
        assertThat(eventTypes(session)).containsExactly("test.a");
        assertThat(cursor(hostA)).isEqualTo(2);
        assertThat(cursor(hostB)).isEqualTo(2);
    }

    @Test
    void anEventCountsOnlyAnUpsertBeforeItInTheBatch_theOneBeforeIsParkedAsUnknownSession() {
        String session = "order-" + UUID.randomUUID();
        Applied applied = applier.applyAll(List.of(
                batch(hostA, event(1, session, "test.1"), upsert(2, session), event(3, session, "test.3")))).get(0);

        assertThat(applied.ackSeq()).isEqualTo(3);
        assertThat(applied.errors()).extracting(ErrorMessage::seq, ErrorMessage::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "unknown_session"));
        assertThat(eventTypes(session)).containsExactly("test.3");
        assertThat(parkedCodes(hostA)).containsExactly("unknown_session");
    }

    @Test
    void approvalsOfSeveralHosts_eachResultCarriesItsOwnRows() {
        String sessionA = "appr-a-" + UUID.randomUUID();
        String sessionB = "appr-b-" + UUID.randomUUID();
        List<Applied> applied = applier.applyAll(List.of(
                batch(hostA, upsert(1, sessionA), approvalRequested(2, sessionA, "ap-a-" + sessionA)),
                batch(hostB, upsert(1, sessionB), approvalRequested(2, sessionB, "ap-b-" + sessionB))));

        assertThat(applied.get(0).approvals()).extracting(ApprovalRow::approvalId, ApprovalRow::hostId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ap-a-" + sessionA, hostA));
        assertThat(applied.get(1).approvals()).extracting(ApprovalRow::approvalId, ApprovalRow::hostId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ap-b-" + sessionB, hostB));
        assertThat(applied.get(0).eventSessions()).containsExactly(sessionA);
        assertThat(applied.get(1).eventSessions()).containsExactly(sessionB);
    }

    @Test
    void repeatsAreSkippedPerHost_andAHostWithNothingNewIsStillAcked() {
        String session = "rep-" + UUID.randomUUID();
        applier.applyAll(List.of(batch(hostA, upsert(1, session), event(2, session, "test.2"))));

        List<Applied> applied = applier.applyAll(List.of(
                batch(hostA, upsert(1, session), event(2, session, "test.2"), event(3, session, "test.3")),
                batch(hostB)));

        assertThat(applied).extracting(Applied::ackSeq).containsExactly(3L, 0L);
        assertThat(eventTypes(session)).containsExactly("test.2", "test.3");
        assertThat(cursor(hostA)).isEqualTo(3);
        assertThat(cursor(hostB)).isZero();
    }

    @Test
    void oneHostOnAnotherStream_failsTheWholeTransaction_andStoresNothingOfTheOthers() {
        String session = "stale-" + UUID.randomUUID();
        List<HostBatch> batches = List.of(
                batch(hostA, upsert(1, session), event(2, session, "test.a")),
                new HostBatch(hostB, "an-older-stream", Map.of(), List.of(Inbound.of(Envelope.durable(1,
                        new EventsAppend("stale-b", "test.b", cp.codec().mapper().createObjectNode()))))));

        assertThatThrownBy(() -> applier.applyAll(batches)).isInstanceOf(StaleStreamException.class)
                .hasMessageContaining(hostB);
        assertThat(cursor(hostA)).isZero();
        assertThat(eventTypes(session)).isEmpty();
        assertThat(sessionHost(session)).isNull();
    }

    private static HostBatch batch(String hostId, Inbound... frames) {
        return new HostBatch(hostId, STREAM, Map.of(), List.of(frames));
    }

    private static Inbound upsert(long seq, String sessionId) {
        return durable(seq, new SessionsUpsert(List.of(new SessionRow(sessionId, null, "shared", Provider.SHELL,
                SessionStatus.IDLE, false, null, "/tmp", null, null, null, null, null, null))));
    }

    private static Inbound event(long seq, String sessionId, String type) {
        return durable(seq, new EventsAppend(sessionId, type, cp.codec().mapper().createObjectNode().put("n", seq)));
    }

    private static Inbound approvalRequested(long seq, String sessionId, String approvalId) {
        return durable(seq, new EventsAppend(sessionId, "approval.requested", cp.codec().mapper().createObjectNode()
                .put("approval_id", approvalId).put("tool_name", "Bash")));
    }

    private static Inbound durable(long seq, Message payload) {
        return Inbound.of(Envelope.durable(seq, payload));
    }

    private static String sessionHost(String sessionId) {
        return cp.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT host_id FROM sessions WHERE session_id = :id").bind("id", sessionId).mapTo(String.class)
                .findOne().orElse(null));
    }

    private static List<String> eventTypes(String sessionId) {
        return cp.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT event_type FROM events WHERE session_id = :id ORDER BY event_id").bind("id", sessionId)
                .mapTo(String.class).list());
    }

    private static List<String> parkedCodes(String hostId) {
        return cp.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT code FROM refused_frames WHERE host_id = :id ORDER BY seq").bind("id", hostId)
                .mapTo(String.class).list());
    }

    private static long cursor(String hostId) {
        return cp.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT last_acked_seq FROM hosts WHERE host_id = :id").bind("id", hostId).mapTo(Long.class).one());
    }
}
