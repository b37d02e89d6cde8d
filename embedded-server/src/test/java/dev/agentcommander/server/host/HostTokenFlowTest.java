package dev.agentcommander.server.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.agent.AgentHello;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.Response;
import dev.agentcommander.server.testing.TestAgent;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
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
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostTokenFlowTest {
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
    void createHost_answers201WithTheHostRow_andListsIt() {
        Response created = cp.post("/v1/hosts", cp.adminToken(), "{\"name\":\"build-box-" + engine + "\"}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode row = created.body();
        assertThat(row.get("name").asText()).isEqualTo("build-box-" + engine);
        assertThat(row.get("online").asBoolean()).isFalse();
        assertThat(row.get("last_acked_seq").asLong()).isZero();
        assertThat(row.hasNonNull("created_at")).isTrue();
        Response list = cp.get("/v1/hosts", cp.adminToken());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("next").isNull()).isTrue();
        assertThat(list.body().get("items").findValuesAsText("host_id")).contains(row.get("host_id").asText());
    }

    @Test
    void createHost_withADuplicateName_is409() {
        cp.createHost("twin-" + engine);

        Response second = cp.post("/v1/hosts", cp.adminToken(), "{\"name\":\"twin-" + engine + "\"}");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.errorCode()).isEqualTo("conflict");
    }

    @Test
    void createHost_withoutName_is400NamingTheField() {
        Response response = cp.post("/v1/hosts", cp.adminToken(), "{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/error/field").asText()).isEqualTo("name");
        assertThat(response.body().at("/error/message").asText()).contains("name");
    }

    @Test
    void mintToken_forUnknownHost_is404() {
        Response response = cp.post("/v1/hosts/no-such-host/tokens", cp.adminToken(), "");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("not_found");
    }

    @Test
    void listTokens_showsEveryTokenOfTheHostWithoutSecrets_andWhenItWasRevoked() {
        HostAccess host = cp.newHost();
        String second = cp.post("/v1/hosts/" + host.hostId() + "/tokens", cp.adminToken(), "").body()
                .get("token_id").asText();
        cp.newHost(); // another host's token is not listed
        cp.delete("/v1/hosts/" + host.hostId() + "/tokens/" + host.tokenId(), cp.adminToken());

        Response listed = cp.get("/v1/hosts/" + host.hostId() + "/tokens", cp.adminToken());

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().get("next").isNull()).isTrue();
        JsonNode items = listed.body().get("items");
        assertThat(items.findValuesAsText("token_id")).containsExactlyInAnyOrder(host.tokenId(), second);
        for (JsonNode token : items) {
            assertThat(token.hasNonNull("created_at")).isTrue();
            assertThat(token.has("token")).isFalse();
            assertThat(token.has("token_hash")).isFalse();
            boolean revoked = token.get("token_id").asText().equals(host.tokenId());
            assertThat(token.get("revoked_at").isNull()).isEqualTo(!revoked);
        }
        assertThat(listed.text()).doesNotContain(host.token());
    }

    @Test
    void listTokens_ofAnUnknownHost_is404() {
        Response response = cp.get("/v1/hosts/no-such-host/tokens", cp.adminToken());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("not_found");
    }

    @Test
    void mintedToken_opensTheAgentSocket_andTheHostGoesOnline() throws InterruptedException {
        HostAccess host = cp.newHost();
        assertThat(host.token()).startsWith("ach_" + host.tokenId() + "_");

        TestAgent agent = cp.agent(host, UUID.randomUUID().toString());

        assertThat(agent.isOpen()).isTrue();
        assertThat(agent.firstAck()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> cp.hostRow(host.hostId()).get("online").asBoolean());
        agent.send(Envelope.live(new AgentHello(host.hostId(), "test", new AgentHello.Resume(0L))));
        agent.closeBlocking();
        await().atMost(Duration.ofSeconds(5)).until(() -> !cp.hostRow(host.hostId()).get("online").asBoolean());
        assertThat(cp.hostRow(host.hostId()).hasNonNull("last_seen")).isTrue();
    }

    @Test
    void agentSocket_withoutOrWithABadToken_isRejectedWith401() {
        HostAccess host = cp.newHost();

        TestAgent none = TestAgent.connect(cp.plane().agentWsUrl(), null, "s1");
        TestAgent forged = TestAgent.connect(cp.plane().agentWsUrl(), host.token() + "x", "s1");
        TestAgent userJwt = TestAgent.connect(cp.plane().agentWsUrl(), cp.adminToken(), "s1");

        for (TestAgent agent : List.of(none, forged, userJwt)) {
            assertThat(agent.isOpen()).isFalse();
            assertThat(agent.closeReason()).contains("401");
        }
    }

    @Test
    void agentSocket_withoutStreamHeader_isRejectedWith400() {
        HostAccess host = cp.newHost();

        TestAgent agent = TestAgent.connect(cp.plane().agentWsUrl(), host.token(), null);

        assertThat(agent.isOpen()).isFalse();
        assertThat(agent.closeReason()).contains("400");
    }

    @Test
    void revokedToken_closesItsOpenSocket_andCannotConnectAgain() throws InterruptedException {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "stream-1");
        agent.firstAck();

        Response revoked = cp.delete("/v1/hosts/" + host.hostId() + "/tokens/" + host.tokenId(), cp.adminToken());

        assertThat(revoked.status()).isEqualTo(204);
        agent.awaitClosed();
        assertThat(agent.closeCode()).isEqualTo(1008);
        TestAgent again = cp.agent(host, "stream-1");
        assertThat(again.isOpen()).isFalse();
        assertThat(again.closeReason()).contains("401");
    }

    @Test
    void revoke_ofATokenOfAnotherHost_is404() {
        HostAccess a = cp.newHost();
        HostAccess b = cp.newHost();

        Response response = cp.delete("/v1/hosts/" + b.hostId() + "/tokens/" + a.tokenId(), cp.adminToken());

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void hostToken_onlyActsAsItsOwnHost() {
        HostAccess a = cp.newHost();
        HostAccess b = cp.newHost();
        TestAgent agentB = cp.agent(b, "b");
        agentB.sendDurable(1, new SessionsUpsert(List.of(session("owned-by-b-" + engine, b.hostId()))));
        agentB.awaitAck(1);
        TestAgent agentA = cp.agent(a, "a");

        // A claims B's host_id in its rows and in hello, and writes to B's session
        agentA.send(Envelope.live(new AgentHello(b.hostId(), "test", new AgentHello.Resume(0L))));
        agentA.sendDurable(1, new SessionsUpsert(List.of(session("new-of-a-" + engine, b.hostId()),
                session("owned-by-b-" + engine, a.hostId()))));
        agentA.sendDurable(2, new EventsAppend("owned-by-b-" + engine, "hook.Stop", null));
        agentA.awaitAck(2);

        assertThat(agentA.awaitError(e -> "host_mismatch".equals(e.code()))).isNotNull();
        assertThat(agentA.awaitError(e -> Long.valueOf(1).equals(e.seq())).code()).isEqualTo("session_not_owned");
        assertThat(agentA.awaitError(e -> Long.valueOf(2).equals(e.seq())).code()).isEqualTo("session_not_owned");
        JsonNode rows = cp.get("/v1/sessions", cp.adminToken()).body().get("items");
        assertThat(hostOf(rows, "new-of-a-" + engine)).isEqualTo(a.hostId());
        assertThat(hostOf(rows, "owned-by-b-" + engine)).isEqualTo(b.hostId());
        long eventsOnB = cp.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM events WHERE session_id = :id").bind("id", "owned-by-b-" + engine)
                .mapTo(Long.class).one());
        assertThat(eventsOnB).isZero();
    }

    static SessionRow session(String sessionId, String hostId) {
        return new SessionRow(sessionId, hostId, "name", Provider.CLAUDE, SessionStatus.RUNNING, false, null, "/tmp",
                null, null, null, null, null, null);
    }

    private static String hostOf(JsonNode rows, String sessionId) {
        for (JsonNode row : rows) {
            if (row.get("session_id").asText().equals(sessionId)) {
                return row.get("host_id").asText();
            }
        }
        return null;
    }
}
