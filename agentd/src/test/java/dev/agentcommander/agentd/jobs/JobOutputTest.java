package dev.agentcommander.agentd.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.SessionStatus;
import org.junit.jupiter.api.Test;

/** How a job's end is read from the lines the real {@code codex exec --json} 0.169.0 printed (recorded here). */
class JobOutputTest {
    private final JobOutput output = new JobOutput(new WireCodec().mapper());

    @Test
    void aReconnectingErrorFollowedByTurnCompleted_isDone() {
        output.parse("{\"type\":\"thread.started\",\"thread_id\":\"01a20d0e-fe63-7a42-a8fb-4e2874ce7916\"}");
        output.parse("{\"type\":\"turn.started\"}");
        output.parse("{\"type\":\"error\",\"message\":\"Reconnecting... 1/5 (We’re currently experiencing high "
                + "demand, which may cause temporary errors.)\"}");
        output.parse("{\"type\":\"item.completed\",\"item\":{\"id\":\"item_0\",\"type\":\"agent_message\","
                + "\"text\":\"Done.\"}}");
        output.parse("{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":10,\"output_tokens\":5}}");

        assertThat(output.outcome(0)).isEqualTo(new JobOutcome(SessionStatus.DONE, "codex: turn completed (0 commands run)"));
    }

    @Test
    void turnFailed_isAnErrorWithItsMessage_andANonZeroExitNamesTheLastError() {
        output.parse("{\"type\":\"error\",\"message\":\"Reconnecting... 5/5\"}");
        assertThat(output.outcome(1)).isEqualTo(new JobOutcome(SessionStatus.ERROR,
                "codex exited with 1: Reconnecting... 5/5"));
        output.parse("{\"type\":\"turn.failed\",\"error\":{\"message\":\"We’re currently experiencing high demand\"}}");
        assertThat(output.outcome(0)).isEqualTo(new JobOutcome(SessionStatus.ERROR,
                "codex: turn failed: We’re currently experiencing high demand"));
    }

    @Test
    void plainLines_areNotEvents() {
        assertThat(output.parse("Reading additional input from stdin...")).isNull();
        assertThat(output.parse("{not json")).isNull();
        assertThat(output.parse("[1,2]")).isNull();
        assertThat(output.parse("{\"type\":\"turn.started\"}")).isNotNull();
    }
}
