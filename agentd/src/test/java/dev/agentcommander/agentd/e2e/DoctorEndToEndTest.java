package dev.agentcommander.agentd.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.app.Agentd;
import dev.agentcommander.agentd.app.AgentdMain;
import dev.agentcommander.agentd.channel.LinkState;
import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.doctor.CheckResult;
import dev.agentcommander.agentd.doctor.Doctor;
import dev.agentcommander.agentd.doctor.DoctorEnvironment;
import dev.agentcommander.agentd.doctor.DoctorReport;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.Role;
import dev.agentcommander.server.auth.UserTokens;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code agentd doctor} against the real control plane and a private tmux server. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DoctorEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void healthyHost_everyCheckIsOk_andTheExitCodeIs0() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("doctor-host");
            Path config = writeConfig(cp.agentUrl(), host.token(), tmux);
            installHooks(config);

            DoctorReport report = doctor().examine(config);

            assertThat(report.results()).as(String.join("\n", report.lines()))
                    .allSatisfy(result -> assertThat(result.outcome()).isEqualTo(CheckResult.Outcome.OK));
            assertThat(report.exitCode()).isZero();
            assertThat(report.lines()).last().isEqualTo("no problems");
            assertThat(line(report, "control plane")).isEqualTo("ok       control plane: " + cp.agentUrl()
                    + ": GET " + cp.agentUrl().replace("ws://", "http://").replace("/v1/agent/ws", "/health")
                    + " → 200");
            assertThat(line(report, "host token")).isEqualTo("ok       host token: accepted by " + cp.agentUrl());
        }
    }

    @Test
    void garbageToken_isRejected_withTheFix() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            Path config = writeConfig(cp.agentUrl(), "ach_garbage_" + "x".repeat(43), tmux);
            installHooks(config);

            DoctorReport report = doctor().examine(config);

            assertThat(line(report, "host token")).isEqualTo("PROBLEM  host token: token rejected by " + cp.agentUrl()
                    + " (401) — fix: mint a new host token (POST /v1/hosts/{id}/tokens) and write "
                    + "it to " + dir.resolve("host.token"));
            assertThat(report.problems()).extracting(CheckResult::check).containsExactly("host token");
            assertThat(report.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void revokedToken_isRejected() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("doctor-host");
            Path config = writeConfig(cp.agentUrl(), host.token(), tmux);
            installHooks(config);
            assertThat(line(doctor().examine(config), "host token")).startsWith("ok       host token: ");

            revoke(cp, host);

            DoctorReport report = doctor().examine(config);
            assertThat(line(report, "host token")).isEqualTo("PROBLEM  host token: token rejected by " + cp.agentUrl()
                    + " (401) — fix: mint a new host token (POST /v1/hosts/{id}/tokens) and write it to "
                    + dir.resolve("host.token"));
            assertThat(report.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void wrongPathInTheUrl_isAProblem_althoughTheControlPlaneIsReachable() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("doctor-host");
            String wrongUrl = cp.agentUrl().replace("/v1/agent/ws", "/v1/agents");
            Path config = writeConfig(wrongUrl, host.token(), tmux);

            DoctorReport report = doctor().examine(config);

            assertThat(line(report, "control plane")).startsWith("ok       control plane: " + wrongUrl);
            assertThat(line(report, "host token")).startsWith("PROBLEM  host token: " + wrongUrl
                    + " answered the WebSocket upgrade with 404").endsWith(" — fix: set control_plane.urls to the "
                    + "agent WebSocket, ws[s]://HOST:PORT/v1/agent/ws");
        }
    }

    @Test
    void doctor_whileAgentdRuns_leavesItsConnectionAlone() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("doctor-host");
            Path config = writeConfig(cp.agentUrl(), host.token(), tmux);
            installHooks(config);
            try (Agentd agentd = Agentd.start(AgentConfig.load(config))) {
                await().atMost(WAIT).until(() -> agentd.linkState() == LinkState.CONNECTED
                        && cp.host(host.hostId()).get("online").booleanValue());
                await().atMost(WAIT).until(() -> !cp.sessions(host.hostId()).isEmpty());
                long ackedBefore = cp.lastAckedSeq(host.hostId());
                List<LinkState> changes = new CopyOnWriteArrayList<>();
                agentd.addLinkListener(changes::add);

                DoctorReport report = doctor().examine(config);

                assertThat(line(report, "host token")).isEqualTo("ok       host token: accepted by " + cp.agentUrl());
                assertThat(report.exitCode()).as(String.join("\n", report.lines())).isZero();
                assertThat(changes).isEmpty();
                assertThat(agentd.linkState()).isEqualTo(LinkState.CONNECTED);
                assertThat(cp.lastAckedSeq(host.hostId())).isGreaterThanOrEqualTo(ackedBefore);
            }
        }
    }

    private Doctor doctor() {
        List<Path> searchPath = new ArrayList<>(List.of(dir.resolve("bin")));
        searchPath.addAll(DoctorEnvironment.searchPath(System.getenv("PATH")));
        DoctorEnvironment current = DoctorEnvironment.current();
        return new Doctor(new DoctorEnvironment(dir.resolve("home"), searchPath, System.getenv("TMUX_TMPDIR"),
                current.uid(), current.procRoot()), null, new WireCodec().mapper());
    }

    /** A config for this test's tmux server and control plane, with fake codex and claude binaries in {@code bin/}. */
    private Path writeConfig(String url, String token, TmuxServer tmux) throws IOException {
        Path tokenFile = Files.writeString(dir.resolve("host.token"), token + "\n");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String name : List.of("codex", "claude")) {
            Path fake = Files.writeString(bin.resolve(name), "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return Files.writeString(dir.resolve("config.yaml"), """
                control_plane:
                  urls: ["%s"]
                  token_file: %s
                tmux:
                  socket: "%s"
                  poll_interval_ms: 200
                storage:
                  state_dir: %s
                """.formatted(url, tokenFile, tmux.socket(), dir.resolve("state")));
    }

    /** {@code agentd install-hooks} into this test's home, as a user would run it. */
    private void installHooks(Path config) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new AgentdMain());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        Path settings = dir.resolve("home/.claude/settings.json");
        assertThat(commandLine.execute("install-hooks", "--settings", settings.toString(), "--config",
                config.toString())).as(out.toString()).isZero();
    }

    /** {@code DELETE /v1/hosts/{id}/tokens/{token_id}} as an admin; the token id is the token's middle part. */
    private static void revoke(ControlPlaneFixture cp, ControlPlaneFixture.Host host) throws Exception {
        String tokenId = host.token().split("_")[1];
        String admin = new UserTokens(ControlPlaneFixture.SECRET, Clock.systemUTC())
                .mint(Role.ADMIN, "admin@example.com", Duration.ofMinutes(5));
        URI revoke = URI.create(cp.agentUrl().replace("ws://", "http://").replace("/v1/agent/ws", "")
                + "/v1/hosts/" + host.hostId() + "/tokens/" + tokenId);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(revoke)
                .header("Authorization", "Bearer " + admin).DELETE().timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }

    private static String line(DoctorReport report, String check) {
        List<String> lines = report.results().stream().filter(result -> result.check().equals(check))
                .map(CheckResult::line).toList();
        assertThat(lines).as("lines of %s in %s", check, report.lines()).hasSize(1);
        return lines.get(0);
    }
}
