package dev.agentcommander.agentd.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.agentd.channel.AgentIdentity;
import dev.agentcommander.agentd.channel.AgentLink;
import dev.agentcommander.agentd.channel.Outbox;
import dev.agentcommander.agentd.channel.StateDir;
import dev.agentcommander.agentd.config.ControlPlaneConfig;
import dev.agentcommander.agentd.config.WorkspacesConfig;
import dev.agentcommander.schema.WireCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** agentd's hello tells a real control plane its version and workspaces.allowed_roots; the host row shows them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HelloIdentityTest {
    private final WireCodec codec = new WireCodec();

    @TempDir
    Path dir;

    @Test
    void hello_carriesTheConfiguredAllowedRoots_andTheHostRowShowsThem() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path repos = Files.createDirectories(dir.resolve("srv repos"));
        WorkspacesConfig workspaces = new WorkspacesConfig(List.of(src, repos), null);
        try (ControlPlaneFixture cp = ControlPlaneFixture.h2(dir.resolve("cp"));
             StateDir stateDir = StateDir.open(dir.resolve("state"))) {
            ControlPlaneFixture.Host host = cp.createHost("hello-roots");
            Path tokenFile = Files.writeString(dir.resolve("host.token"), host.token());
            Outbox outbox = Outbox.open(stateDir, codec);
            try (AgentLink link = new AgentLink(new ControlPlaneConfig(List.of(cp.agentUrl()), tokenFile), outbox,
                    codec, AgentIdentity.of("9.8.7", workspaces.allowedRoots()), command -> { },
                    Duration.ofMillis(50), Duration.ofMillis(200))) {
                link.start();

                await().atMost(Duration.ofSeconds(15))
                        .until(() -> "9.8.7".equals(cp.host(host.hostId()).path("agent_version").asText()));
                JsonNode row = cp.host(host.hostId());
                List<String> roots = new ArrayList<>();
                row.get("allowed_roots").forEach(root -> roots.add(root.asText()));
                assertThat(roots).containsExactly(src.toString(), repos.toString());
                assertThat(row.get("online").asBoolean()).isTrue();
            }
        }
    }
}
