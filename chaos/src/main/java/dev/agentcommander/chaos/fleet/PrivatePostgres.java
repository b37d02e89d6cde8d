package dev.agentcommander.chaos.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of this run's own: {@code initdb} in {@code dir}, the server on a free 127.0.0.1 port, with
 * the system's binaries ({@code /usr/lib/postgresql/<version>/bin}, or {@code initdb} on the PATH). PostgreSQL
 * refuses to run as root, so as root every binary runs inside {@code unshare -U} (as an unmapped user that still
 * owns the files). Faults: {@link #stopImmediately()} / {@link #start()} and {@link #freeze()} / {@link #thaw()}.
 * {@link #close()} stops the server and, if it lingers, kills it by the PID it wrote. Owned by the scenario thread.
 */
public final class PrivatePostgres implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;
    private volatile long postmasterPid;
    /** pg_ctl detaches the server from this JVM: killed at JVM exit too, when the run is interrupted. */
    private final Thread killAtExit = new Thread(this::killNow, "postgres-kill-at-exit");

    private PrivatePostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** Creates the cluster and starts it; returns once it takes connections. */
    public static PrivatePostgres start(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PrivatePostgres postgres = new PrivatePostgres(binaries(), Files.createDirectories(dir), port);
        postgres.run("initdb", "-D", postgres.data().toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                "--no-sync");
        // Durable commits, as a team server runs: what the control plane acks must survive an immediate stop.
        Files.writeString(postgres.data().resolve("postgresql.conf"), """
                listen_addresses = '127.0.0.1'
                port = %d
                unix_socket_directories = '%s'
                max_connections = 100
                fsync = on
                synchronous_commit = on
                """.formatted(port, dir), java.nio.file.StandardOpenOption.APPEND);
        Runtime.getRuntime().addShutdownHook(postgres.killAtExit);
        postgres.start();
        return postgres;
    }

    /** The control plane's {@code DATABASE_URL}. */
    public String databaseUrl() {
        return "postgres://postgres:chaos@127.0.0.1:" + port + "/postgres";
    }

    public void start() throws IOException, InterruptedException {
        run("pg_ctl", "-D", data().toString(), "-l", dir.resolve("postgres.log").toString(), "-w", "-t", "60",
                "start");
        postmasterPid = Long.parseLong(Files.readAllLines(data().resolve("postmaster.pid")).get(0).strip());
    }

    /** {@code pg_ctl stop -m immediate}: every backend quits at once, no checkpoint, like a crash. */
    public void stopImmediately() throws IOException, InterruptedException {
        run("pg_ctl", "-D", data().toString(), "-m", "immediate", "-w", "stop");
    }

    /**
     * SIGSTOP to the postmaster and every backend: connections stay open but nothing answers, as when the database
     * host is cut off from the network.
     */
    public void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    public void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(postmasterPid)));
        ProcessHandle.of(postmasterPid).stream().flatMap(ProcessHandle::descendants)
                .forEach(child -> command.add(Long.toString(child.pid())));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(kill.getInputStream().readAllBytes());
        if (kill.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void run(String binary, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(bin.resolve(binary).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("pg_ctl.log").toFile())).start();
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(binary + " failed (see " + dir.resolve("pg_ctl.log") + ")");
        }
    }

    private static Path binaries() throws IOException {
        Path system = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(system)) {
            try (Stream<Path> versions = Files.list(system)) {
                var newest = versions.map(version -> version.resolve("bin"))
                        .filter(candidate -> Files.isExecutable(candidate.resolve("initdb")))
                        .max(Comparator.comparingInt(PrivatePostgres::major));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "initdb"))) {
                return Path.of(entry);
            }
        }
        throw new IllegalStateException("no PostgreSQL binaries: install postgresql (initdb, pg_ctl) first");
    }

    private static int major(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void killNow() {
        if (postmasterPid == 0) {
            return;
        }
        ProcessHandle.of(postmasterPid).ifPresent(postmaster -> {
            postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.destroyForcibly();
        });
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Runtime.getRuntime().removeShutdownHook(killAtExit);
        if (postmasterPid == 0) {
            return;
        }
        ProcessHandle.of(postmasterPid).ifPresent(postmaster -> {
            try {
                thaw(); // a frozen server cannot take the stop signal
                run("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "-t", "30", "stop");
            } catch (IOException e) {
                System.err.println("PostgreSQL did not stop by pg_ctl (" + e.getMessage() + "); killing PID "
                        + postmasterPid);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (postmaster.isAlive()) {
                killNow();
            }
        });
    }
}
