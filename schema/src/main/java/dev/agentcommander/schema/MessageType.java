package dev.agentcommander.schema;

import dev.agentcommander.schema.agent.AgentAck;
import dev.agentcommander.schema.agent.AgentHello;
import dev.agentcommander.schema.agent.ApprovalDecision;
import dev.agentcommander.schema.agent.Command;
import dev.agentcommander.schema.agent.CommandsResult;
import dev.agentcommander.schema.agent.EventsAppend;
import dev.agentcommander.schema.agent.SessionsSnapshot;
import dev.agentcommander.schema.agent.SessionsUpsert;
import dev.agentcommander.schema.ui.ApprovalsChanged;
import dev.agentcommander.schema.ui.ConsoleInput;
import dev.agentcommander.schema.ui.EventsAppended;
import dev.agentcommander.schema.ui.HostsChanged;
import dev.agentcommander.schema.ui.SessionsChanged;
import dev.agentcommander.schema.ui.Subscribe;
import dev.agentcommander.schema.ui.Unsubscribe;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every message type on both WebSockets: its wire name, its record, and whether it is durable (carries a seq). */
public enum MessageType {
    AGENT_HELLO("agent.hello", AgentHello.class, false),
    SESSIONS_UPSERT("sessions.upsert", SessionsUpsert.class, true),
    SESSIONS_SNAPSHOT("sessions.snapshot", SessionsSnapshot.class, false),
    EVENTS_APPEND("events.append", EventsAppend.class, true),
    COMMANDS_RESULT("commands.result", CommandsResult.class, true),
    CONSOLE_CHUNK("console.chunk", ConsoleChunk.class, false),
    AGENT_ACK("agent.ack", AgentAck.class, false),
    COMMAND("command", Command.class, false),
    APPROVAL_DECISION("approval.decision", ApprovalDecision.class, false),
    SUBSCRIBE("subscribe", Subscribe.class, false),
    UNSUBSCRIBE("unsubscribe", Unsubscribe.class, false),
    CONSOLE_INPUT("console.input", ConsoleInput.class, false),
    SESSIONS_CHANGED("sessions.changed", SessionsChanged.class, false),
    EVENTS_APPENDED("events.appended", EventsAppended.class, false),
    APPROVALS_CHANGED("approvals.changed", ApprovalsChanged.class, false),
    HOSTS_CHANGED("hosts.changed", HostsChanged.class, false),
    ERROR("error", ErrorMessage.class, false);

    private static final Map<String, MessageType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(MessageType::wireName, Function.identity()));
    private static final Map<Class<?>, MessageType> BY_RECORD =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(MessageType::recordType, Function.identity()));

    private final String wireName;
    private final Class<? extends Message> recordType;
    private final boolean durable;

    MessageType(String wireName, Class<? extends Message> recordType, boolean durable) {
        this.wireName = wireName;
        this.recordType = recordType;
        this.durable = durable;
    }

    public String wireName() {
        return wireName;
    }

    public Class<? extends Message> recordType() {
        return recordType;
    }

    /** Durable agent messages carry a seq, go through the agentd outbox and are acked by the control plane. */
    public boolean durable() {
        return durable;
    }

    public static Optional<MessageType> byWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }

    public static MessageType of(Class<?> recordType) {
        MessageType type = BY_RECORD.get(recordType);
        if (type == null) {
            throw new IllegalArgumentException("not a registered message record: " + recordType.getName());
        }
        return type;
    }
}
