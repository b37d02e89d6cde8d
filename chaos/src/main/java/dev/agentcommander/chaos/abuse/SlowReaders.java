package dev.agentcommander.chaos.abuse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * UI clients that subscribe to the well-behaved host's events many times over and then never read a byte, so the
 * server's frames for them pile up. The server must cut them off (close 4429, then the connection) rather than hold
 * the backlog on its heap. Owned by the scenario thread.
 */
public final class SlowReaders implements AutoCloseable {
    private final List<RawWebSocket> sockets = new ArrayList<>();

    /** {@code readers} sockets, each with {@code subscriptions} events subscriptions of {@code sessionId}. */
    public static SlowReaders open(int port, String token, String sessionId, int readers, int subscriptions,
                                   RandomGenerator random) throws IOException {
        SlowReaders slow = new SlowReaders();
        for (int r = 0; r < readers; r++) {
            RawWebSocket socket = RawWebSocket.upgrade(port, "/v1/ui/ws?token="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8), Map.of(), random);
            slow.sockets.add(socket);
            for (int s = 0; s < subscriptions; s++) {
                socket.text("{\"type\":\"subscribe\",\"payload\":{\"subscription_id\":\"slow-" + s
                        + "\",\"topic\":\"events\",\"filter\":{\"session_id\":\"" + sessionId + "\"}}}");
            }
        }
        return slow;
    }

    /**
     * How many of the readers the server has ended: each is drained in turn, a second at a time, until its stream
     * ends (then it counts) or {@code atMost} has passed. Draining lets the server send what it held back, so a
     * reader it did not cut off is a reader again, and its stream goes on.
     */
    public int cutOff(Duration atMost) throws IOException {
        List<RawWebSocket> open = new ArrayList<>(sockets);
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            for (RawWebSocket socket : List.copyOf(open)) {
                if (socket.drainedToEnd(Duration.ofSeconds(1))) {
                    open.remove(socket);
                }
            }
        }
        return sockets.size() - open.size();
    }

    public int count() {
        return sockets.size();
    }

    @Override
    public void close() throws IOException {
        for (RawWebSocket socket : sockets) {
            socket.close();
        }
    }
}
