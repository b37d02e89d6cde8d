package dev.agentcommander.agentd.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agentcommander.agentd.app.Agentd;
import dev.agentcommander.agentd.config.AgentConfig;
import dev.agentcommander.agentd.hooks.ClaudeHooks;
import dev.agentcommander.agentd.testing.TmuxServer;
import dev.agentcommander.schema.model.SessionRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code agentd hook} path against a running agentd: the real command as its own process, the socket's
 * permissions, and bad requests answered with a reason while good ones keep working.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HookSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void hookCommand_reachesAgentdOverTheSocket_andBadRequestsGetAReason() throws Exception {
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
                TmuxServer tmux = TmuxServer.start(dir)) {
            ControlPlaneFixture.Host host = cp.createHost("hook-socket");
            Path tokenFile = Files.writeString(dir.resolve("host.token"), host.token() + "\n");
            Path stateDir = dir.resolve("state");
            try (Agentd agentd = Agentd.start(AgentConfig.forLocal(List.of(cp.agentUrl()), tokenFile, tmux.socket(),
                    stateDir))) {
                Path socket = stateDir.resolve(ClaudeHooks.SOCKET_FILE);
                await().atMost(WAIT).until(() -> Files.exists(socket));
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
                String pane = tmux.paneIds().get(0);
                String sessionId = await().atMost(WAIT).until(() -> cp.sessions(host.hostId()).stream()
                        .filter(row -> row.tmux() != null && pane.equals(row.tmux().paneId()))
                        .map(SessionRow::sessionId).findFirst(), Optional::isPresent).get();

                assertThat(raw(socket, "GET / HTTP/1.1\n")).startsWith("400\n").contains("bad header");
                assertThat(raw(socket, "agentd-hook/1 Not-An-Event %1\n{}")).startsWith("400\n");
                assertThat(raw(socket, "agentd-hook/1 Notification " + pane + "\nnot json"))
                        .isEqualTo("400\nhook body is not JSON\n");
                assertThat(raw(socket, "agentd-hook/1 Notification " + pane + "\n[1]"))
                        .isEqualTo("400\nhook body must be a JSON object\n");

                Result ok = hookProcess(socket, pane, "Notification",
                        "{\"session_id\":\"c-1\",\"hook_event_name\":\"Notification\",\"message\":\"hi\"}");
                assertThat(ok.exit()).isZero();
                assertThat(ok.stdout()).isEmpty();
                assertThat(ok.stderr()).isEmpty();
                await().atMost(WAIT).until(() -> cp.eventTypes(sessionId).contains("hook.Notification"));
            }
            Result down = hookProcess(stateDir.resolve(ClaudeHooks.SOCKET_FILE), "%0", "PermissionRequest", "{}");
            assertThat(down.exit()).isZero();
            assertThat(down.stdout()).isEmpty();
            assertThat(down.stderr()).contains("cannot reach agentd").contains("The dialog stays for you");
        }
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    /** The real {@code agentd hook} as its own JVM, with {@code TMUX_PANE} and the hook JSON on stdin. */
    private Result hookProcess(Path socket, String pane, String event, String json)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "dev.agentcommander.agentd.app.AgentdMain", "hook", event,
                "--socket", socket.toString());
        builder.environment().put("TMUX_PANE", pane);
        Path err = Files.createTempFile(dir, "hook", ".err");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        process.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, Files.readString(err));
    }

    private static String raw(Path socket, String request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                answer.write(buffer.array(), 0, buffer.limit());
                buffer.clear();
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
