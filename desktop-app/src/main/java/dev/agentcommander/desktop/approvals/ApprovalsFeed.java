package dev.agentcommander.desktop.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agentcommander.desktop.client.ControlPlaneException;
import dev.agentcommander.desktop.client.ErrorText;
import dev.agentcommander.desktop.shell.Connection;
import dev.agentcommander.schema.ControlToUi;
import dev.agentcommander.schema.model.ApprovalRow;
import dev.agentcommander.schema.ui.ApprovalsChanged;
import dev.agentcommander.schema.ui.Topic;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the approvals view model on one connection: the {@code approvals} topic filtered to {@code pending} gives
 * the queue and then every change (an approval that leaves pending is sent once more with its final status); the
 * decided history is read once from REST; decisions are posted to REST. REST runs on the connection's io
 * executor, everything else on the UI thread.
 */
public final class ApprovalsFeed implements ApprovalsViewModel.Decider, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalsFeed.class);

    private final Connection connection;
    private final ApprovalsViewModel model;
    private final Executor ui;
    private String subscriptionId;
    private boolean closed;

    public ApprovalsFeed(Connection connection, ApprovalsViewModel model, Executor ui) {
        this.connection = connection;
        this.model = model;
        this.ui = ui;
    }

    public void start() {
        model.connected(this, connection.identity().canOperate());
        subscriptionId = connection.socket().subscribe(Topic.APPROVALS,
                JsonNodeFactory.instance.objectNode().put("status", "pending"), this::received);
        connection.inBackground(() -> {
            try {
                List<ApprovalRow> decided = connection.client().decidedApprovals();
                ui.execute(() -> {
                    if (!closed) {
                        model.historyLoaded(decided);
                    }
                });
            } catch (ControlPlaneException e) {
                LOG.warn("Cannot load the approvals history: {}", e.getMessage());
            }
        });
    }

    @Override
    public void decide(String approvalId, String decision, JsonNode updatedInput, String reason,
                       Consumer<ApprovalsViewModel.Decided> done) {
        connection.inBackground(() -> {
            ApprovalsViewModel.Decided decided;
            try {
                decided = ApprovalsViewModel.Decided.of(connection.client().decide(approvalId, decision, updatedInput,
                        reason));
            } catch (ControlPlaneException e) {
                decided = ApprovalsViewModel.Decided.failed(ErrorText.of(e));
            }
            ApprovalsViewModel.Decided outcome = decided;
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
        if (closed || !(message instanceof ApprovalsChanged changed)) {
            return;
        }
        if (initial) {
            model.replacePending(changed.approvals());
        } else {
            model.changed(changed.approvals());
        }
    }
}
