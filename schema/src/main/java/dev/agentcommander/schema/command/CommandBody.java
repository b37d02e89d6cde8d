package dev.agentcommander.schema.command;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The body of a command: {@code {"type": "send_input", ...}}. The same records decode REST command
 * bodies and the CP→agent {@code command} message.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SendInput.class, name = "send_input"),
    @JsonSubTypes.Type(value = SendKeys.class, name = "send_keys"),
    @JsonSubTypes.Type(value = Interrupt.class, name = "interrupt"),
    @JsonSubTypes.Type(value = KillSession.class, name = "kill_session"),
    @JsonSubTypes.Type(value = RenameSession.class, name = "rename_session"),
    @JsonSubTypes.Type(value = ResizePane.class, name = "resize_pane"),
    @JsonSubTypes.Type(value = CleanupSession.class, name = "cleanup_session"),
    @JsonSubTypes.Type(value = SpawnSession.class, name = "spawn_session"),
    @JsonSubTypes.Type(value = SpawnJob.class, name = "spawn_job"),
    @JsonSubTypes.Type(value = AdoptPane.class, name = "adopt_pane"),
    @JsonSubTypes.Type(value = ConsoleSubscribe.class, name = "console.subscribe"),
    @JsonSubTypes.Type(value = ConsoleUnsubscribe.class, name = "console.unsubscribe"),
    @JsonSubTypes.Type(value = ConsoleWrite.class, name = "console.write"),
})
public interface CommandBody {
    /** The wire name of this command type, as in {@code @JsonSubTypes}. */
    default String typeName() {
        JsonSubTypes subTypes = CommandBody.class.getAnnotation(JsonSubTypes.class);
        for (JsonSubTypes.Type type : subTypes.value()) {
            if (type.value() == getClass()) {
                return type.name();
            }
        }
        throw new IllegalStateException("unregistered command " + getClass().getName());
    }

    /** Commands addressed to a session (the rest are addressed to a host). */
    default boolean targetsSession() {
        return true;
    }
}
