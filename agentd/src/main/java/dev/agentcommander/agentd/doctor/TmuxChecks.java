package dev.agentcommander.agentd.doctor;

import dev.agentcommander.agentd.config.TmuxConfig;
import dev.agentcommander.agentd.tmux.TmuxException;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tmux checks: the binary runs, the server socket is there and answers, it belongs to the user agentd runs
 * as, and — when a socket in /tmp is missing — whether a private /tmp hides it. Stateless.
 */
final class TmuxChecks {
    static final String BINARY = "tmux binary";
    static final String SOCKET = "tmux socket";
    static final String SAME_USER = "same user";
    static final String PRIVATE_TMP = "PrivateTmp";
    static final List<String> NAMES = List.of(BINARY, SOCKET, SAME_USER, PRIVATE_TMP);

    static final String FIX_START_TMUX =
            "start tmux as this user, or set tmux.socket to the server's socket (tmux -L/-S)";
    static final String FIX_SAME_USER = "run agentd as the user that owns tmux (User= in agentd's systemd unit)";
    static final String FIX_PRIVATE_TMP = "set PrivateTmp=no in agentd's systemd unit, or keep the tmux socket "
            + "outside /tmp (tmux.socket, or the same TMUX_TMPDIR for tmux and agentd)";

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final int FILE_TYPE_MASK = 0170000;
    private static final int SOCKET_TYPE = 0140000;
    private static final LinkOption NO_FOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final TmuxConfig config;
    private final DoctorEnvironment environment;
    private final ProcScan proc;

    TmuxChecks(TmuxConfig config, DoctorEnvironment environment) {
        this.config = config;
        this.environment = environment;
        this.proc = new ProcScan(environment.procRoot());
    }

    List<CheckResult> run() {
        Optional<Path> binary = Executables.resolve(config.bin(), environment.searchPath());
        Path socket = socketPath();
        List<TmuxServerProcess> servers = proc.tmuxServers();
        List<CheckResult> results = new ArrayList<>();
        results.add(binary(binary));
        results.add(socket(socket, binary));
        results.add(sameUser(socket, servers));
        results.add(privateTmp(socket, servers));
        return results;
    }

    /** {@code tmux.socket} (given to tmux as {@code -S}), or the default server's socket of this uid. */
    Path socketPath() {
        return config.defaultServer() ? environment.defaultTmuxSocket() : Path.of(config.socket()).toAbsolutePath();
    }

    private CheckResult binary(Optional<Path> binary) {
        if (binary.isEmpty()) {
            return CheckResult.problem(BINARY, Executables.lookedIn(config.bin(), environment.searchPath()),
                    "install tmux 3.x (e.g. apt-get install tmux) or set tmux.bin to its path");
        }
        try (TmuxRunner tmux = runner(binary.get(), "")) {
            return CheckResult.ok(BINARY, binary.get() + " (" + tmux.run("-V").strip() + ")");
        } catch (TmuxException e) {
            return CheckResult.problem(BINARY, binary.get() + " does not run: " + e.getMessage(),
                    "reinstall tmux 3.x, or set tmux.bin to a working tmux");
        }
    }

    private CheckResult socket(Path socket, Optional<Path> binary) {
        if (!Files.exists(socket, NO_FOLLOW)) {
            if (!config.defaultServer() && !config.socket().contains("/")) {
                return CheckResult.problem(SOCKET, socket + " does not exist (tmux.socket '" + config.socket()
                        + "' is a path for tmux -S, not a -L name)", "set tmux.socket to the full socket path, e.g. "
                        + environment.defaultTmuxSocket().resolveSibling(config.socket()));
            }
            return CheckResult.problem(SOCKET, socket + " does not exist", FIX_START_TMUX);
        }
        int mode;
        int owner;
        try {
            mode = (Integer) Files.getAttribute(socket, "unix:mode", NO_FOLLOW);
            owner = (Integer) Files.getAttribute(socket, "unix:uid", NO_FOLLOW);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return CheckResult.problem(SOCKET, "cannot look at " + socket + ": " + e, FIX_SAME_USER);
        }
        if ((mode & FILE_TYPE_MASK) != SOCKET_TYPE) {
            return CheckResult.problem(SOCKET, socket + " is not a socket", "set tmux.socket to the tmux server's "
                    + "socket (the -S path, or " + environment.defaultTmuxSocket().getParent() + "/NAME for -L NAME)");
        }
        if (!Files.isReadable(socket) || !Files.isWritable(socket)) {
            return CheckResult.problem(SOCKET, socket + " is not readable and writable by uid " + environment.uid()
                    + " (owner uid " + owner + ", mode " + String.format("%03o", mode & 0777) + ")", FIX_SAME_USER);
        }
        if (binary.isEmpty()) {
            return CheckResult.skipped(SOCKET, socket + " exists, but there is no tmux binary to ask the server");
        }
        try (TmuxRunner tmux = runner(binary.get(), socket.toString())) {
            List<String> panes = tmux.run("list-panes", "-a", "-F", "#{session_name}").lines().toList();
            return CheckResult.ok(SOCKET, socket + " (" + panes.stream().distinct().count() + " session(s), "
                    + panes.size() + " pane(s))");
        } catch (TmuxException e) {
            if (e.noServer()) {
                return CheckResult.problem(SOCKET, socket + " is left over from a tmux server that has exited",
                        FIX_START_TMUX);
            }
            return CheckResult.problem(SOCKET, socket + " exists, but tmux fails there: " + e.getMessage(),
                    "make sure the server runs the same tmux version as tmux.bin, as this user");
        }
    }

