package dev.agentcommander.server.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small real tmpfs mounted over a test's directory (needs root) and unmounted by {@link #close()}. Filling it gives
 * real ENOSPC to whatever writes there. It is mounted where the test's own JVM sees it, rather than in a private
 * mount namespace, because H2 resolves its file's real path and would write beside a {@code /proc/<pid>/root} view.
 */
public final class TmpfsMount implements AutoCloseable {
    private final Path root;

    private TmpfsMount(Path root) {
        this.root = root;
    }

    /** Mounts {@code megabytes} of tmpfs over {@code mountPoint} (created if missing). */
    public static TmpfsMount mount(Path mountPoint, int megabytes) throws IOException, InterruptedException {
        Path root = Files.createDirectories(mountPoint).toAbsolutePath();
        run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "agent-commander-test", root.toString());
        return new TmpfsMount(root);
    }

    public Path root() {
        return root;
    }

    /** Writes a filler file until no space is left; returns the bytes it took. */
    public long fill() throws IOException {
        byte[] block = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(root.resolve("filler"))) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException full) {
            return written;
        }
    }

    /** Space is back. */
    public void free() throws IOException {
        Files.deleteIfExists(root.resolve("filler"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", "--lazy", root.toString());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (needs root): " + output);
        }
    }
}
