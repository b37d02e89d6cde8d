package dev.agentcommander.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentcommander.schema.agent.AgentAck;
import dev.agentcommander.schema.agent.AgentHello;
import dev.agentcommander.schema.agent.ApprovalDecision;
import dev.agentcommander.schema.agent.Command;
import dev.agentcommander.schema.agent.CommandsResult;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsSnapshot;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.command.AdoptPane;
import dev.agentcommander.schema.command.CleanupSession;
import dev.agentcommander.schema.command.CommandBody;
import dev.agentcommander.schema.command.ConsoleSubscribe;
import dev.agentcommander.schema.command.ConsoleUnsubscribe;
import dev.agentcommander.schema.command.ConsoleWrite;
import dev.agentcommander.schema.command.Interrupt;
import dev.agentcommander.schema.command.KillSession;
import dev.agentcommander.schema.command.RenameSession;
import dev.agentcommander.schema.command.ResizePane;
import dev.agentcommander.schema.command.SendInput;
import dev.agentcommander.schema.command.SendKeys;
import dev.agentcommander.schema.command.SpawnJob;
import dev.agentcommander.schema.command.SpawnSession;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.model.ApprovalStatus;
import dev.agentcommander.schema.model.EventRow;
import dev.agentcommander.schema.model.GitInfo;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.Provider;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.model.TmuxRef;
import dev.agentcommander.schema.ui.ApprovalsChanged;
import dev.agentcommander.schema.ui.ConsoleInput;
import dev.agentcommander.schema.ui.EventsAppended;
import dev.agentcommander.schema.ui.HostsChanged;
import dev.agentcommander.schema.ui.SessionsChanged;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Topic;
import dev.agentcommander.schema.ui.Unsubscribe;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(30)
class WireCodecRoundTripTest {
    private static final Instant T = Instant.parse("2026-11-24T05:00:00.123Z");
    private final WireCodec codec = new WireCodec();

    static SessionRow session() {
        return new SessionRow("s-1", "h-1", "api: fix tests", Provider.CLAUDE, SessionStatus.WAITING_APPROVAL, true,
                new TmuxRef("%3", "work", "2"), "/home/me/api", new GitInfo("/home/me/api", "fix/tests", true),
                "✳ Fixing tests", "hook: PermissionRequest at 2026-11-24T05:00:00Z", T, T, T);
    }

