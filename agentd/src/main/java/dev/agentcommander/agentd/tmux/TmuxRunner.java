package dev.agentcommander.agentd.tmux;

import dev.agentcommander.agentd.config.TmuxConfig;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one tmux client per call, as an argv array (never a shell), against the configured server
 * ({@code -S <socket>} when one is set). Every call has a deadline after which the client is killed.
 * Thread-safe; {@link #close()} stops the watchdog thread.
 */
public final class TmuxRunner implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final ProcessBuilder.Redirect NO_INPUT = ProcessBuilder.Redirect.from(new File("/dev/null"));

    private final TmuxConfig config;
    private final Duration timeout;
    private final ScheduledExecutorService watchdog;

    public TmuxRunner(TmuxConfig config) {
        this(config, DEFAULT_TIMEOUT);
    }

    public TmuxRunner(TmuxConfig config, Duration timeout) {
        this.config = config;
        this.timeout = timeout;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "agentd-tmux-watchdog");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code tmux [-S socket] <args...>} and returns its stdout. */
    public String run(String... args) throws TmuxException {
        return run(List.of(args));
    }

    public String run(List<String> args) throws TmuxException {
        return execute(command(args));
    }

    private String execute(List<String> command) throws TmuxException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(NO_INPUT).start();
        } catch (IOException e) {
            throw new TmuxException(command, -1, "", "cannot start tmux (is '" + config.bin()
                    + "' installed and on PATH? set tmux.bin)", e);
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline;
        try {
            deadline = watchdog.schedule(() -> {
                timedOut.set(true);
                process.destroyForcibly();
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            process.destroyForcibly();
            throw new TmuxException(command, -1, "", "agentd is stopping: tmux calls are closed", e);
        }
        try {
            // stdout first, then stderr: tmux writes at most a line or two to stderr, so its pipe never fills.
            String stdout = readAll(process.getInputStream());
            String stderr = readAll(process.getErrorStream());
            int exit = process.waitFor();
            if (timedOut.get()) {
                throw new TmuxException(command, -1, stderr, "tmux did not answer within " + timeout.toMillis() + " ms", null);
            }
            if (exit != 0 || !stderr.isBlank()) {
                throw new TmuxException(command, exit, stderr, "tmux failed with exit code " + exit, null);
            }
            return stdout;
        } catch (IOException e) {
            throw new TmuxException(command, -1, "", timedOut.get() ? "tmux did not answer within "
                    + timeout.toMillis() + " ms" : "cannot read tmux output", e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TmuxException(command, -1, "", "interrupted while waiting for tmux", e);
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * Runs several tmux commands in one tmux process ({@code cmd1 ; cmd2 ...}): one process start instead of many.
     * tmux stops at the first command that fails, and this then throws like {@link #run(String...)}.
     */
    public String runAll(List<List<String>> commands) throws TmuxException {
        List<String> argv = new ArrayList<>();
        for (List<String> args : commands) {
            List<String> command = command(args);
            if (argv.isEmpty()) {
                argv.addAll(command);
            } else {
                argv.add(";");
                argv.addAll(command.subList(command.size() - args.size(), command.size()));
            }
        }
        return execute(argv);
    }

    /** The full argv for {@code args}: binary, socket selection, then the arguments as literals. */
    public List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(args.size() + 3);
        command.add(config.bin());
        if (!config.defaultServer()) {
            command.add("-S");
            command.add(config.socket());
        }
        for (String arg : args) {
            command.add(literal(arg));
        }
        return command;
    }

    public TmuxConfig config() {
        return config;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    /**
     * tmux reads a {@code ;} at the end of an argument as a command separator; {@code \;} there stands for a
     * literal one. Escaping every trailing {@code ;} keeps each argument exactly as given (also one ending in
     * {@code \;}, which tmux turns back into {@code \;}).
     */
    static String literal(String arg) {
        return arg.endsWith(";") ? arg.substring(0, arg.length() - 1) + "\\;" : arg;
    }

    private static String readAll(InputStream stream) throws IOException {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
