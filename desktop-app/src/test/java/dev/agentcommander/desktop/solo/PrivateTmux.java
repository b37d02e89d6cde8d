package dev.agentcommander.desktop.solo;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A private tmux server ({@code tmux -L test-<uuid>}) for one test; {@link #close} kills it. */
public final class PrivateTmux implements AutoCloseable {
    private final String name = "test-" + UUID.randomUUID();

    /** The server's socket, as agentd's {@code tmux.socket} and {@code --tmux-socket} expect it. */
    public Path socketPath() {
        String base = System.getenv().getOrDefault("TMUX_TMPDIR", "/tmp");
        return Path.of(base, "tmux-" + uid(), name);
    }

    /** Runs {@code tmux -L <name> args…} and returns its stdout; a failure fails the test. */
    public String run(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", name));
        command.addAll(List.of(args));
        return exec(command);
    }

    @Override
    public void close() {
        try {
            new ProcessBuilder("tmux", "-L", name, "kill-server").redirectErrorStream(true).start()
                    .waitFor(10, TimeUnit.SECONDS);
            // tmux leaves the socket file behind; one per test run would pile up in /tmp.
            Files.deleteIfExists(socketPath());
        } catch (IOException e) {
            throw new IllegalStateException("cannot kill tmux server " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String uid() {
        return exec(List.of("id", "-u")).strip();
    }

    private static String exec(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail("%s failed: %s", String.join(" ", command), output);
            }
            return output;
        } catch (IOException e) {
            return fail("cannot run %s (is it installed?): %s", command.get(0), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted running %s", command);
        }
    }
}
