package dev.agentcommander.agentd.command;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The named keys {@code send_keys} accepts. tmux sends an unknown key name as literal text, so anything outside this
 * documented set is refused instead of typed. Stateless.
 */
final class KeyNames {
    static final Set<String> NAMED = Set.of("Enter", "Escape", "Tab", "BTab", "Space", "BSpace", "Up", "Down", "Left",
            "Right", "Home", "End", "PageUp", "PPage", "PageDown", "NPage", "F1", "F2", "F3", "F4", "F5", "F6", "F7",
            "F8", "F9", "F10", "F11", "F12");
    private static final Pattern CONTROL = Pattern.compile("C-[a-z]");
    private static final Pattern META_CHAR = Pattern.compile("M-[a-zA-Z0-9]");

    private KeyNames() {
    }

    static boolean valid(String key) {
        if (NAMED.contains(key) || CONTROL.matcher(key).matches() || META_CHAR.matcher(key).matches()) {
            return true;
        }
        return key.startsWith("M-") && NAMED.contains(key.substring(2));
    }

    /** @throws CommandFailedException naming the first key outside the set */
    static void requireValid(List<String> keys) throws CommandFailedException {
        for (String key : keys) {
            if (!valid(key)) {
                throw new CommandFailedException("unknown key '" + key + "': send_keys accepts Enter, Escape, Tab, "
                        + "BTab, Space, BSpace, Up, Down, Left, Right, Home, End, PageUp/PPage, PageDown/NPage, "
                        + "F1-F12, C-a..C-z, M-<letter or digit> and M-<one of these names>; send text with "
                        + "send_input");
            }
        }
    }
}
