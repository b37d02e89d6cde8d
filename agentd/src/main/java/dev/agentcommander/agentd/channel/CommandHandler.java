package dev.agentcommander.agentd.channel;

import dev.agentcommander.schema.agent.Command;

/** Executes a command from the control plane; its outcome goes into the outbox as {@code commands.result}. */
@FunctionalInterface
public interface CommandHandler {
    /** Called on the link's receiving thread: hand long work to another thread. */
    void handle(Command command);
}
