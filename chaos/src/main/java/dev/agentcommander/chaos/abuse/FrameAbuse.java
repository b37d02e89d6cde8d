package dev.agentcommander.chaos.abuse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * What only a raw socket can send: frames that break RFC 6455 (unmasked, reserved opcode or bits, invalid UTF-8, a
 * length of 2^62, a continuation with nothing to continue, oversized or fragmented control frames, a bad close code),
 * each on a fresh socket of either kind, which the server must close (or cut); sockets opened and dropped without a
 * close, some mid-upgrade; and a request path with bad percent-encoding, which must get a 4xx. One instance per
 * thread.
 */
public final class FrameAbuse {
    static final String CHANNEL = "raw frames";
    static final String CHURN = "dropped sockets";

    private final int port;
    private final String userToken;
    private final String hostToken;
    private final AbuseTally tally;
    private final RandomGenerator random;

    public FrameAbuse(int port, String userToken, String hostToken, AbuseTally tally, RandomGenerator random) {
        this.port = port;
        this.userToken = userToken;
        this.hostToken = hostToken;
        this.tally = tally;
        this.random = random;
    }

    public void run(int count) {
        for (int i = 0; i < count; i++) {
            try {
                switch (random.nextInt(3)) {
                    case 0 -> malformedFrame();
                    case 1 -> dropped();
                    default -> badPath();
                }
            } catch (IOException e) {
                tally.record(CHANNEL, "upgrade", "refused: " + e.getMessage(), false);
            }
        }
    }

    private void malformedFrame() throws IOException {
        try (RawWebSocket socket = open(random.nextBoolean())) {
            byte[] hello = "{\"type\":\"subscribe\"}".getBytes(StandardCharsets.UTF_8);
            String attack;
            switch (random.nextInt(9)) {
                case 0 -> {
                    attack = "unmasked";
                    socket.frame(0x80 | RawWebSocket.TEXT, hello, false, hello.length);
                }
                case 1 -> {
                    attack = "reserved opcode";
                    socket.frame(0x80 | 0x3, hello, true, hello.length);
                }
                case 2 -> {
                    attack = "reserved bit";
                    socket.frame(0x80 | 0x40 | RawWebSocket.TEXT, hello, true, hello.length);
                }
                case 3 -> {
                    attack = "invalid UTF-8";
                    socket.frame(0x80 | RawWebSocket.TEXT, new byte[] {'{', (byte) 0xC3, 0x28, '}'}, true, 4);
                }
                case 4 -> {
                    attack = "length 2^62";
                    socket.frame(0x80 | RawWebSocket.TEXT, hello, true, 1L << 62);
                }
                case 5 -> {
                    attack = "continuation first";
                    socket.frame(0x80, hello, true, hello.length);
                }
                case 6 -> {
                    attack = "control frame over 125 bytes";
                    socket.frame(0x80 | RawWebSocket.PING, new byte[200], true, 200);
                }
                case 7 -> {
                    attack = "fragmented control frame";
                    socket.frame(RawWebSocket.PING, new byte[4], true, 4);
                }
                default -> {
                    attack = "close code 999";
                    socket.frame(0x80 | RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE7}, true, 2);
                }
            }
            String outcome = socket.closeOutcome();
            tally.record(CHANNEL, attack, outcome, !outcome.equals("hang"));
        }
    }

    /** Opened, maybe subscribed, then dropped without a close frame; or the upgrade itself cut half-way. */
    private void dropped() throws IOException {
        if (random.nextInt(4) == 0) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.getOutputStream().write(("GET /v1/ui/ws?token=" + userToken.substring(0, 20)
                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpg").getBytes(StandardCharsets.ISO_8859_1));
            }
            tally.record(CHURN, "upgrade cut half-way", "dropped", true);
            return;
        }
        try (RawWebSocket socket = open(false)) {
            if (random.nextBoolean()) {
                socket.text("{\"type\":\"subscribe\",\"payload\":{\"subscription_id\":\"drop\",\"topic\":\"hosts\"}}");
            }
        }
        tally.record(CHURN, "opened and dropped", "dropped", true);
    }

    private void badPath() throws IOException {
        String path = switch (random.nextInt(3)) {
            case 0 -> "/v1/sessions/%zz";
            case 1 -> "/v1/sessions/%E0%A4%A";
            default -> "/v1/hosts/%00/tokens";
        };
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) SocketProbe.ANSWER_WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + userToken
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            String code = status.length() == 12 ? status.substring(9, 12) : "no answer";
            tally.record(RestAbuse.CHANNEL, "bad percent-encoding", code, code.startsWith("4"));
        } catch (SocketTimeoutException e) {
            tally.record(RestAbuse.CHANNEL, "bad percent-encoding", "hang", false);
        }
    }

    /** A raw socket upgraded on the UI socket, or on the agent socket as the abuse host. */
    private RawWebSocket open(boolean agent) throws IOException {
        if (agent) {
            return RawWebSocket.upgrade(port, "/v1/agent/ws", Map.of("Authorization", "Bearer " + hostToken,
                    "X-Agentd-Stream", UUID.randomUUID().toString()), random);
        }
        return RawWebSocket.upgrade(port, "/v1/ui/ws?token=" + URLEncoder.encode(userToken, StandardCharsets.UTF_8),
                Map.of(), random);
    }
}
