package dev.agentcommander.desktop.client;

/**
 * Startup failed in a way the user can act on: {@code headline} says what failed, the message gives the detail,
 * {@code hint} says what to do about it.
 */
public final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String headline;
    private final String hint;

    public StartupException(String headline, String detail, String hint, Throwable cause) {
        super(detail, cause);
        this.headline = headline;
        this.hint = hint;
    }

    public String headline() {
        return headline;
    }

    public String detail() {
        return getMessage();
    }

    public String hint() {
        return hint;
    }
}
