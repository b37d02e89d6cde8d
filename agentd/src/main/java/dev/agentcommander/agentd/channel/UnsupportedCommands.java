package dev.agentcommander.agentd.channel;

import dev.agentcommander.schema.agent.Command;
import dev.agentcommander.schema.agent.CommandsResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every command with a failed {@code commands.result}, so the control plane does not wait for commands this
 * agentd cannot run yet. Thread-safe.
 */
public final class UnsupportedCommands implements CommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UnsupportedCommands.class);

    private final DurableQueue queue;

    public UnsupportedCommands(DurableQueue queue) {
        this.queue = queue;
    }

    @Override
    public void handle(Command command) {
        String type = command.body().typeName();
        try {
            queue.append(CommandsResult.failure(command.commandId(), "not supported yet: " + type));
        } catch (OutboxException e) {
            LOG.error("cannot store the result of command {} ({})", command.commandId(), type, e);
        }
    }
}
