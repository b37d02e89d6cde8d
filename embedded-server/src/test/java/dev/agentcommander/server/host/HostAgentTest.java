package dev.agentcommander.server.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.schema.Envelope;
import dev.agentcommander.schema.agent.AgentHello;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.ui.HostsChanged;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.TestAgent;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import dev.agentcommander.server.testing.TestUi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The agent version and allowed roots of a host's hello, as REST and the hosts topic show them. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
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
    void hostThatNeverConnected_hasNoAgentVersionAndNoRoots() {
        HostAccess host = cp.newHost();

        JsonNode row = cp.hostRow(host.hostId());

        assertThat(row.path("agent_version").isMissingNode() || row.get("agent_version").isNull()).isTrue();
        assertThat(row.path("allowed_roots").size()).isZero();
    }

    @Test
    void hello_storesVersionAndRoots_shownByRestAndTheHostsTopic() {
        HostAccess host = cp.newHost();
        TestUi ui = TestUi.connect(cp.plane().uiWsUrl(), cp.adminToken());
        ui.send(new Subscribe("hosts", Topic.HOSTS, null));
        ui.awaitPayload(HostsChanged.class, changed -> changed.subscriptionId().equals("hosts"));
        TestAgent agent = cp.agent(host, "hello");
        agent.firstAck();
        List<String> roots = List.of("/home/ann/src", "/srv/repos/with space/ünïcode");

        agent.send(Envelope.live(new AgentHello(null, "1.4.2", new AgentHello.Resume(0L), roots)));

        HostRow pushed = row(ui.awaitPayload(HostsChanged.class, changed -> {
            HostRow row = row(changed, host.hostId());
            return row != null && "1.4.2".equals(row.agentVersion());
        }), host.hostId());
        assertThat(pushed.allowedRoots()).isEqualTo(roots);
        JsonNode listed = cp.hostRow(host.hostId());
        assertThat(listed.get("agent_version").asText()).isEqualTo("1.4.2");
        assertThat(texts(listed.get("allowed_roots"))).isEqualTo(roots);
        ui.close();
        agent.close();
    }

    @Test
    void laterHello_replacesVersionAndRoots_andTheyOutliveTheConnection() throws InterruptedException {
        HostAccess host = cp.newHost();
        TestAgent first = cp.agent(host, "s");
        first.firstAck();
        first.send(Envelope.live(new AgentHello(null, "1.0.0", new AgentHello.Resume(0L), List.of("/a", "/b"))));
        await().atMost(WAIT).until(() -> "1.0.0".equals(cp.hostRow(host.hostId()).path("agent_version").asText()));
        first.closeBlocking();
        TestAgent second = cp.agent(host, "s");
        second.firstAck();
        assertThat(cp.hostRow(host.hostId()).get("agent_version").asText()).isEqualTo("1.0.0");

        second.send(Envelope.live(new AgentHello(null, "1.1.0", new AgentHello.Resume(0L))));

        await().atMost(WAIT).until(() -> "1.1.0".equals(cp.hostRow(host.hostId()).path("agent_version").asText()));
        assertThat(cp.hostRow(host.hostId()).get("allowed_roots").size()).isZero();
        second.close();
    }

    @Test
    void helloWithTooManyRootsOrANul_isRefusedNamingTheField_andStoresNothing() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "bad");
        agent.firstAck();
        String tooMany = "[" + String.join(",", Collections.nCopies(AgentHello.MAX_ALLOWED_ROOTS + 1, "\"/r\""))
                + "]";

        agent.send(hello("1.0.0", tooMany));
        agent.send(hello("1.0.0", "[\"/a\\u0000b\"]"));

        assertThat(agent.awaitError(e -> e.message().contains("allowed_roots")).code()).isEqualTo("bad_message");
        assertThat(agent.awaitError(e -> e.message().contains("NUL")).code()).isEqualTo("bad_message");
        assertThat(agent.isOpen()).isTrue();
        JsonNode row = cp.hostRow(host.hostId());
        assertThat(row.path("agent_version").isMissingNode() || row.get("agent_version").isNull()).isTrue();
        agent.close();
    }

    private static String hello(String version, String roots) {
        return "{\"type\":\"agent.hello\",\"payload\":{\"agent_version\":\"" + version + "\","
                + "\"resume\":{\"last_acked_seq\":0},\"allowed_roots\":" + roots + "}}";
    }

    private static HostRow row(HostsChanged changed, String hostId) {
        return changed.hosts().stream().filter(row -> row.hostId().equals(hostId)).findFirst().orElse(null);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
