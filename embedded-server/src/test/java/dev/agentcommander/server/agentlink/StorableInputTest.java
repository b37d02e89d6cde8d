package dev.agentcommander.server.agentlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.schema.ErrorMessage;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.Response;
import dev.agentcommander.server.testing.TestAgent;
import dev.agentcommander.server.testing.TestPlane;
import dev.agentcommander.server.testing.TestPlane.HostAccess;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Data one engine would store and the other refuse (NUL in text, far-future timestamps) is refused at the wire. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StorableInputTest {
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
    void nulInAHostName_is400NamingTheField() {
        Response response = cp.post("/v1/hosts", cp.adminToken(), "{\"name\":\"lap\\u0000top\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/error/field").asText()).isEqualTo("name");
        assertThat(response.body().at("/error/message").asText()).contains("NUL");
    }

    @Test
    void nulInASessionRow_andAFarFutureTimestamp_areRefusedFramesThatAreAcked() {
        HostAccess host = cp.newHost();
        TestAgent agent = cp.agent(host, "s");
        agent.firstAck();
        String sessionId = "nul-" + host.hostId();

        agent.send("{\"type\":\"sessions.upsert\",\"seq\":1,\"payload\":{\"sessions\":[{\"session_id\":\"" + sessionId
                + "\",\"name\":\"a\\u0000b\",\"provider\":\"claude\",\"status\":\"idle\"}]}}");
        agent.send("{\"type\":\"events.append\",\"seq\":2,\"ts\":\"+300000-01-01T00:00:00Z\",\"payload\":"
                + "{\"session_id\":\"" + sessionId + "\",\"event_type\":\"test\"}}");

        ErrorMessage nul = agent.awaitError(e -> Long.valueOf(1).equals(e.seq()));
        assertThat(nul.code()).isEqualTo("bad_message");
        assertThat(nul.message()).contains("payload.sessions[0].name").contains("NUL");
        ErrorMessage future = agent.awaitError(e -> Long.valueOf(2).equals(e.seq()));
        assertThat(future.code()).isEqualTo("bad_message");
        assertThat(future.message()).startsWith("ts:").contains("must be between");
        agent.awaitAck(2);
        assertThat(cp.get("/v1/sessions/" + sessionId, cp.adminToken()).status()).isEqualTo(404);
        agent.sendDurable(3, new EventsAppend(sessionId, "test", null));
        agent.awaitAck(3);
        assertThat(agent.isOpen()).isTrue();
    }
}
