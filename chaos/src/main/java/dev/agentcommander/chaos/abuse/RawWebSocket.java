package dev.agentcommander.chaos.abuse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A WebSocket spoken byte by byte over a plain socket, for what a well-behaved client library refuses to send:
 * malformed frames, a client that never reads, a connection dropped mid-way. Used by one thread.
 */
final class RawWebSocket implements AutoCloseable {
    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    private static final int FIN = 0x80;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final RandomGenerator random;

    private RawWebSocket(Socket socket, RandomGenerator random) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.random = random;
    }

    /** Upgrades {@code target} (path and query); throws unless the server answers 101. */
    static RawWebSocket upgrade(int port, String target, Map<String, String> headers, RandomGenerator random)
            throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) SocketProbe.ANSWER_WAIT.toMillis());
        RawWebSocket raw = new RawWebSocket(socket, random);
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        raw.out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        String status = raw.readHead();
        if (!status.startsWith("HTTP/1.1 101")) {
            raw.close();
            throw new IOException("upgrade refused: " + status);
        }
        return raw;
    }

    /** Writes one frame: {@code head} is the first byte (FIN, RSV bits, opcode); {@code length} may lie. */
    void frame(int head, byte[] payload, boolean masked, long length) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(head);
        int mask = masked ? 0x80 : 0;
        if (length < 126) {
            frame.write(mask | (int) length);
        } else if (length <= 0xFFFF) {
            frame.write(mask | 126);
            frame.write((int) (length >>> 8));
            frame.write((int) length);
        } else {
            frame.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (length >>> shift));
            }
        }
        byte[] key = new byte[4];
        random.nextBytes(key);
        if (masked) {
            frame.write(key);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(masked ? payload[i] ^ key[i % 4] : payload[i]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** A well-formed masked text frame. */
    void text(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        frame(FIN | TEXT, payload, true, payload.length);
    }

    /**
     * Reads the server's frames until its close frame ({@code close <code>}), the end of the stream ({@code cut}), or
     * 10 s of silence ({@code hang}).
     */
    String closeOutcome() {
        try {
            while (true) {
                int head = in.read();
                if (head < 0) {
                    return "cut";
                }
                int second = in.read();
                long length = second & 0x7F;
                if (length == 126) {
                    length = (in.read() << 8) | in.read();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | in.read();
                    }
                }
                byte[] payload = in.readNBytes((int) Math.min(length, 1 << 20));
                in.skipNBytes(Math.max(0, length - payload.length));
                if ((head & 0x0F) == CLOSE) {
                    return payload.length >= 2 ? "close " + (((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF)) : "close";
                }
            }
        } catch (SocketTimeoutException e) {
            return "hang";
        } catch (IOException e) {
            return "cut";
        }
    }

    /** Reads and throws away everything the server sent until it ends the connection; false if still open then. */
    boolean drainedToEnd(Duration atMost) throws IOException {
        long deadline = System.nanoTime() + atMost.toNanos();
        byte[] buffer = new byte[64 * 1024];
        socket.setSoTimeout(200);
        while (System.nanoTime() < deadline) {
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // nothing yet: look at the clock again
            } catch (IOException e) {
                return true; // reset by the server
            }
        }
        return false;
    }

    /** The status line of the answer; the rest of its head is read and dropped. */
    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.write(next);
            matched = (next == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.lines().findFirst().orElse("no answer");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
