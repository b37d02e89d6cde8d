package dev.agentcommander.server.console;

import dev.agentcommander.schema.ConsoleChunk;
import dev.agentcommander.schema.agent.Command;
import dev.agentcommander.schema.agent.SessionsSnapshot;

/**
 * How the console relay reaches agents connected to other nodes (team mode): requests go to whichever node holds the
 * host's agent socket, and that node sends the stream back to the node that asked. A single node has no bridge
 * ({@link #NONE}). Implementations must be thread-safe and must not block.
 */
public interface ConsoleBridge {
    /** Nothing beyond this node. */
    ConsoleBridge NONE = new ConsoleBridge() {
        @Override
        public void request(String hostId, Command command) {
        }

        @Override
        public void forwardChunk(String node, String hostId, ConsoleChunk chunk) {
        }

        @Override
        public void forwardSnapshot(String node, String hostId, SessionsSnapshot snapshot) {
        }

        @Override
        public void lost(String node, String hostId, String agentSubscriptionId) {
        }
    };

    /** A {@code console.subscribe}/{@code console.unsubscribe} for a host whose agent is not connected here. */
    void request(String hostId, Command command);

    /** A chunk of a stream {@code node} asked for, from the agent connected here. */
    void forwardChunk(String node, String hostId, ConsoleChunk chunk);

    /** The opening snapshot (already stored) of a stream {@code node} asked for. */
    void forwardSnapshot(String node, String hostId, SessionsSnapshot snapshot);

    /** The agent connection that carried a stream {@code node} asked for is gone: {@code node} should ask again. */
    void lost(String node, String hostId, String agentSubscriptionId);
}
