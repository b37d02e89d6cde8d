package dev.agentcommander.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.GitInfo;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.model.TmuxRef;
import dev.agentcommander.schema.ui.SessionsChanged;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;
import dev.agentcommander.schema.ui.Unsubscribe;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.Response;
import dev.agentcommander.server.testing.TestAgent;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import dev.agentcommander.server.testing.TestUi;
import java.time.Duration;
import java.time.Instant;
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
class SessionsFlowTest {
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
    void upsert_thenGetSessions_returnsFullRowsWithTheHostId() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        Instant activity = Instant.parse("2026-01-31T12:00:00.123456Z");
        SessionRow row = new SessionRow("full-" + host.hostId(), null, "api refactor", Provider.CODEX,
                SessionStatus.WAITING_INPUT, true, new TmuxRef("%3", "work", "2"), "/home/me/api",
                new GitInfo("/home/me/api", "feature/x", true, 3, 0), "Refactor the API", "asked a question", activity,
                null, null);

        agent.sendDurable(1, new SessionsUpsert(List.of(row)));
        agent.awaitAck(1);

        Response response = cp.get("/v1/sessions?host_id=" + host.hostId(), cp.token(Role.VIEWER));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("next").isNull()).isTrue();
        JsonNode items = response.body().get("items");
        assertThat(items).hasSize(1);
        JsonNode stored = items.get(0);
        assertThat(stored.get("host_id").asText()).isEqualTo(host.hostId());
        assertThat(stored.get("provider").asText()).isEqualTo("codex");
        assertThat(stored.get("status").asText()).isEqualTo("waiting_input");
        assertThat(stored.get("needs_attention").asBoolean()).isTrue();
        assertThat(stored.at("/tmux/pane_id").asText()).isEqualTo("%3");
        assertThat(stored.at("/git/branch").asText()).isEqualTo("feature/x");
        assertThat(stored.at("/git/dirty").asBoolean()).isTrue();
        assertThat(stored.at("/git/ahead").asInt()).isEqualTo(3);
        assertThat(stored.at("/git/behind").asInt()).isZero();
        assertThat(stored.get("last_activity_at").asText()).isEqualTo("2026-01-31T12:00:00.123456Z");
        assertThat(stored.hasNonNull("created_at")).isTrue();
        assertThat(stored.hasNonNull("updated_at")).isTrue();
    }

    @Test
    void getSessions_filtersByStatusProviderAttentionAndText() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        String h = host.hostId();
        agent.sendDurable(1, new SessionsUpsert(List.of(
                row(h + "-a", h, "alpha", SessionStatus.RUNNING, Provider.CLAUDE, false),
                row(h + "-b", h, "beta", SessionStatus.WAITING_APPROVAL, Provider.CLAUDE, true),
                row(h + "-c", h, "gamma", SessionStatus.IDLE, Provider.SHELL, false))));
        agent.awaitAck(1);
        String base = "/v1/sessions?host_id=" + h;

        assertThat(ids("/v1/sessions?host_id=" + h)).containsExactlyInAnyOrder(h + "-a", h + "-b", h + "-c");
        assertThat(ids(base + "&status=waiting_approval")).containsExactly(h + "-b");
        assertThat(ids(base + "&provider=shell")).containsExactly(h + "-c");
        assertThat(ids(base + "&needs_attention=true")).containsExactly(h + "-b");
        assertThat(ids(base + "&q=GAMM")).containsExactly(h + "-c");
        assertThat(ids(base + "&q=feature-" + h + "-a")).containsExactly(h + "-a");
        Response bad = cp.get(base + "&status=sleeping", cp.adminToken());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().at("/error/field").asText()).isEqualTo("status");
        assertThat(cp.get(base + "&needs_attention=maybe", cp.adminToken()).status()).isEqualTo(400);
    }

    @Test
    void getSessionsAndHosts_withLimit_pageWithACursor_andQStillFillsPages() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        String h = host.hostId();
        for (int i = 0; i < 5; i++) {
            agent.sendDurable(i + 1, new SessionsUpsert(List.of(row(h + "-p" + i, h, i % 2 == 0 ? "even" : "odd",
                    SessionStatus.RUNNING, Provider.CLAUDE, false))));
        }
        agent.awaitAck(5);
        String viewer = cp.token(Role.VIEWER);

        List<String> all = new java.util.ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Response page = cp.get("/v1/sessions?host_id=" + h + "&limit=2" + (next == null ? "" : "&after=" + next),
                    viewer);
            assertThat(page.status()).isEqualTo(200);
            all.addAll(page.body().get("items").findValuesAsText("session_id"));
            next = page.body().get("next").isNull() ? null : page.body().get("next").asText();
            pages++;
        } while (next != null);
        assertThat(all).containsExactly(h + "-p0", h + "-p1", h + "-p2", h + "-p3", h + "-p4");
        assertThat(pages).isEqualTo(3);
        Response evens = cp.get("/v1/sessions?host_id=" + h + "&q=even&limit=2", viewer);
        assertThat(evens.body().get("items").findValuesAsText("session_id")).containsExactly(h + "-p0", h + "-p2");
        Response rest = cp.get("/v1/sessions?host_id=" + h + "&q=even&limit=2&after="
                + evens.body().get("next").asText(), viewer);
        assertThat(rest.body().get("items").findValuesAsText("session_id")).containsExactly(h + "-p4");
        assertThat(cp.get("/v1/sessions?limit=0", viewer).status()).isEqualTo(400);
        assertThat(cp.get("/v1/sessions?after=!!!", viewer).status()).isEqualTo(400);

        Response hosts = cp.get("/v1/hosts?limit=1", viewer);
        assertThat(hosts.body().get("items")).hasSize(1);
        Response moreHosts = cp.get("/v1/hosts?limit=1&after=" + hosts.body().get("next").asText(), viewer);
        assertThat(moreHosts.body().get("items").get(0).get("name").asText())
                .isGreaterThan(hosts.body().get("items").get(0).get("name").asText());
    }

    @Test
    void uiSubscriber_getsAllMatchingRows_thenPushesOfMatchingChanges() {
        HostAccess host = cp.newHost();
        String h = host.hostId();
        TestAgent agent = cp.agent(host, "s");
        agent.sendDurable(1, new SessionsUpsert(List.of(row(h + "-1", h, "one", SessionStatus.RUNNING, Provider.CLAUDE,
                false), row(h + "-2", h, "two", SessionStatus.IDLE, Provider.CLAUDE, false))));
        agent.awaitAck(1);
        TestUi ui = TestUi.connect(cp.plane().uiWsUrl(), cp.token(Role.VIEWER));
        assertThat(ui.isOpen()).isTrue();

        ui.send(new Subscribe("running", Topic.SESSIONS, filter("host_id", h).put("status", "running")));
        ui.send(new Subscribe("all", Topic.SESSIONS, filter("host_id", h)));

        List<SessionsChanged> initial = ui.awaitSessionsChanged("running", 1);
        assertThat(initial.get(0).sessions()).extracting(SessionRow::sessionId).containsExactly(h + "-1");
        assertThat(ui.awaitSessionsChanged("all", 1).get(0).sessions()).hasSize(2);

        agent.sendDurable(2, new SessionsUpsert(List.of(row(h + "-3", h, "three", SessionStatus.RUNNING,
                Provider.CODEX, false))));
        agent.sendDurable(3, new SessionsUpsert(List.of(row(h + "-2", h, "two", SessionStatus.DONE, Provider.CLAUDE,
                false))));
        agent.awaitAck(3);

        List<SessionsChanged> running = ui.awaitSessionsChanged("running", 2);
        assertThat(running.get(1).sessions()).extracting(SessionRow::sessionId).containsExactly(h + "-3");
        assertThat(running.get(1).sessions().get(0).hostId()).isEqualTo(h);
        await().atMost(Duration.ofSeconds(5)).until(() -> ui.sessionsChanged("all").stream()
                .flatMap(c -> c.sessions().stream()).anyMatch(r -> r.sessionId().equals(h + "-2")
                        && r.status() == SessionStatus.DONE));
        assertThat(ui.sessionsChanged("running")).hasSize(2);
    }

    @Test
    void uiSubscriber_seesARowOnceMoreWhenItStopsMatching_andNothingAfterUnsubscribe() {
        HostAccess host = cp.newHost();
        String h = host.hostId();
        TestAgent agent = cp.agent(host, "s");
        TestUi ui = TestUi.connect(cp.plane().uiWsUrl(), cp.token(Role.VIEWER));
        ui.send(new Subscribe("attention", Topic.SESSIONS, filter("host_id", h).put("needs_attention", true)));
        assertThat(ui.awaitSessionsChanged("attention", 1).get(0).sessions()).isEmpty();

        agent.sendDurable(1, new SessionsUpsert(List.of(row(h + "-x", h, "x", SessionStatus.WAITING_INPUT,
                Provider.CLAUDE, true))));
        // one batch would publish only the row's final state: let the first commit alone
        agent.awaitAck(1);
        agent.sendDurable(2, new SessionsUpsert(List.of(row(h + "-x", h, "x", SessionStatus.RUNNING,
                Provider.CLAUDE, false))));
        List<SessionsChanged> changes = ui.awaitSessionsChanged("attention", 3);
        assertThat(changes.get(2).sessions().get(0).needsAttention()).isFalse();

        ui.send(new Unsubscribe("attention"));
        TestUi probe = TestUi.connect(cp.plane().uiWsUrl(), cp.token(Role.VIEWER));
        probe.send(new Subscribe("probe", Topic.SESSIONS, filter("host_id", h)));
        probe.awaitSessionsChanged("probe", 1);
        agent.sendDurable(3, new SessionsUpsert(List.of(row(h + "-x", h, "x", SessionStatus.WAITING_INPUT,
                Provider.CLAUDE, true))));
        probe.awaitSessionsChanged("probe", 2);
        agent.awaitAck(3);
        assertThat(ui.sessionsChanged("attention")).hasSize(3);
    }

    @Test
    void uiSocket_withoutOrWithABadToken_isRejectedWith401() {
        TestUi none = TestUi.connect(cp.plane().uiWsUrl(), null);
        TestUi bad = TestUi.connect(cp.plane().uiWsUrl(), "not-a-jwt");
        HostAccess host = cp.newHost();
        TestUi hostToken = TestUi.connect(cp.plane().uiWsUrl(), host.token());

        for (TestUi ui : List.of(none, bad, hostToken)) {
            assertThat(ui.isOpen()).isFalse();
            assertThat(ui.closeReason()).contains("401");
        }
    }

    @Test
    void uiSocket_answersBadFramesAndBadFiltersWithErrors_andStaysOpen() {
        TestUi ui = TestUi.connect(cp.plane().uiWsUrl(), cp.token(Role.VIEWER));

        ui.send("{not json");
        ui.send(new Subscribe("ev", Topic.EVENTS, null));
        ui.send("{\"type\":\"subscribe\",\"payload\":{\"subscription_id\":\"s\",\"topic\":\"sessions\","
                + "\"filter\":{\"status\":\"sleeping\"}}}");
        ui.send("{\"type\":\"agent.hello\",\"payload\":{\"agent_version\":\"1\",\"resume\":{\"last_acked_seq\":0}}}");
        ui.send("x".repeat(1024 * 1024 + 1));

        assertThat(ui.awaitError(e -> "bad_message".equals(e.code()) && e.subscriptionId() == null).message())
                .contains("malformed JSON");
        assertThat(ui.awaitError(e -> "ev".equals(e.subscriptionId())).message()).contains("session_id");
        assertThat(ui.awaitError(e -> "s".equals(e.subscriptionId())).message()).contains("payload.filter.status");
        assertThat(ui.awaitError(e -> "unexpected_type".equals(e.code()))).isNotNull();
        assertThat(ui.awaitError(e -> "too_large".equals(e.code()))).isNotNull();
        ui.send(new Subscribe("ok", Topic.SESSIONS, null));
        ui.awaitSessionsChanged("ok", 1);
        assertThat(ui.isOpen()).isTrue();
    }

    private static List<String> ids(String path) {
        Response response = cp.get(path, cp.token(Role.VIEWER));
        assertThat(response.status()).isEqualTo(200);
        return response.body().get("items").findValuesAsText("session_id");
    }

    private static ObjectNode filter(String field, String value) {
        return cp.codec().mapper().createObjectNode().put(field, value);
    }

    static SessionRow row(String id, String hostId, String name, SessionStatus status, Provider provider,
            boolean attention) {
        return new SessionRow(id, hostId, name, provider, status, attention, null, "/work/" + name,
                new GitInfo("/work/" + name, "feature-" + id, false), "title " + name, null, null, null, null);
    }

    static String unique() {
        return UUID.randomUUID().toString();
    }
}
