package dev.agentcommander.agentd.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.model.SessionRow;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * agentd whose state dir is a 4 MiB tmpfs (its own mount namespace, so only agentd sees it) that fills up while it
 * runs: it stays up, says why, answers hooks at once with 503 (not recorded, no decision) instead of hanging or
 * saying 200, and once space is back every change it could not store goes out. Needs root for the mount, like the real-client tests need it for
 * {@code unshare -n}.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DiskFullTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final WireCodec codec = new WireCodec();

    @Test
    void stateDirFull_agentdStaysUpAndSaysWhy_andNothingItAcceptedIsLost_onceSpaceIsBack() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("full-disk");
            Path state = Files.createDirectories(dir.resolve("state"));
            Path config = AgentdProcess.writeConfig(dir, cp, host, tmux, state);
            Path log = dir.resolve("agentd.log");
            List<String> privateTmpfs = List.of("unshare", "-m", "--propagation", "private", "--", "sh", "-c",
                    "mount -t tmpfs -o size=4m agentd-state \"$0\" && exec \"$@\"", state.toString());
            String pane = tmux.paneIds().get(0);
            try (AgentdProcess agentd = AgentdProcess.start(config, log, privateTmpfs)) {
                String sessionId = awaitRow(cp, host, pane, null).sessionId();
                JsonNode endpoint = codec.mapper().readTree(inside(agentd, "cat", state.resolve("hooks.json")
                        .toString()));

                inside(agentd, "sh", "-c", "cat /dev/zero > " + state.resolve("filler") + " 2>/dev/null; true");
                tmux.tmux("rename-window", "-t", pane, "renamed-while-full");
                HttpResponse<String> notification = hook(endpoint, "Notification", pane,
                        "{\"session_id\":\"c1\",\"message\":\"while full\",\"notification_type\":\"other\"}");
                HttpResponse<String> permission = hook(endpoint, "PermissionRequest", pane,
                        "{\"session_id\":\"c1\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"ls\"}}");

                // Not 200: a 200 says the hook is recorded. Claude Code takes any other status as a non-blocking
                // error and goes on without the hook: for a permission request, the dialog stays for the person.
                assertThat(notification.statusCode()).as("a hook that could not be stored").isEqualTo(503);
                assertThat(permission.statusCode()).as("no decision, not recorded").isEqualTo(503);
                assertThat(permission.body()).contains("disk full");
                await().atMost(WAIT).until(() -> Files.readString(log).contains("is the disk full"));
                assertThat(agentd.alive()).isTrue();
                assertThat(cp.approvals("pending")).isEmpty();

                inside(agentd, "rm", state.resolve("filler").toString());

                awaitRow(cp, host, pane, "renamed-while-full");
                hook(endpoint, "Notification", pane,
                        "{\"session_id\":\"c1\",\"message\":\"space is back\",\"notification_type\":\"other\"}");
                await().atMost(WAIT).until(() -> cp.events(sessionId).stream()
                        .anyMatch(event -> event.path("payload").path("message").asText().equals("space is back")));
                assertThat(agentd.alive()).isTrue();
            } catch (AssertionError | RuntimeException e) {
                System.out.println("agentd log:\n" + Files.readString(log));
                throw e;
            }
        }
    }

    /** The pane's row at the control plane, once it has {@code name} (null: any). */
    private static SessionRow awaitRow(ControlPlaneFixture cp, ControlPlaneFixture.Host host, String pane,
                                       String name) {
        return await().atMost(WAIT).until(() -> cp.sessions(host.hostId()).stream()
                .filter(row -> row.tmux() != null && pane.equals(row.tmux().paneId())
                        && (name == null || name.equals(row.name())))
                .findFirst(), Optional::isPresent).get();
    }

    private HttpResponse<String> hook(JsonNode endpoint, String event, String pane, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(endpoint.get("url").asText() + "/hooks/" + event))
                .header("Authorization", "Bearer " + endpoint.get("secret").asText()).header("X-Tmux-Pane", pane)
                .timeout(WAIT).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a command in agentd's mount namespace (where its tmpfs is) and returns its stdout. */
    private static String inside(AgentdProcess agentd, String... command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("nsenter", "-t", Long.toString(agentd.pid()), "-m", "--"));
        argv.addAll(List.of(command));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", argv) + ": " + output).isZero();
        return output;
    }
}
