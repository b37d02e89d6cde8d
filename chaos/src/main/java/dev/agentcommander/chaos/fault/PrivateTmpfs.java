package dev.agentcommander.chaos.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted over one directory in a mount namespace of its own ({@code unshare -m}, needs root), so only
 * the processes started through {@link #launcher()} see it and nothing is left mounted when the run ends. A holder
 * process keeps the namespace alive, so a process in it can be killed and started again on the same files. This
 * process reaches the files through {@code /proc/<holder>/root}. Owned by the scenario thread.
 */
public final class PrivateTmpfs implements AutoCloseable {
    private static final String FILLER = "chaos-filler";

    private final Path mountPoint;
    private final Process holder;

    private PrivateTmpfs(Path mountPoint, Process holder) {
        this.mountPoint = mountPoint;
        this.holder = holder;
    }

    /** Mounts a tmpfs of {@code megabytes} over {@code mountPoint} (created if missing) in a new mount namespace. */
    public static PrivateTmpfs mount(Path mountPoint, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        Process holder = new ProcessBuilder("unshare", "-m", "--propagation", "private", "--", "sh", "-c",
                "mount -t tmpfs -o size=" + megabytes + "m chaos-tmpfs \"$0\" && echo mounted && exec sleep 86400",
                mountPoint.toAbsolutePath().toString()).redirectErrorStream(true).start();
        String first = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (!"mounted".equals(first)) {
            holder.destroyForcibly();
            throw new IllegalStateException("cannot mount a private tmpfs on " + mountPoint
                    + " (needs root and unshare): " + first);
        }
        return new PrivateTmpfs(mountPoint.toAbsolutePath(), holder);
    }

    /** The argv prefix that starts a command inside the namespace, in this process's working directory. */
    public List<String> launcher() {
        return List.of("nsenter", "-t", Long.toString(holder.pid()), "-m",
                "--wd=" + Path.of("").toAbsolutePath(), "--");
    }

    /** Where this process sees {@code path} as the processes inside the namespace do. */
    public Path view(Path path) {
        return Path.of("/proc", Long.toString(holder.pid()), "root").resolve(path.toAbsolutePath().toString().substring(1));
    }

    /** Writes a file into the tmpfs until it is full; returns the bytes written. */
    public long fill() throws IOException {
        byte[] block = new byte[1024 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(view(mountPoint).resolve(FILLER))) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException e) {
            if (written == 0 && !Files.exists(view(mountPoint).resolve(FILLER))) {
                throw e;
            }
            return written; // no space left: that is the point
        }
    }

    /** Deletes what {@link #fill()} wrote: space is back. */
    public void free() throws IOException {
        Files.deleteIfExists(view(mountPoint).resolve(FILLER));
    }

    @Override
    public void close() throws InterruptedException {
        holder.destroyForcibly();
        holder.waitFor(10, TimeUnit.SECONDS);
    }
}
