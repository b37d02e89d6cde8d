package dev.agentcommander.desktop.login;

/** GitHub's device flow ended without an access token; {@code reason} says how, the message gives GitHub's words. */
public final class DeviceFlowException extends Exception {
    private static final long serialVersionUID = 1L;

    /** How the flow ended. */
    public enum Reason {
        /** The code was not approved in time ({@code expired_token}). */
        EXPIRED,
        /** The person cancelled on GitHub ({@code access_denied}). */
        DENIED,
        /** GitHub could not be reached or answered no JSON. */
        UNREACHABLE,
        /** Any other refusal (a wrong client id, device flow not enabled for the OAuth app …). */
        REFUSED
    }

    private final Reason reason;

    public DeviceFlowException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
