package dev.agentcommander.desktop.client;

/**
 * A control-plane call that failed: {@code status} is the HTTP status, or 0 when no answer came (I/O error,
 * timeout); {@code code} is the {@code error.code} of the answer, or a local code like {@code unreachable}.
 */
public final class ControlPlaneException extends Exception {
    private static final long serialVersionUID = 1L;

    public static final int NO_ANSWER = 0;

    private final int status;
    private final String code;

    public ControlPlaneException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    public ControlPlaneException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
