package dev.agentcommander.agentd.testing.realclients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.agentd.internal.Shell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A private tmux server whose panes live in their own network namespace ({@code unshare -n}, loopback only), with a
 * {@link ScriptedModelServer} running in it (in window {@code model}). The real clients started in its panes reach
 * the model server and nothing else; agentd, outside, drives the server through its socket file, and Unix sockets in
 * the file system still connect across. Other processes (e.g. a codex job) join the namespace through
 * {@link #inNamespace}. Needs root (CI runs as root); a test on another machine fails with a message saying so.
 */
public final class OfflineTmux implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Path socket;
    private final Path script;
    private final Path requestLog;
    private int modelPort;
    private long serverPid;

    private OfflineTmux(Path dir) {
        this.dir = dir;
        this.socket = dir.resolve("tmux.sock");
        this.script = dir.resolve("model-script.json");
        this.requestLog = dir.resolve("model-requests.jsonl");
    }

    /**
     * Starts the server and the model server with {@code scriptJson} (see {@link ScriptedModelServer}) in a fresh
     * namespace; {@code dir} holds the socket, the script and the request log.
     */
    public static OfflineTmux start(Path dir, String scriptJson) {
        requireRoot();
        OfflineTmux offline = new OfflineTmux(dir);
        try {
            offline.writeScript(scriptJson);
            Path config = dir.resolve("tmux.conf");
            Files.writeString(config, "set -g default-shell /bin/bash\n"
                    + "set -g default-command '/bin/bash --noprofile --norc'\n"
                    + "set -g history-limit 5000\n");
            run(List.of("unshare", "-n", "--", "sh", "-c", "ip link set lo up && exec tmux -S \"$0\" -f \"$1\" "
                    + "new-session -d -s main -x 200 -y 50", offline.socket.toString(), config.toString()));
            offline.serverPid = Long.parseLong(offline.tmux("display-message", "-p", "#{pid}").trim());
            offline.startModelServer();
            return offline;
        } catch (IOException e) {
            offline.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            offline.close();
            throw e;
        }
    }

    private void startModelServer() throws IOException {
        Path portFile = dir.resolve("model.port");
        String java = ProcessHandle.current().info().command().orElse("java");
        tmux("new-window", "-d", "-n", "model", "--", java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), ScriptedModelServer.class.getName(), script.toString(),
                requestLog.toString(), portFile.toString());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!Files.exists(portFile)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the scripted model server did not start in 20 s; its window shows:\n"
                        + capture("model"));
            }
            sleep(50);
        }
        modelPort = Integer.parseInt(Files.readString(portFile).trim());
    }

    /** The tmux socket, for agentd's {@code tmux.socket}. */
    public Path socket() {
        return socket;
    }

    /** The model server's port on the namespace's 127.0.0.1. */
    public int modelPort() {
        return modelPort;
    }

    /** Replaces the script; steps already taken stay taken (counters are per API). */
    public void writeScript(String scriptJson) throws IOException {
        Path partial = dir.resolve("model-script.json.tmp");
        Files.writeString(partial, scriptJson);
        Files.move(partial, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Every request the model server got so far: {@code {api, path, step, body}} per line. */
    public List<JsonNode> requests() throws IOException {
        List<JsonNode> requests = new ArrayList<>();
        if (!Files.exists(requestLog)) {
            return requests;
        }
        for (String line : Files.readAllLines(requestLog, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                requests.add(JSON.readTree(line));
            }
        }
        return requests;
    }

    /** Opens a window running {@code argv} directly (no shell) in {@code cwd} with {@code env}; returns its pane id. */
    public String newWindow(Path cwd, Map<String, String> env, List<String> argv) {
        List<String> args = new ArrayList<>(List.of("new-window", "-d", "-P", "-F", "#{pane_id}", "-c", cwd.toString()));
        env.forEach((key, value) -> {
            args.add("-e");
            args.add(key + "=" + value);
        });
        args.add("--");
        args.addAll(argv);
        return tmux(args.toArray(String[]::new)).trim();
    }

    /** The visible screen of a pane or window target, as plain text. */
    public String capture(String target) {
        return tmux("capture-pane", "-p", "-t", target);
    }

    /** Waits until the pane shows {@code text}; fails with the screen as it is. */
    public void awaitScreen(String target, String text, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String screen = capture(target);
        while (!screen.contains(text)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("pane " + target + " did not show '" + text + "' within " + timeout
                        + "; it shows:\n" + screen);
            }
            sleep(100);
            screen = capture(target);
        }
    }

    /**
     * Answers Claude Code's permission dialog in the pane as a person would: {@code key} is {@code "Enter"} (the
     * selected "1. Yes") or a digit. Claude ignores keys for a moment after the dialog opens, so the key is pressed
     * again every second until the dialog is gone.
     */
    public void answerDialog(String target, String key) {
        awaitScreen(target, "Do you want to proceed?", Duration.ofSeconds(30));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (capture(target).contains("Do you want to proceed?")) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the permission dialog in " + target + " did not take '" + key + "':\n"
                        + capture(target));
            }
            sendKeys(target, key);
            sleep(1000);
        }
    }

    public void sendKeys(String target, String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", target));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    /** {@code command} prefixed so that it runs inside this server's network namespace. */
    public List<String> inNamespace(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("nsenter", "-t", Long.toString(serverPid), "-n", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * An executable for agentd's {@code providers.codex.exec_path}: the real codex, with its own CODEX_HOME (the
     * scripted model server as its provider) under {@code dir}, joined to this namespace.
     */
    public Path codexExecutable(Path dir) throws IOException {
        CodexHome home = CodexHome.create(dir.resolve("codex-user/.codex"), modelPort);
        StringBuilder script = new StringBuilder("#!/bin/sh\n");
        home.env().forEach((key, value) -> script.append("export ").append(key).append('=')
                .append(Shell.quoted(value)).append('\n'));
        script.append("exec ").append(inNamespace(List.of(RealClients.codex().toString())).stream()
                .map(Shell::quoted).collect(Collectors.joining(" "))).append(" \"$@\"\n");
        Path wrapper = dir.resolve("codex-offline.sh");
        Files.writeString(wrapper, script);
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        return wrapper;
    }

    public String tmux(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    /**
     * Kills the server and waits for the processes that ran in its panes (the clients and what they started) to end,
     * so nothing writes into the test's directories afterwards; what is still alive after 10 s is killed.
     */
    @Override
    public void close() {
        if (!Files.exists(socket)) {
            return;
        }
        List<ProcessHandle> started = new ArrayList<>();
        try {
            for (String pid : tmux("list-panes", "-a", "-F", "#{pane_pid}").split("\n")) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(pane -> {
                        started.add(pane);
                        pane.descendants().forEach(started::add);
                    });
                }
            }
            tmux("kill-server");
        } catch (AssertionError ignored) {
            // already gone
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        for (ProcessHandle process : started) {
            while (process.isAlive() && Instant.now().isBefore(deadline)) {
                sleep(50);
            }
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " failed (exit " + process.exitValue() + "): " + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void requireRoot() {
        String user = System.getProperty("user.name");
        if (!"root".equals(user)) {
            throw new AssertionError("the real-client tests run the CLIs in a private network namespace "
                    + "(unshare -n, nsenter), which needs root; run them as root (CI does), user is " + user);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
