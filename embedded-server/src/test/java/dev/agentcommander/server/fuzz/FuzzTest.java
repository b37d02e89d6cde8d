package dev.agentcommander.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.ui.SessionsChanged;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.Response;
import dev.agentcommander.server.testing.TestAgent;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import dev.agentcommander.server.testing.TestUi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Throws thousands of generated malformed frames and bodies at a running control plane (seeded, so a failure
 * replays), then checks it still answers correctly: no 5xx, no dead socket, the next valid message works.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FuzzTest {
    private static final long SEED = 20261124L;
    private static final int FRAMES = 2000;
    private static final int BODIES = 600;

    private static final List<String> AGENT_SEEDS = List.of(
            "{\"type\":\"sessions.upsert\",\"seq\":1,\"ts\":\"2026-11-24T05:00:00Z\",\"payload\":{\"sessions\":[{\"session_id\":\"f-1\",\"provider\":\"claude\",\"status\":\"running\",\"needs_attention\":true,\"tmux\":{\"pane_id\":\"%1\"}}]}}",
            "{\"type\":\"events.append\",\"seq\":2,\"payload\":{\"session_id\":\"f-1\",\"event_type\":\"approval.requested\",\"payload\":{\"approval_id\":\"a\",\"tool_name\":\"Bash\",\"tool_input\":{}}}}",
            "{\"type\":\"events.append\",\"seq\":3,\"payload\":{\"session_id\":\"f-1\",\"event_type\":\"approval.closed\",\"payload\":{\"approval_id\":\"a\",\"reason\":\"withdrawn\"}}}",
            "{\"type\":\"commands.result\",\"seq\":4,\"payload\":{\"command_id\":\"c\",\"ok\":false,\"error\":\"x\"}}",
            "{\"type\":\"sessions.snapshot\",\"payload\":{\"session_id\":\"f-1\",\"offset\":0,\"content\":\"$\",\"captured_at\":\"2026-11-24T05:00:00Z\"}}",
            "{\"type\":\"console.chunk\",\"payload\":{\"subscription_id\":\"k\",\"session_id\":\"f-1\",\"offset\":3,\"data\":\"aGk=\"}}",
            "{\"type\":\"agent.hello\",\"payload\":{\"agent_version\":\"1\",\"resume\":{\"last_acked_seq\":0}}}");
    private static final List<String> UI_SEEDS = List.of(
            "{\"type\":\"subscribe\",\"payload\":{\"subscription_id\":\"s\",\"topic\":\"sessions\",\"filter\":{\"status\":\"running\"}}}",
            "{\"type\":\"subscribe\",\"payload\":{\"subscription_id\":\"e\",\"topic\":\"events\",\"filter\":{\"session_id\":\"f-1\"}}}",
            "{\"type\":\"subscribe\",\"payload\":{\"subscription_id\":\"c\",\"topic\":\"console\",\"filter\":{\"session_id\":\"f-1\"}}}",
            "{\"type\":\"subscribe\",\"payload\":{\"subscription_id\":\"a\",\"topic\":\"approvals\",\"filter\":{\"status\":\"pending\"}}}",
            "{\"type\":\"unsubscribe\",\"payload\":{\"subscription_id\":\"s\"}}");
    private static final List<String> BODY_SEEDS = List.of(
            "{\"type\":\"send_input\",\"text\":\"ls\",\"enter\":true}",
            "{\"type\":\"send_keys\",\"keys\":[\"Enter\",\"C-c\"]}",
            "{\"type\":\"spawn_session\",\"repo\":\"/r\",\"agent\":\"claude\"}",
            "{\"type\":\"spawn_job\",\"cwd\":\"/w\",\"prompt\":\"p\",\"timeout_s\":5}",
            "{\"decision\":\"allow\",\"updated_input\":{\"command\":\"ls\"},\"reason\":\"ok\"}",
            "{\"name\":\"fuzz-host\"}");
    private static final String[] JUNK = {"", "null", "[]", "{}", "\"x\"", "-1", "1e309", "9223372036854775808",
        "true", "{\"type\":1}", "\u0000", "\uD800", "}", "]", ",", ":", "\"seq\":", "{{", "\\", "\"\\u12\""};

    @ParameterizedTest
    @EnumSource(Engine.class)
    void thousandsOfMalformedFramesAndBodies_neverCause5xxOrADeadSocket_andValidTrafficStillWorks(Engine engine)
            throws Exception {
        Random random = new Random(SEED);
        try (TestPlane cp = TestPlane.start(engine)) {
            HostAccess host = cp.newHost();
            TestAgent agent = cp.agent(host, "fuzz");
            agent.firstAck();
            TestUi ui = TestUi.connect(cp.plane().uiWsUrl(), cp.token(Role.VIEWER));
            for (int i = 0; i < FRAMES; i++) {
                agent.send(mutate(random, AGENT_SEEDS.get(random.nextInt(AGENT_SEEDS.size()))));
                ui.send(mutate(random, UI_SEEDS.get(random.nextInt(UI_SEEDS.size()))));
            }
            agent.send("x".repeat(17 * 1024 * 1024));
            ui.send("y".repeat(1024 * 1024 + 10));

            String operator = cp.token(Role.ADMIN);
            List<String> paths = List.of("/v1/hosts", "/v1/hosts/" + host.hostId() + "/commands",
                    "/v1/sessions/f-1/commands", "/v1/approvals/a/decision", "/v1/hosts/" + host.hostId() + "/tokens");
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < BODIES; i++) {
                String path = paths.get(random.nextInt(paths.size()));
                String body = mutate(random, BODY_SEEDS.get(random.nextInt(BODY_SEEDS.size())));
                Response response = cp.post(path, operator, body);
                if (response.status() >= 500) {
                    failures.add(path + " " + body + " -> " + response.status() + " " + response.text());
                }
            }
            for (String query : List.of("?status=%00", "?limit=-5", "?after=" + "A".repeat(5000), "?q=%25%27--")) {
                for (String list : List.of("/v1/sessions", "/v1/approvals", "/v1/hosts", "/v1/sessions/f-1/events")) {
                    Response response = cp.get(list + query, operator);
                    if (response.status() >= 500) {
                        failures.add(list + query + " -> " + response.status());
                    }
                }
            }
            assertThat(failures).isEmpty();

            // the same sockets still serve: a valid subscription answers, a fresh valid durable frame is acked
            ui.send(new Subscribe("after-fuzz", Topic.SESSIONS, null));
            await().atMost(Duration.ofSeconds(30)).until(() -> ui.payloads(SessionsChanged.class).stream()
                    .anyMatch(c -> c.subscriptionId().equals("after-fuzz")));
            assertThat(ui.isOpen()).isTrue();
            assertThat(agent.isOpen()).isTrue();
            assertThat(cp.get("/health", null).status()).isEqualTo(200);

            HostAccess clean = cp.newHost();
            TestAgent next = cp.agent(clean, "clean");
            String sessionId = "clean-" + clean.hostId();
            next.sendDurable(1, new SessionsUpsert(List.of(new SessionRow(sessionId, null, "ok", Provider.SHELL,
                    SessionStatus.IDLE, false, null, "/", null, null, null, null, null, null))));
            next.sendDurable(2, new EventsAppend(sessionId, "hook.Stop", null));
            next.awaitAck(2);
            assertThat(cp.get("/v1/sessions/" + sessionId + "/events", operator).body().get("items")).hasSize(1);
        }
    }

    /** One to four random edits of a valid frame: cut, insert junk, duplicate a span, or replace a value. */
    private static String mutate(Random random, String seed) {
        StringBuilder text = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = text.isEmpty() ? 0 : random.nextInt(text.length());
            switch (random.nextInt(5)) {
                case 0 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(8)));
                case 1 -> text.insert(at, JUNK[random.nextInt(JUNK.length)]);
                case 2 -> {
                    int end = Math.min(text.length(), at + random.nextInt(20));
                    text.insert(at, text.substring(at, end));
                }
                case 3 -> {
                    int colon = text.indexOf(":", at);
                    if (colon >= 0) {
                        text.insert(colon + 1, JUNK[random.nextInt(JUNK.length)] + ",");
                    }
                }
                default -> text.setCharAt(Math.max(0, Math.min(at, text.length() - 1)),
                        (char) (32 + random.nextInt(95)));
            }
        }
        return text.toString();
    }
}
