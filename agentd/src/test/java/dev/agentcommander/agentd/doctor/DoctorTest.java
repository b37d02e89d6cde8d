package dev.agentcommander.agentd.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentcommander.agentd.app.AgentdMain;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.schema.WireCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code agentd doctor} against real tmux, real files and a real (closed) port; the control plane is in e2e. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DoctorTest {
    private static final int UID = DoctorEnvironment.current().uid();

    @TempDir
    Path dir;

    @Test
    void noTmuxServerAtTheSocket_isAProblemWithItsFix() throws IOException {
        TmuxServer absent = TmuxServer.notStarted();

        DoctorReport report = examine(new Setup().tmuxSocket(absent.socket()));

        assertThat(line(report, "tmux socket")).isEqualTo("PROBLEM  tmux socket: " + absent.socket()
                + " does not exist — fix: start tmux as this user, or set tmux.socket to the server's socket "
                + "(tmux -L/-S)");
        assertThat(line(report, "tmux binary")).startsWith("ok       tmux binary: ").contains("(tmux 3.");
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void runningTmuxServer_passesTheTmuxChecks_andAStaleSocketIsAProblem() throws IOException {
        try (TmuxServer tmux = TmuxServer.start(dir)) {
            Setup setup = new Setup().tmuxSocket(tmux.socket());

            DoctorReport running = examine(setup);
            assertThat(line(running, "tmux socket")).isEqualTo("ok       tmux socket: " + tmux.socket()
                    + " (1 session(s), 1 pane(s))");
            assertThat(line(running, "same user")).isEqualTo("ok       same user: agentd runs as uid " + UID
                    + ", the owner of " + tmux.socket());
            assertThat(line(running, "PrivateTmp")).startsWith("ok       PrivateTmp: ");

            tmux.killServerAndWait(); // tmux 3.3a leaves the socket behind
            if (Files.exists(Path.of(tmux.socket()))) {
                assertThat(line(examine(setup), "tmux socket")).isEqualTo("PROBLEM  tmux socket: " + tmux.socket()
                        + " is left over from a tmux server that has exited — fix: start tmux as this user, or set "
                        + "tmux.socket to the server's socket (tmux -L/-S)");
            }
        }
    }

    @Test
    void tmuxBinaryNotFound_isAProblem_andTheServerIsNotAsked() throws IOException {
        try (TmuxServer tmux = TmuxServer.start(dir)) {
            DoctorReport report = examine(new Setup().tmuxSocket(tmux.socket()).tmuxBin("no-such-tmux"));

            assertThat(line(report, "tmux binary")).startsWith("PROBLEM  tmux binary: 'no-such-tmux' not found on "
                    + "PATH (").endsWith(" — fix: install tmux 3.x (e.g. apt-get install tmux) or set tmux.bin to its "
                    + "path");
            assertThat(line(report, "tmux socket")).isEqualTo("skipped  tmux socket: " + tmux.socket()
                    + " exists, but there is no tmux binary to ask the server");
        }
    }

    @Test
    void unreachableControlPlane_isAProblem_andTheTokenIsNotTried() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "ws://127.0.0.1:" + closedPort + "/v1/agent/ws";

        DoctorReport report = examine(new Setup().url(url));

        assertThat(line(report, "control plane")).isEqualTo("PROBLEM  control plane: " + url + ": GET http://127.0.0.1:"
                + closedPort + "/health → Connection refused — fix: start the control plane or correct "
                + "control_plane.urls; check firewalls and proxies between this host and it");
        assertThat(line(report, "host token")).isEqualTo("skipped  host token: read from " + dir.resolve("host.token")
                + ", not tried: no control plane reachable");
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void missingOrEmptyTokenFile_isAProblem() throws IOException {
        Setup setup = new Setup();
        Files.delete(setup.tokenFile);
        assertThat(line(examine(setup), "host token")).isEqualTo("PROBLEM  host token: " + setup.tokenFile
                + " does not exist — fix: mint a new host token (POST /v1/hosts/{id}/tokens) and write it to "
                + setup.tokenFile);

        Files.writeString(setup.tokenFile, "\n");
        assertThat(line(examine(setup), "host token")).startsWith("PROBLEM  host token: control_plane.token_file: "
                + "host token file " + setup.tokenFile + " is empty — fix: mint a new host token");
    }

    @Test
    void stateDirUnderARegularFile_isAProblem() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        Path stateDir = file.resolve("state");

        DoctorReport report = examine(new Setup().stateDir(stateDir));

        assertThat(line(report, "state dir")).isEqualTo("PROBLEM  state dir: " + stateDir + " cannot be created: "
                + file + " is not a directory — fix: set storage.state_dir to a path under a directory");
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void stateDir_missingButCreatable_isOk_andTheProbeLeavesNothingBehind() throws IOException {
        Path stateDir = dir.resolve("var/lib/agentd");

        DoctorReport report = examine(new Setup().stateDir(stateDir));

        assertThat(line(report, "state dir")).isEqualTo("ok       state dir: " + stateDir
                + " does not exist yet; agentd can create it");
        assertThat(dir.resolve("var")).doesNotExist();
        Files.createDirectories(stateDir);
        assertThat(line(examine(new Setup().stateDir(stateDir)), "state dir"))
                .isEqualTo("ok       state dir: " + stateDir + " (writable)");
        try (var left = Files.list(stateDir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void missingHooks_areAProblem_untilInstallHooksRuns() throws IOException {
        Setup setup = new Setup();
        Path config = setup.write();
        Path settings = setup.home.resolve(".claude/settings.json");

        assertThat(line(examine(setup), "Claude hooks")).isEqualTo("PROBLEM  Claude hooks: " + settings
                + " does not exist — fix: agentd install-hooks --config " + config);
        Files.createDirectories(settings.getParent());
        Files.writeString(settings, "{\"model\": \"opus\"}");
        assertThat(line(examine(setup), "Claude hooks")).isEqualTo("PROBLEM  Claude hooks: " + settings
                + " has no agentd hook for UserPromptSubmit, PreToolUse, PermissionRequest, PostToolUse, Notification, "
                + "Stop, SessionStart, SessionEnd — fix: agentd install-hooks --config " + config);

        assertThat(cli("install-hooks", "--settings", settings.toString(), "--config", config.toString())).isZero();

        assertThat(line(examine(setup), "Claude hooks")).startsWith("ok       Claude hooks: " + settings
                + " (8 agentd hooks, to http://127.0.0.1:");
    }

    @Test
    void hooksInstalledForAnotherStateDir_doNotReachThisAgentd() throws IOException {
        Setup setup = new Setup();
        Path config = setup.write();
        Path settings = setup.home.resolve(".claude/settings.json");
        assertThat(cli("install-hooks", "--settings", settings.toString(), "--state-dir",
                dir.resolve("other-state").toString())).isZero();

        assertThat(line(examine(setup), "Claude hooks")).isEqualTo("PROBLEM  Claude hooks: "
                + setup.stateDir.resolve("hooks.json") + " does not exist, so agentd will listen on a port and secret "
                + "the installed hooks do not know — fix: agentd install-hooks --config " + config);

        assertThat(cli("install-hooks", "--state-dir", setup.stateDir.toString(), "--settings",
                dir.resolve("unused.json").toString())).isZero();
        // another port, or by chance the same port and another secret
        assertThat(line(examine(setup), "Claude hooks")).startsWith("PROBLEM  Claude hooks: agentd's hooks in "
                + settings + " do not reach this agentd: it ");
    }

    @Test
    void missingCodexOrClaude_isAProblem() throws IOException {
        Path missing = dir.resolve("nowhere/codex");

        DoctorReport report = examine(new Setup().codex(missing.toString()).claude("no-such-claude"));

        assertThat(line(report, "codex")).isEqualTo("PROBLEM  codex: '" + missing + "' is not an executable file — "
                + "fix: install it (npm i -g @openai/codex) or set providers.codex.exec_path");
        assertThat(line(report, "claude")).startsWith("PROBLEM  claude: 'no-such-claude' not found on PATH (" + dir
                .resolve("bin")).endsWith(" — fix: install it (npm i -g @anthropic-ai/claude-code) or set "
                + "providers.claude.exec_path");
    }

    @Test
    void codexAndClaudeOnPath_areOk() throws IOException {
        Setup setup = new Setup();

        DoctorReport report = examine(setup);

        assertThat(line(report, "codex")).isEqualTo("ok       codex: " + dir.resolve("bin/codex"));
        assertThat(line(report, "claude")).isEqualTo("ok       claude: " + dir.resolve("bin/claude"));
    }

    @Test
    void configThatDoesNotLoad_isTheFirstProblem_andEveryOtherCheckIsSkipped() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yaml"),
                "control_plane: { urls: [\"ws://127.0.0.1:1/v1/agent/ws\"] }\ntmux: { poll_interval_ms: 5 }\n");

        DoctorReport report = doctor(new Setup()).examine(config);

        assertThat(report.lines()).containsExactly(
                "PROBLEM  config: tmux.poll_interval_ms: must be >= 100, was 5 (in " + config
                        + ") — fix: correct tmux.poll_interval_ms in " + config,
                "skipped  tmux binary: needs a config that loads",
                "skipped  tmux socket: needs a config that loads",
                "skipped  same user: needs a config that loads",
                "skipped  PrivateTmp: needs a config that loads",
                "skipped  state dir: needs a config that loads",
                "skipped  control plane: needs a config that loads",
                "skipped  host token: needs a config that loads",
                "skipped  Claude hooks: needs a config that loads",
                "skipped  codex: needs a config that loads",
                "skipped  claude: needs a config that loads",
                "1 problem(s)");
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void agentdDoctor_onTheCommandLine_printsTheReport_andExitsWith1OnAProblem() {
        StringWriter out = new StringWriter();
        Path missing = dir.resolve("missing.yaml");

        int exit = cli(out, "doctor", "--config", missing.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString().lines().toList()).first().isEqualTo("PROBLEM  config: config file " + missing
                + " does not exist — fix: write " + missing + " (docs/agentd.md, Configuration), or pass --config FILE");
        assertThat(out.toString().lines().toList()).last().isEqualTo("1 problem(s)");
    }

    @Test
    void privateTmpMount_hidingTheSocket_isAProblem() throws IOException {
        Path proc = FakeProc.in(dir.resolve("proc"))
                .mountinfo("25 1 0:23 / /tmp rw,nosuid,nodev shared:5 - tmpfs tmpfs rw",
                        "210 25 259:2 /tmp/systemd-private-4c1d-agentd.service-Xyz/tmp /tmp rw,relatime - ext4 "
                                + "/dev/root rw")
                .path();
        String socket = "/tmp/tmux-" + UID + "/absent-" + UUID.randomUUID();

        DoctorReport report = examine(new Setup().tmuxSocket(socket).proc(proc));

        assertThat(line(report, "PrivateTmp")).isEqualTo("PROBLEM  PrivateTmp: agentd's /tmp is a private mount "
                + "(/tmp/systemd-private-4c1d-agentd.service-Xyz/tmp), so tmux's " + socket + " in the real /tmp is "
                + "out of its sight — fix: set PrivateTmp=no in agentd's systemd unit, or keep the tmux socket outside "
                + "/tmp (tmux.socket, or the same TMUX_TMPDIR for tmux and agentd)");
    }

    @Test
    void tmuxServerOfThisUserInAnotherMountNamespace_isAPrivateTmpProblem() throws IOException {
        Path proc = FakeProc.in(dir.resolve("proc")).mountNamespace("self", "mnt:[4026531841]")
                .tmuxServer(4242, UID, "mnt:[4026532999]").path();
        String socket = "/tmp/tmux-" + UID + "/absent-" + UUID.randomUUID();

        DoctorReport report = examine(new Setup().tmuxSocket(socket).proc(proc));

        assertThat(line(report, "PrivateTmp")).startsWith("PROBLEM  PrivateTmp: tmux server pid 4242 of uid " + UID
                + " runs in another mount namespace (mnt:[4026532999], agentd mnt:[4026531841]), so its /tmp is not "
                + "agentd's — fix: set PrivateTmp=no");
        assertThat(line(report, "same user")).isEqualTo("ok       same user: a tmux server of uid " + UID
                + " runs (pid 4242)");
    }

    @Test
    void tmuxServerOnlyOfAnotherUser_isASameUserProblem() throws IOException {
        int otherUid = UID + 1000;
        Path proc = FakeProc.in(dir.resolve("proc")).tmuxServer(5151, otherUid, "mnt:[1]").path();
        String socket = "/tmp/tmux-" + UID + "/absent-" + UUID.randomUUID();

        DoctorReport report = examine(new Setup().tmuxSocket(socket).proc(proc));

        assertThat(line(report, "same user")).isEqualTo("PROBLEM  same user: no tmux server runs as uid " + UID
                + " (agentd's user), but one runs as uid " + otherUid + " (pid 5151) — fix: run agentd as the user "
                + "that owns tmux (User= in agentd's systemd unit)");
        assertThat(line(report, "PrivateTmp")).isEqualTo("ok       PrivateTmp: /tmp is not a private mount");
    }

    // --- helpers ---

    private DoctorReport examine(Setup setup) throws IOException {
        return doctor(setup).examine(setup.write());
    }

    private Doctor doctor(Setup setup) {
        List<Path> searchPath = new ArrayList<>(List.of(dir.resolve("bin")));
        searchPath.addAll(DoctorEnvironment.searchPath(System.getenv("PATH")));
        return new Doctor(new DoctorEnvironment(setup.home, searchPath, System.getenv("TMUX_TMPDIR"), UID,
                setup.proc), null, new WireCodec().mapper());
    }

    /** The line of one check; fails if the report has none or several. */
    static String line(DoctorReport report, String check) {
        List<String> lines = report.results().stream().filter(result -> result.check().equals(check))
                .map(CheckResult::line).toList();
        assertThat(lines).as("lines of %s in %s", check, report.lines()).hasSize(1);
        return lines.get(0);
    }

    private int cli(String... args) {
        return cli(new StringWriter(), args);
    }

    private static int cli(StringWriter out, String... args) {
        CommandLine commandLine = new CommandLine(new AgentdMain());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        return commandLine.execute(args);
    }

    /** A config file and what it points at, all in the test's temp dir; fake codex and claude in {@code bin/}. */
    private final class Setup {
        final Path home = dir.resolve("home");
        final Path tokenFile = dir.resolve("host.token");
        Path stateDir = dir.resolve("state");
        Path proc = Path.of("/proc");
        String url = "ws://127.0.0.1:1/v1/agent/ws";
        String tmuxSocket = "";
        String tmuxBin = "tmux";
        String codex = "codex";
        String claude = "claude";

        Setup() throws IOException {
            Files.createDirectories(home);
            if (!Files.exists(tokenFile)) {
                Files.writeString(tokenFile, "ach_0123_" + "x".repeat(43) + "\n");
            }
            Path bin = Files.createDirectories(dir.resolve("bin"));
            for (String name : List.of("codex", "claude")) {
                Path fake = bin.resolve(name);
                if (!Files.exists(fake)) {
                    Files.writeString(fake, "#!/bin/sh\nexit 0\n");
                    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }

        Setup tmuxSocket(String socket) {
            this.tmuxSocket = socket;
            return this;
        }

        Setup tmuxBin(String bin) {
            this.tmuxBin = bin;
            return this;
        }

        Setup url(String url) {
            this.url = url;
            return this;
        }

        Setup stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        Setup codex(String codex) {
            this.codex = codex;
            return this;
        }

        Setup claude(String claude) {
            this.claude = claude;
            return this;
        }

        Setup proc(Path proc) {
            this.proc = proc;
            return this;
        }

        Path write() throws IOException {
            return Files.writeString(dir.resolve("config.yaml"), """
                    control_plane:
                      urls: ["%s"]
                      token_file: %s
                    tmux:
                      bin: "%s"
                      socket: "%s"
                    storage:
                      state_dir: %s
                    providers:
                      codex: { exec_path: "%s" }
                      claude: { exec_path: "%s" }
                    """.formatted(url, tokenFile, tmuxBin, tmuxSocket, stateDir, codex, claude));
        }
    }

    /** A small {@code /proc} tree on disk for the doctor's proc scan: mountinfo, tmux server processes, namespaces. */
    private static final class FakeProc {
        private final Path root;

        private FakeProc(Path root) {
            this.root = root;
        }

        static FakeProc in(Path root) {
            try {
                Files.createDirectories(root.resolve("self"));
                return new FakeProc(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        FakeProc mountinfo(String... lines) throws IOException {
            Files.writeString(root.resolve("self/mountinfo"), String.join("\n", lines) + "\n");
            return this;
        }

        FakeProc mountNamespace(String process, String namespace) throws IOException {
            Path ns = Files.createDirectories(root.resolve(process).resolve("ns"));
            Files.createSymbolicLink(ns.resolve("mnt"), Path.of(namespace));
            return this;
        }

        FakeProc tmuxServer(long pid, int uid, String namespace) throws IOException {
            Path process = Files.createDirectories(root.resolve(Long.toString(pid)));
            Files.writeString(process.resolve("comm"), ProcScan.TMUX_SERVER_COMM + "\n");
            Files.writeString(process.resolve("status"), "Name:\ttmux: server\nUmask:\t0022\nState:\tS (sleeping)\n"
                    + "Uid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n");
            return mountNamespace(Long.toString(pid), namespace);
        }

        Path path() {
            return root;
        }
    }
}
