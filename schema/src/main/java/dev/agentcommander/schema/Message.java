package dev.agentcommander.schema;

/**
 * A payload that travels inside an {@link Envelope}. Its wire type name comes from {@link MessageType}.
 * The direction interfaces ({@link AgentToControl}, {@link ControlToAgent}, {@link UiToControl},
 * {@link ControlToUi}) say which socket may carry it.
 */
public interface Message {
    default MessageType messageType() {
        return MessageType.of(getClass());
    }
}
