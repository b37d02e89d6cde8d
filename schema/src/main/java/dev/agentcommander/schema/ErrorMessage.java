package dev.agentcommander.schema;

/**
 * A complaint about a received frame, or about a subscription. The connection stays open.
 * {@code seq} names the offending durable frame when there was one; {@code subscription_id} the
 * subscription concerned, if any.
 */
public record ErrorMessage(String code, String message, String subscriptionId, Long seq)
        implements ControlToAgent, ControlToUi {
    /** On the UI socket: the control plane's database does not answer; nothing new is stored or pushed. */
    public static final String STORE_UNAVAILABLE = "store_unavailable";
    /** On the UI socket: the database answers again; subscriptions refused meanwhile are to be made again. */
    public static final String STORE_AVAILABLE = "store_available";

    public ErrorMessage {
        Require.text(code, "code");
        Require.present(message, "message");
    }

    public static ErrorMessage of(String code, String message) {
        return new ErrorMessage(code, message, null, null);
    }
}
