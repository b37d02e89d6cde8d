package dev.agentcommander.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.command.CommandBody;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class WireCodecMalformedInputTest {
    private final WireCodec codec = new WireCodec();

    private AbstractThrowableAssert<?, ? extends Throwable> decoding(String frame) {
        return assertThatThrownBy(() -> codec.decode(frame)).isInstanceOf(WireFormatException.class);
    }

    private static String upsert(String row) {
        return "{\"type\":\"sessions.upsert\",\"seq\":1,\"ts\":\"2026-11-24T05:00:00Z\",\"payload\":{\"sessions\":[" + row + "]}}";
    }

    @Test
    void malformedJson_namesTheDocument() {
        decoding("{\"type\": \"agent.ack\",").hasFieldOrPropertyWithValue("field", "$")
                .hasMessageContaining("malformed JSON");
        decoding("").hasFieldOrPropertyWithValue("field", "$");
        decoding("[1,2]").hasFieldOrPropertyWithValue("field", "$").hasMessageContaining("expected a JSON object");
        decoding("{\"type\":\"agent.ack\",\"payload\":{\"seq\":1}} trailing").hasFieldOrPropertyWithValue("field", "$");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "approval.requested|null|required for approval.requested",
        "approval.requested|[1]|must be an object for approval.requested, was array",
        "approval.closed|\"withdrawn\"|must be an object for approval.closed, was string",
    })
    void approvalEvent_needsAnObjectPayload(String eventType, String inner, String reason) {
        decoding("{\"type\":\"events.append\",\"seq\":1,\"payload\":{\"session_id\":\"s\",\"event_type\":\""
                + eventType + "\",\"payload\":" + inner + "}}")
                .hasFieldOrPropertyWithValue("field", "payload.payload").hasMessageContaining(reason);
    }

    @Test
    void otherEvent_withANullPayload_decodesToAnEmptyObject() throws WireFormatException {
        Envelope envelope = codec.decode("{\"type\":\"events.append\",\"seq\":1,\"payload\":{\"session_id\":\"s\","
                + "\"event_type\":\"hook.Stop\",\"payload\":null}}");
        assertThat(envelope.payloadAs(EventsAppend.class).payload().isObject()).isTrue();
    }

    @Test
    void unknownType_isRejectedByName() {
        decoding("{\"type\":\"sessions.delete\",\"payload\":{}}").hasFieldOrPropertyWithValue("field", "type")
                .hasMessageContaining("unknown message type 'sessions.delete'");
    }

    @Test
    void missingOrMistypedEnvelopeFields_areNamed() {
        decoding("{\"payload\":{}}").hasFieldOrPropertyWithValue("field", "type");
        decoding("{\"type\":7,\"payload\":{}}").hasFieldOrPropertyWithValue("field", "type");
        decoding("{\"type\":\"agent.ack\"}").hasFieldOrPropertyWithValue("field", "payload");
        decoding("{\"type\":\"agent.ack\",\"payload\":[1]}").hasFieldOrPropertyWithValue("field", "payload");
        decoding("{\"type\":\"agent.ack\",\"ts\":\"yesterday\",\"payload\":{\"seq\":1}}")
                .hasFieldOrPropertyWithValue("field", "ts");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"events.append\",\"payload\":{\"session_id\":\"s\",\"event_type\":\"x\"}}|seq",
        "{\"type\":\"events.append\",\"seq\":\"5\",\"payload\":{\"session_id\":\"s\",\"event_type\":\"x\"}}|seq",
        "{\"type\":\"events.append\",\"seq\":0,\"payload\":{\"session_id\":\"s\",\"event_type\":\"x\"}}|seq",
        "{\"type\":\"events.append\",\"seq\":1.5,\"payload\":{\"session_id\":\"s\",\"event_type\":\"x\"}}|seq",
    })
    void durableMessage_needsAPositiveIntegerSeq(String frame, String field) {
        decoding(frame).hasFieldOrPropertyWithValue("field", field);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"session_id\":\"s-1\",\"status\":\"idle\"}|payload.sessions[0].provider|required field is missing",
        "{\"session_id\":\"s-1\",\"provider\":\"claude\",\"status\":\"sleeping\"}|payload.sessions[0].status|unknown value 'sleeping'",
        "{\"session_id\":\"\",\"provider\":\"claude\",\"status\":\"idle\"}|payload.sessions[0].session_id|must not be blank",
        "{\"session_id\":\"s-1\",\"provider\":\"claude\",\"status\":\"idle\",\"needs_attention\":\"yes\"}|payload.sessions[0].needs_attention|",
        "{\"session_id\":\"s-1\",\"provider\":\"claude\",\"status\":\"idle\",\"tmux\":{\"session\":\"w\"}}|payload.sessions[0].tmux.pane_id|required field is missing",
        "{\"session_id\":5,\"provider\":\"claude\",\"status\":\"idle\"}|payload.sessions[0].session_id|",
        "{\"session_id\":\"s-1\",\"provider\":\"claude\",\"status\":\"idle\",\"last_activity_at\":\"noon\"}|payload.sessions[0].last_activity_at|",
    })
    void badRowField_isNamedWithItsPath(String row, String field, String reason) {
        var assertion = decoding(upsert(row)).hasFieldOrPropertyWithValue("field", field);
        if (reason != null) {
            assertion.hasMessageContaining(reason);
        }
    }

    @Test
    void mistypedScalars_areNotCoerced() {
        decoding("{\"type\":\"agent.ack\",\"payload\":{\"seq\":\"12\"}}").hasFieldOrPropertyWithValue("field", "payload.seq")
                .hasMessage("payload.seq: wrong type: expected an integer");
        decoding("{\"type\":\"agent.ack\",\"payload\":{\"seq\":true}}").hasFieldOrPropertyWithValue("field", "payload.seq");
        decoding("{\"type\":\"agent.ack\",\"payload\":{}}").hasFieldOrPropertyWithValue("field", "payload.seq");
    }

    @Test
    void badCommands_nameTheField() {
        decoding("{\"type\":\"command\",\"payload\":{\"type\":\"send_input\",\"text\":\"x\"}}")
                .hasMessageContaining("command_id");
        decoding("{\"type\":\"command\",\"payload\":{\"command_id\":\"c\",\"type\":\"format_disk\"}}")
                .hasMessageContaining("unknown command type 'format_disk'");
        decoding("{\"type\":\"command\",\"payload\":{\"command_id\":\"c\",\"type\":\"send_keys\",\"keys\":[]}}")
                .hasMessageContaining("keys");
        decoding("{\"type\":\"command\",\"payload\":{\"command_id\":\"c\"}}").hasMessageContaining("type");
    }

    @Test
    void badRestBodies_nameTheField() {
        assertThatThrownBy(() -> codec.decodeBody("{\"type\":\"send_input\"}", CommandBody.class))
                .isInstanceOf(WireFormatException.class).hasFieldOrPropertyWithValue("field", "text");
        assertThatThrownBy(() -> codec.decodeBody("{\"type\":\"spawn_job\",\"cwd\":\"/r\",\"prompt\":\"p\",\"timeout_s\":-1}",
                CommandBody.class)).isInstanceOf(WireFormatException.class)
                .hasFieldOrPropertyWithValue("field", "timeout_s");
        assertThatThrownBy(() -> codec.decodeBody("{\"keys\":[\"Enter\"]}", CommandBody.class))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("type");
    }

    @Test
    void badDecisionAndResult_areRejected() {
        decoding("{\"type\":\"approval.decision\",\"payload\":{\"approval_id\":\"a\",\"decision\":\"maybe\"}}")
                .hasFieldOrPropertyWithValue("field", "payload.decision");
        decoding("{\"type\":\"commands.result\",\"seq\":2,\"payload\":{\"command_id\":\"c\",\"ok\":false}}")
                .hasFieldOrPropertyWithValue("field", "payload.error");
        decoding("{\"type\":\"subscribe\",\"payload\":{\"subscription_id\":\"x\",\"topic\":\"weather\"}}")
                .hasFieldOrPropertyWithValue("field", "payload.topic").hasMessageContaining("unknown topic");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"session_id\":\"s-1\",\"name\":\"a\\u0000b\",\"provider\":\"claude\",\"status\":\"idle\"}|payload.sessions[0].name",
        "{\"session_id\":\"s-1\",\"provider\":\"claude\",\"status\":\"idle\",\"cwd\":\"/r\\u0000\"}|payload.sessions[0].cwd",
        "{\"session_id\":\"s\\u0000\",\"provider\":\"claude\",\"status\":\"idle\"}|payload.sessions[0].session_id",
        "{\"session_id\":\"s-1\",\"provider\":\"claude\",\"status\":\"idle\",\"git\":{\"branch\":\"\\u0000\"}}|payload.sessions[0].git.branch",
    })
    void nulInText_isRefusedNamingTheField(String row, String field) {
        decoding(upsert(row)).hasFieldOrPropertyWithValue("field", field).hasMessageContaining("NUL");
    }

    @Test
    void nulInAListOfText_isRefusedNamingTheElement() {
        decoding("{\"type\":\"command\",\"payload\":{\"command_id\":\"c\",\"type\":\"send_keys\",\"keys\":[\"a\",\"\\u0000\"]}}")
                .hasFieldOrPropertyWithValue("field", "payload.keys[1]").hasMessageContaining("NUL");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "+300000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z"})
    void timestampOutside1970To9999_isRefusedNamingTheField(String ts) {
        decoding(upsert("{\"session_id\":\"s-1\",\"provider\":\"claude\",\"status\":\"idle\",\"last_activity_at\":\""
                + ts + "\"}")).hasFieldOrPropertyWithValue("field", "payload.sessions[0].last_activity_at")
                .hasMessageContaining("must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        decoding("{\"type\":\"events.append\",\"seq\":1,\"ts\":\"" + ts
                + "\",\"payload\":{\"session_id\":\"s\",\"event_type\":\"x\"}}")
                .hasFieldOrPropertyWithValue("field", "ts").hasMessageContaining("must be between");
    }

    @Test
    void timestampsAtTheEdgesOfTheRange_andNulInsideJsonPayloads_areAccepted() throws WireFormatException {
        codec.decode(upsert("{\"session_id\":\"s-1\",\"provider\":\"claude\",\"status\":\"idle\","
                + "\"last_activity_at\":\"1970-01-01T00:00:00Z\",\"created_at\":\"9999-12-31T23:59:59.999999Z\"}"));
        // a JSON payload is stored as JSON text, where NUL is the escape \\u0000: both engines keep it alike
        codec.decode("{\"type\":\"events.append\",\"seq\":1,\"payload\":{\"session_id\":\"s\",\"event_type\":\"x\","
                + "\"payload\":{\"text\":\"a\\u0000b\"}}}");
    }

    @Test
    void restBodyThatIsNoObject_isRefusedAsTheDocument() {
        for (String body : new String[] {"null", "[]", "\"x\"", "7"}) {
            assertThatThrownBy(() -> codec.decodeBody(body, CommandBody.class)).isInstanceOf(WireFormatException.class)
                    .hasFieldOrPropertyWithValue("field", "$").hasMessageContaining("body must be a JSON object");
        }
    }

    private static String hello(String version, String roots) {
        return "{\"type\":\"agent.hello\",\"payload\":{\"agent_version\":\"" + version + "\","
                + "\"resume\":{\"last_acked_seq\":0},\"allowed_roots\":" + roots + "}}";
    }

    @Test
    void hello_withTooManyOrBadRoots_namesTheField() {
        String tooMany = "[" + String.join(",", java.util.Collections.nCopies(65, "\"/r\"")) + "]";
        decoding(hello("1.0", tooMany)).hasFieldOrPropertyWithValue("field", "payload.allowed_roots")
                .hasMessageContaining("at most 64 roots, was 65");
        decoding(hello("1.0", "[\"/a\",\"\"]")).hasFieldOrPropertyWithValue("field", "payload.allowed_roots[1]")
                .hasMessageContaining("must not be blank");
        decoding(hello("1.0", "[\"/a\",null]")).hasFieldOrPropertyWithValue("field", "payload.allowed_roots[1]");
        decoding(hello("1.0", "[\"/" + "x".repeat(4096) + "\"]"))
                .hasFieldOrPropertyWithValue("field", "payload.allowed_roots[0]")
                .hasMessageContaining("at most 4096 characters");
        decoding(hello("1.0", "[\"/a\\u0000b\"]")).hasMessageContaining("NUL");
        decoding(hello("1.0", "\"/a\"")).hasFieldOrPropertyWithValue("field", "payload.allowed_roots");
    }

    @Test
    void hello_withAnOverlongOrNulVersion_isRefused() {
        decoding(hello("v".repeat(65), "[]")).hasFieldOrPropertyWithValue("field", "payload.agent_version")
                .hasMessageContaining("at most 64 characters");
        decoding(hello("1\\u00000", "[]")).hasMessageContaining("NUL");
    }
}
