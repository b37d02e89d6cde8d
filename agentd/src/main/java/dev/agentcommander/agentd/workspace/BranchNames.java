package dev.agentcommander.agentd.workspace;

import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Branch names for spawned worktrees: a given one is checked by our own rules first (so nothing reaches git that could
 * read as an option or climb out of a directory), then by {@code git check-ref-format --branch}; a missing one is
 * derived as {@code ac/<words of the prompt>-<6 hex>}. Stateless.
 */
public final class BranchNames {
    static final int MAX_LENGTH = 100;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._/-]+");

    private BranchNames() {
    }

    /** @throws WorkspaceException saying what is wrong with {@code name} */
    public static String validate(Path repo, String name, String what) throws WorkspaceException {
        if (name == null || name.isBlank()) {
            throw new WorkspaceException(what + " must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new WorkspaceException(what + " is longer than " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(name).matches()) {
            throw new WorkspaceException(what + " '" + name + "' may only use letters, digits, '.', '_', '-' and '/'");
        }
        if (name.startsWith("-") || name.startsWith("/") || name.startsWith(".")) {
            throw new WorkspaceException(what + " '" + name + "' must not start with '-', '/' or '.'");
        }
        if (name.contains("..") || name.contains("//") || name.endsWith("/") || name.endsWith(".")
                || name.endsWith(".lock") || name.contains("/.")) {
            throw new WorkspaceException(what + " '" + name + "' is not a valid git branch name ('..', '//', '/.', or "
                    + "a trailing '/', '.' or '.lock')");
        }
        if (!Git.succeeds(repo, "check-ref-format", "--branch", name)) {
            throw new WorkspaceException(what + " '" + name + "' is not a valid git branch name");
        }
        return name;
    }

    /**
     * A revision given from outside (a base branch, tag or commit): only the characters of {@link #validate}, and
     * never a leading {@code -}, so git can only read it as a revision; whether it exists is git's to say.
     */
    public static String revision(String name, String what) throws WorkspaceException {
        if (name == null || name.isBlank() || name.length() > MAX_LENGTH || !ALLOWED.matcher(name).matches()
                || name.startsWith("-")) {
            throw new WorkspaceException(what + " '" + name + "' must be a branch, tag or commit name (letters, "
                    + "digits, '.', '_', '-', '/'; not starting with '-')");
        }
        return name;
    }

    /** {@code ac/<up to 5 words of the prompt>-<6 hex>}, e.g. {@code ac/fix-the-login-bug-3f9a1c}. */
    public static String derive(String prompt) {
        String words = prompt == null ? "" : prompt.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
        String slug = String.join("-", java.util.Arrays.stream(words.split(" ")).filter(w -> !w.isEmpty()).limit(5)
                .toList());
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String trimmed = (slug.length() > 40 ? slug.substring(0, 40) : slug).replaceAll("-+$", "");
        return "ac/" + (trimmed.isEmpty() ? "session" : trimmed) + "-" + suffix;
    }
}
