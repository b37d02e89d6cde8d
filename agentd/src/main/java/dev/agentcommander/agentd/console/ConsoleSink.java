package dev.agentcommander.agentd.console;

import dev.agentcommander.schema.AgentToControl;

/** Where live console frames go: the link's live lane. False when the frame was dropped (no link, backed up). */
@FunctionalInterface
public interface ConsoleSink {
    boolean send(AgentToControl message);
}
