package dev.agentcommander.chaos.fleet;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The headless control plane jar as a child process on a fixed 127.0.0.1 port (so agentd's URL stays valid across
 * restarts), with its database at {@code databaseUrl}. Owned by the scenario thread.
 */
public final class ServerProcess implements AutoCloseable {
    public static final String SECRET = "chaos-secret-0123456789abcdef0123456789abcdef0123";
    public static final int MAX_HEAP_MIB = 512;

    private final Jars jars;
    private final String databaseUrl;
    private final int port;
    private final Path logDir;
    private List<String> launcher = List.of();
    private Process process;
    private int starts;

    public ServerProcess(Jars jars, String databaseUrl, Path logDir) throws IOException {
        this.jars = jars;
        this.databaseUrl = databaseUrl;
        this.logDir = logDir;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String agentUrl() {
        return "ws://127.0.0.1:" + port + "/v1/agent/ws";
    }

    /** Runs the next starts through {@code prefix} (e.g. {@link dev.agentcommander.chaos.fault.PrivateTmpfs#launcher()}). */
    public void launchedThrough(List<String> prefix) {
        launcher = List.copyOf(prefix);
    }

    /** Starts the process; returns once {@code /health} answers 200. */
    public void start(ControlPlaneApi api) throws IOException, InterruptedException {
        launch();
        awaitHealthy(api);
    }

    /** Starts the process without waiting for it (to start two nodes side by side). */
    public void launch() throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of(Jars.java(), "-Xmx" + MAX_HEAP_MIB + "m",
                "-Xlog:gc:file=" + gcLog(starts + 1), "-jar", jars.server().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve("server-" + (++starts) + ".log").toFile()));
        // GitHub sign-in stays off whatever this shell sets: hostile logins must never reach GitHub.
        builder.environment().keySet().removeIf(name -> name.startsWith("GITHUB_") || name.endsWith("_EMAILS"));
        builder.environment().put("DATABASE_URL", databaseUrl);
        builder.environment().put("JWT_SECRET", SECRET);
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("PORT", Integer.toString(port));
        process = builder.start();
    }

    /** Returns once {@code /health} answers 200. */
    public void awaitHealthy(ControlPlaneApi api) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!api.healthy()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the control plane exited with " + process.exitValue()
                        + " (log in " + logDir + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the control plane did not become healthy in 90 s");
            }
            Thread.sleep(50);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** The GC log of the running process ({@code -Xlog:gc}): one line per collection, heap before and after. */
    public Path gcLog() {
        return gcLog(starts);
    }

    private Path gcLog(int start) {
        return logDir.resolve("server-" + start + "-gc.log");
    }

    /**
     * CPU time the running process has used so far, user and system ({@code utime + stime} of
     * {@code /proc/<pid>/stat}, as {@link ProcessHandle.Info} reads it), or empty when it cannot be read.
     */
    public Optional<Duration> cpuTime() {
        return process.info().totalCpuDuration();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no database close. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /**
     * Heap in use by the server's JVM now, from {@code jcmd <pid> GC.heap_info} (after the collector's own view), or -1
     * when it cannot be read.
     */
    public long heapUsedBytes() {
        return heapInfo(false);
    }

    /** Heap in use right after a full collection ({@code jcmd <pid> GC.run} first): what is really held. */
    public long heapLiveBytes() {
        return heapInfo(true);
    }

    private long heapInfo(boolean collectFirst) {
        try {
            if (collectFirst) {
                new ProcessBuilder(jcmd(), Long.toString(process.pid()), "GC.run")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                        .waitFor(20, TimeUnit.SECONDS);
            }
            Process jcmd = new ProcessBuilder(jcmd(), Long.toString(process.pid()), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor(20, TimeUnit.SECONDS);
            java.util.regex.Matcher used = java.util.regex.Pattern.compile("heap\\s+total \\d+K, used (\\d+)K")
                    .matcher(out);
            return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String jcmd() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    }

    /** A token signed with the server's secret, printed by the jar's own {@code mint-token}. */
    public String mintAdminToken() throws IOException, InterruptedException {
        return mintToken("admin", "chaos@example.com");
    }

    /** A token for {@code role} ({@code admin}, {@code operator}, {@code viewer}) and {@code email}. */
    public String mintToken(String role, String email) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(Jars.java(), "-jar", jars.server().toString(),
                "mint-token", "--role", role, "--email", email, "--ttl", "12h"));
        builder.environment().put("JWT_SECRET", SECRET);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process mint = builder.start();
        String token = new String(mint.getInputStream().readAllBytes()).strip();
        if (mint.waitFor() != 0 || token.isEmpty()) {
            throw new IllegalStateException("mint-token failed with " + mint.exitValue());
        }
        return token;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
