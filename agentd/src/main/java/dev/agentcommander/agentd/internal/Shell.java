package dev.agentcommander.agentd.internal;

/** Building {@code sh} command lines from values we do not control (paths, names). */
public final class Shell {
    private Shell() {
    }

    /** {@code text} as one sh word: kept as it is when plainly safe, else single-quoted. */
    public static String quoted(String text) {
        return text.matches("[A-Za-z0-9_./%+=:@-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
