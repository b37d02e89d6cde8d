package dev.agentcommander.agentd.hooks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The framing on the hook socket, one request per connection. The client sends a header line
 * {@code agentd-hook/1 <HookEventName> <pane id or ->}, then the hook's JSON, then half-closes; agentd answers
 * {@code <status>\n<body>} and closes: status 200 with the decision JSON (or an empty body: no decision), anything
 * else with a one-line reason. Uses only the JDK, because {@code agentd hook} must start fast.
 */
public final class HookWire {
    static final String VERSION = "agentd-hook/1";
    static final int MAX_HEADER_BYTES = 256;
    private static final Pattern EVENT = Pattern.compile("[A-Za-z]{1,64}");
    private static final Pattern PANE = Pattern.compile("%\\d{1,9}|-");

    private HookWire() {
    }

    /** A parsed request; {@code paneId} null when the hook ran outside tmux. */
    record Request(String event, String paneId, byte[] body) {
    }

    /** A parsed answer. */
    public record Reply(int status, String body) {
    }

    /** What {@code agentd hook} sends; a pane id that is not {@code %N} (outside tmux) is sent as {@code -}. */
    public static byte[] request(String event, String paneId, byte[] body) {
        String pane = paneId != null && PANE.matcher(paneId).matches() ? paneId : "-";
        byte[] header = (VERSION + " " + event + " " + pane + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, request, header.length, body.length);
        return request;
    }

    /** @throws IllegalArgumentException saying what is wrong with the header */
    static Request parseRequest(byte[] request) {
        int newline = -1;
        for (int i = 0; i < Math.min(request.length, MAX_HEADER_BYTES); i++) {
            if (request[i] == '\n') {
                newline = i;
                break;
            }
        }
        if (newline < 0) {
            throw new IllegalArgumentException("no header line: expected '" + VERSION + " <Event> <pane>'");
        }
        String[] parts = new String(request, 0, newline, StandardCharsets.US_ASCII).split(" ");
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("bad header: expected '" + VERSION + " <Event> <pane>'");
        }
        if (!EVENT.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException("bad hook event name");
        }
        if (!PANE.matcher(parts[2]).matches()) {
            throw new IllegalArgumentException("bad pane id: expected %<number> or -");
        }
        return new Request(parts[1], "-".equals(parts[2]) ? null : parts[2],
                Arrays.copyOfRange(request, newline + 1, request.length));
    }

    static byte[] reply(HookReply reply) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((reply.status() + "\n").getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(reply.body().getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when it is not an answer of this protocol */
    public static Reply parseReply(byte[] reply) {
        String text = new String(reply, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        if (newline < 1 || newline > 3) {
            throw new IllegalArgumentException("not an agentd hook answer");
        }
        try {
            return new Reply(Integer.parseInt(text.substring(0, newline)), text.substring(newline + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an agentd hook answer", e);
        }
    }
}
