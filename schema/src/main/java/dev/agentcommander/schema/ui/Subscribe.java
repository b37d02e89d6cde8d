package dev.agentcommander.schema.ui;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentcommander.schema.Require;
import dev.agentcommander.schema.UiToControl;

/**
 * Start following a topic. The filter's fields depend on the topic ({@link SessionFilter} for
 * {@code sessions}); a missing filter means everything. The server answers with the current state
 * (e.g. all matching session rows) and then with changes, each tagged with this {@code subscription_id}.
 */
public record Subscribe(String subscriptionId, Topic topic, ObjectNode filter) implements UiToControl {
    public Subscribe {
        Require.text(subscriptionId, "subscription_id");
        Require.present(topic, "topic");
        filter = filter == null ? JsonNodeFactory.instance.objectNode() : filter;
    }
}