    static JsonNode json(String text) {
        try {
            return new WireCodec().mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Message> everyMessage() {
        List<CommandBody> bodies = List.of(new SendInput("echo $HOME; tmux kill-server \"'", true),
                new SendKeys(List.of("Escape", "C-c", "Up")), new Interrupt(), new KillSession(),
                new RenameSession("api"), new ResizePane(120, 40), new CleanupSession(true),
                new SpawnSession("/repo", "feat/x", "main", "claude", "fix it"), new SpawnJob("/repo", "summarize", 120),
                new AdoptPane("%7"), new ConsoleSubscribe("sub-1"), new ConsoleUnsubscribe("sub-1"), new ConsoleWrite("sub-1", "G1tB"));
        Stream<Message> commands = bodies.stream().map(body -> new Command("c-" + body.typeName(),
                body.targetsSession() ? "s-1" : null, body));
        ObjectNode filter = JsonNodeFactory.instance.objectNode().put("status", "running");
        Stream<Message> others = Stream.of(
                new AgentHello("h-1", "0.1.0", new AgentHello.Resume(41L), List.of("/home/ann/src", "/srv/repos")),
                new AgentAck(42L),
                new SessionsUpsert(List.of(session())),
                new SessionsSnapshot("s-1", "sub-1", 1024L, "\u001b[1mhello\u001b[0m\n", 120, 40, T),
                new EventsAppend("s-1", "approval.requested",
                        json("{\"approval_id\":\"a-1\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"ls\"}}")),
                CommandsResult.success("c-1", json("{\"session_id\":\"s-2\"}")),
                CommandsResult.failure("c-2", "unknown pane %9"),
                new ConsoleChunk("sub-1", "s-1", 2048L, "aGVsbG8="),
                new ApprovalDecision("a-1", "allow", json("{\"command\":\"ls -la\"}"), "looks safe"),
                new ErrorMessage("bad_message", "payload.sessions[0].status: unknown value", null, 7L),
                new Subscribe("sub-1", Topic.SESSIONS, filter),
                new Unsubscribe("sub-1"),
                new ConsoleInput("sub-1", "bHMNAw=="),
                new SessionsChanged("sub-1", List.of(session())),
                new EventsAppended("sub-2", List.of(new EventRow(5L, "s-1", "hook.Stop", json("{}"), T))),
                new ApprovalsChanged("sub-3", List.of(new ApprovalRow("a-1", "s-1", "h-1", "Bash",
                        json("{\"command\":\"rm -rf build\"}"), "/repo", ApprovalStatus.ALLOWED, T, "ann@example.com",
                        T, null, null))),
                new HostsChanged("sub-4", List.of(new HostRow("h-1", "laptop", true, T, 42L, T, "0.1.0",
                        List.of("/home/ann/src")), new HostRow("h-2", "new-box", false, null, 0L, T))));
        return Stream.concat(others, commands);
    }

    @ParameterizedTest
    @MethodSource("everyMessage")
    void roundTrip_preservesEveryField(Message message) throws Exception {
        Envelope sent = message.messageType().durable() ? Envelope.durable(9, message) : Envelope.live(message);

        Envelope received = codec.decode(codec.encode(sent));

        assertThat(received.type()).isEqualTo(sent.type());
        assertThat(received.seq()).isEqualTo(sent.seq());
        assertThat(received.ts()).isEqualTo(sent.ts());
        assertThat(received.payload()).isEqualTo(message);
    }

    @Test
    void everyMessageType_isCoveredByTheRoundTrip() {
        Set<MessageType> covered = everyMessage().map(Message::messageType).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(MessageType.class));
    }

    @Test
    void everyCommandType_isCoveredByTheRoundTrip() {
        Set<String> registered = Arrays.stream(CommandBody.class
                        .getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value())
                .map(com.fasterxml.jackson.annotation.JsonSubTypes.Type::name).collect(Collectors.toSet());
        Set<String> covered = everyMessage().filter(Command.class::isInstance)
                .map(m -> ((Command) m).body().typeName()).collect(Collectors.toSet());
        assertThat(covered).isEqualTo(registered);
    }

    @Test
    void encode_writesSnakeCaseWireNamesAndUtcTimestamps() throws Exception {
        String text = codec.encode(Envelope.durable(3, new SessionsUpsert(List.of(session()))));
        JsonNode root = codec.mapper().readTree(text);

        assertThat(root.get("type").asText()).isEqualTo("sessions.upsert");
        assertThat(root.get("seq").asLong()).isEqualTo(3);
        assertThat(root.get("ts").asText()).endsWith("Z");
        JsonNode row = root.at("/payload/sessions/0");
        assertThat(row.get("session_id").asText()).isEqualTo("s-1");
        assertThat(row.get("status").asText()).isEqualTo("waiting_approval");
        assertThat(row.get("needs_attention").asBoolean()).isTrue();
        assertThat(row.at("/tmux/pane_id").asText()).isEqualTo("%3");
        assertThat(row.get("last_activity_at").asText()).isEqualTo("2026-11-24T05:00:00.123Z");
    }

    @Test
    void command_isFlattenedOnTheWire() throws Exception {
        String text = codec.encode(Envelope.live(new Command("c-1", "s-1", new SendInput("hi", true))));
        JsonNode payload = codec.mapper().readTree(text).get("payload");

        assertThat(payload.get("command_id").asText()).isEqualTo("c-1");
        assertThat(payload.get("session_id").asText()).isEqualTo("s-1");
        assertThat(payload.get("type").asText()).isEqualTo("send_input");
        assertThat(payload.get("text").asText()).isEqualTo("hi");
        assertThat(payload.get("enter").asBoolean()).isTrue();
    }

    @Test
    void decodeBody_readsARestCommandBody() throws Exception {
        CommandBody body = codec.decodeBody("{\"type\":\"send_keys\",\"keys\":[\"Enter\"]}", CommandBody.class);
        assertThat(body).isEqualTo(new SendKeys(List.of("Enter")));
    }

    @Test
    void decode_ignoresUnknownExtraFields_forForwardCompatibility() throws Exception {
        Envelope envelope = codec.decode(
                "{\"type\":\"agent.ack\",\"ts\":\"2026-11-24T05:00:00Z\",\"payload\":{\"seq\":4,\"later\":true},\"x\":1}");
        assertThat(envelope.payload()).isEqualTo(new AgentAck(4L));
    }

    @Test
    void hello_carriesAllowedRootsOnTheWire_andAnOlderHelloWithoutThemDecodesToNone() throws Exception {
        String text = codec.encode(Envelope.live(new AgentHello(null, "0.2.0", new AgentHello.Resume(0L),
                List.of("/home/ann/src"))));
        JsonNode payload = codec.mapper().readTree(text).get("payload");
        assertThat(payload.get("agent_version").asText()).isEqualTo("0.2.0");
        assertThat(payload.get("allowed_roots")).hasSize(1);
        assertThat(payload.get("allowed_roots").get(0).asText()).isEqualTo("/home/ann/src");

        Envelope older = codec.decode("{\"type\":\"agent.hello\",\"payload\":{\"agent_version\":\"0.1.0\","
                + "\"resume\":{\"last_acked_seq\":3}}}");
        assertThat(older.payloadAs(AgentHello.class).allowedRoots()).isEmpty();
    }

    @Test
    void hostRow_carriesAgentVersionAndAllowedRootsAsSnakeCase() throws Exception {
        String text = codec.encode(Envelope.live(new HostsChanged("sub-1", List.of(new HostRow("h-1", "laptop", true,
                T, 1L, T, "0.2.0", List.of("/srv/repos"))))));
        JsonNode row = codec.mapper().readTree(text).at("/payload/hosts/0");
        assertThat(row.get("agent_version").asText()).isEqualTo("0.2.0");
        assertThat(row.get("allowed_roots").get(0).asText()).isEqualTo("/srv/repos");
    }
}
