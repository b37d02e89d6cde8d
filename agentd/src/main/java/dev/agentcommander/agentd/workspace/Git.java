package dev.agentcommander.agentd.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code git -C <dir> …} with a deadline, no terminal prompts, no pager and no optional locks. Values that come from outside (branch
 * and path names) are validated by the callers and passed after the options they belong to. Stateless.
 */
public final class Git {
    private static final long TIMEOUT_SECONDS = 30;

    private Git() {
    }

    /** Runs git and returns its stdout; a non-zero exit is an error carrying git's own message. */
    public static String run(Path dir, String... args) throws WorkspaceException {
        Result result = exec(dir, args);
        if (result.exit() != 0) {
            throw new WorkspaceException("git " + String.join(" ", args) + " failed: " + result.stderr().strip());
        }
        return result.stdout();
    }

    /** Whether git exits 0 (for questions like {@code merge-base --is-ancestor}). */
    public static boolean succeeds(Path dir, String... args) throws WorkspaceException {
        return exec(dir, args).exit() == 0;
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private static Result exec(Path dir, String... args) throws WorkspaceException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().put("GIT_PAGER", "cat");
        builder.environment().put("LC_ALL", "C");
        // a status that refreshes the index takes .git/index.lock, and the person's own `git add` in that
        // worktree would then fail with "index.lock: File exists": agentd only looks, so it takes no optional lock
        builder.environment().put("GIT_OPTIONAL_LOCKS", "0");
        try {
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String stdout = read(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new WorkspaceException("git " + String.join(" ", args) + " took over " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), stdout, stderr.join());
        } catch (IOException e) {
            throw new WorkspaceException("cannot run git (is it installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkspaceException("interrupted while running git", e);
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