    private CheckResult sameUser(Path socket, List<TmuxServerProcess> servers) {
        int uid = environment.uid();
        if (Files.exists(socket, NO_FOLLOW)) {
            try {
                int owner = (Integer) Files.getAttribute(socket, "unix:uid", NO_FOLLOW);
                String ownerName = Files.getOwner(socket, NO_FOLLOW).getName();
                if (owner == uid) {
                    return CheckResult.ok(SAME_USER, "agentd runs as uid " + uid + ", the owner of " + socket);
                }
                return CheckResult.problem(SAME_USER, socket + " belongs to uid " + owner + " (" + ownerName
                        + "), but agentd runs as uid " + uid, FIX_SAME_USER);
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return CheckResult.problem(SAME_USER, "cannot read the owner of " + socket + ": " + e, FIX_SAME_USER);
            }
        }
        Optional<TmuxServerProcess> ours = servers.stream().filter(server -> server.uid() == uid).findFirst();
        if (ours.isPresent()) {
            return CheckResult.ok(SAME_USER, "a tmux server of uid " + uid + " runs (pid " + ours.get().pid() + ")");
        }
        if (!servers.isEmpty()) {
            TmuxServerProcess other = servers.get(0);
            return CheckResult.problem(SAME_USER, "no tmux server runs as uid " + uid + " (agentd's user), but one "
                    + "runs as uid " + other.uid() + " (pid " + other.pid() + ")", FIX_SAME_USER);
        }
        return CheckResult.skipped(SAME_USER, "no tmux socket or tmux server process to compare with");
    }

    private CheckResult privateTmp(Path socket, List<TmuxServerProcess> servers) {
        Optional<String> privateRoot = proc.privateTmpRoot();
        boolean underTmp = socket.normalize().startsWith("/tmp");
        if (!underTmp || Files.exists(socket, NO_FOLLOW)) {
            return CheckResult.ok(PRIVATE_TMP, privateRoot.map(root -> "/tmp is private (" + root + "), but "
                    + socket + " is in sight").orElse("/tmp is not a private mount"));
        }
        if (privateRoot.isPresent()) {
            return CheckResult.problem(PRIVATE_TMP, "agentd's /tmp is a private mount (" + privateRoot.get()
                    + "), so tmux's " + socket + " in the real /tmp is out of its sight", FIX_PRIVATE_TMP);
        }
        Optional<String> ownNamespace = proc.ownMountNamespace();
        Optional<TmuxServerProcess> elsewhere = servers.stream()
                .filter(server -> server.uid() == environment.uid())
                .filter(server -> ownNamespace.isPresent() && server.mountNamespace().isPresent()
                        && !server.mountNamespace().equals(ownNamespace))
                .findFirst();
        if (elsewhere.isPresent()) {
            return CheckResult.problem(PRIVATE_TMP, "tmux server pid " + elsewhere.get().pid() + " of uid "
                    + environment.uid() + " runs in another mount namespace (" + elsewhere.get().mountNamespace().get()
                    + ", agentd " + ownNamespace.get() + "), so its /tmp is not agentd's", FIX_PRIVATE_TMP);
        }
        return CheckResult.ok(PRIVATE_TMP, "/tmp is not a private mount");
    }

    private static TmuxRunner runner(Path binary, String socket) {
        return new TmuxRunner(new TmuxConfig(binary.toString(), socket, TmuxConfig.DEFAULT_POLL_INTERVAL_MS), TIMEOUT);
    }
}
