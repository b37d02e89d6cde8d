package dev.agentcommander.desktop.settings;

/** The outcome of testing a team database URL: what was found, or what went wrong and what to do about it. */
public record DatabaseCheck(boolean ok, String headline, String advice) {
    public static DatabaseCheck reached(String headline) {
        return new DatabaseCheck(true, headline, "");
    }

    public static DatabaseCheck failed(String headline, String advice) {
        return new DatabaseCheck(false, headline, advice);
    }

    /** Headline and advice as one text, for a label. */
    public String text() {
        return advice.isEmpty() ? headline : headline + "\n" + advice;
    }
}
