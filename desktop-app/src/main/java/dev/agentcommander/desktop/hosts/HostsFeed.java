package dev.agentcommander.desktop.hosts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentcommander.desktop.client.ControlPlaneException;
import dev.agentcommander.desktop.client.ErrorText;
import dev.agentcommander.desktop.client.HostToken;
import dev.agentcommander.desktop.client.HostTokenInfo;
import dev.agentcommander.desktop.shell.Connection;
import dev.agentcommander.schema.ControlToUi;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.ui.HostsChanged;
import dev.agentcommander.schema.ui.Topic;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the hosts view model on one connection: the {@code hosts} topic gives every host, then each host that is
 * created, connects, disconnects or moves on; adding a host and revoking tokens go to REST on the connection's io
 * executor, their outcomes come back on the UI thread. Revoking lists the host's tokens first, so it reaches tokens
 * minted anywhere.
 */
public final class HostsFeed implements HostsViewModel.Admin, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostsFeed.class);

    private final Connection connection;
    private final HostsViewModel model;
    private final Executor ui;
    private String subscriptionId;
    private boolean closed;

    public HostsFeed(Connection connection, HostsViewModel model, Executor ui) {
        this.connection = connection;
        this.model = model;
        this.ui = ui;
    }

    public void start() {
        model.connected(this, connection.identity().isAdmin(), String.valueOf(connection.identity().role()));
        subscriptionId = connection.socket().subscribe(Topic.HOSTS, JsonNodeFactory.instance.objectNode(),
                this::received);
    }

    @Override
    public void add(String name, Consumer<HostsViewModel.Added> done) {
        connection.inBackground(() -> {
            HostsViewModel.Added added;
            try {
                HostRow host = connection.client().createHost(name);
                HostToken token = connection.client().mintHostToken(host.hostId());
                added = HostsViewModel.Added.of(host, token, new AgentSetup(host.name(), token.token(),
                        AgentSetup.agentSocketOf(connection.client().baseUrl())));
            } catch (ControlPlaneException e) {
                LOG.warn("Cannot add host {}: {}", name, e.getMessage());
                added = HostsViewModel.Added.failed(ErrorText.of(e));
            }
            HostsViewModel.Added outcome = added;
            ui.execute(() -> done.accept(outcome));
        });
    }

    @Override
    public void revokeActive(String hostId, Consumer<HostsViewModel.Revoked> done) {
        connection.inBackground(() -> {
            HostsViewModel.Revoked revoked;
            try {
                List<HostTokenInfo> active = connection.client().listHostTokens(hostId).stream()
                        .filter(HostTokenInfo::active).toList();
                for (HostTokenInfo token : active) {
                    connection.client().revokeHostToken(hostId, token.tokenId());
                }
                revoked = HostsViewModel.Revoked.of(active.size());
            } catch (ControlPlaneException e) {
                LOG.warn("Cannot revoke the tokens of host {}: {}", hostId, e.getMessage());
                revoked = HostsViewModel.Revoked.failed(ErrorText.of(e));
            }
            HostsViewModel.Revoked outcome = revoked;
            ui.execute(() -> done.accept(outcome));
        });
    }

    @Override
    public void close() {
        closed = true;
        if (subscriptionId != null) {
            connection.socket().unsubscribe(subscriptionId);
        }
    }

    private void received(ControlToUi message, boolean initial) {
        if (closed || !(message instanceof HostsChanged changed)) {
            return;
        }
        if (initial) {
            model.replaceAll(changed.hosts());
        } else {
            model.changed(changed.hosts());
        }
    }
}
