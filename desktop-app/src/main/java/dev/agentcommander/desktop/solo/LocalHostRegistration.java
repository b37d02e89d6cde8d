package dev.agentcommander.desktop.solo;

import dev.agentcommander.desktop.client.ControlPlaneClient;
import dev.agentcommander.desktop.client.ControlPlaneException;
import dev.agentcommander.desktop.client.HostToken;
import dev.agentcommander.schema.model.HostRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure this machine has a host row and the embedded agentd a host token: the host is looked up by name
 * and created when missing; a token is minted when the token file is missing or the host is new (a token left
 * over from a wiped database would be refused). Stateless.
 */
final class LocalHostRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(LocalHostRegistration.class);
    private static final int CONFLICT = 409;

    private final ControlPlaneClient client;
    private final Path tokenFile;

    LocalHostRegistration(ControlPlaneClient client, Path tokenFile) {
        this.client = client;
        this.tokenFile = tokenFile;
    }

    HostRow ensure(String machineName) throws ControlPlaneException, IOException {
        Optional<HostRow> existing = byName(client.listHosts(), machineName);
        HostRow host;
        boolean created = false;
        if (existing.isPresent()) {
            host = existing.get();
        } else {
            try {
                host = client.createHost(machineName);
                created = true;
                LOG.info("Registered this machine as host {} ({})", machineName, host.hostId());
            } catch (ControlPlaneException e) {
                // Another node of a team may have created it in the meantime.
                if (e.status() != CONFLICT) {
                    throw e;
                }
                host = byName(client.listHosts(), machineName).orElseThrow(() -> e);
            }
        }
        if (created || !PrivateFile.hasContent(tokenFile)) {
            HostToken token = client.mintHostToken(host.hostId());
            PrivateFile.write(tokenFile, token.token());
            LOG.info("Minted host token {} for {}", token.tokenId(), machineName);
        }
        return host;
    }

    private static Optional<HostRow> byName(List<HostRow> hosts, String name) {
        return hosts.stream().filter(host -> host.name().equals(name)).findFirst();
    }
}
