package dev.agentcommander.chaos.abuse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Hostile input on the UI socket {@code /v1/ui/ws}: upgrades with refused tokens (must be 401), and on an open socket
 * broken frames, unknown types and topics, input for subscriptions that do not exist, frames over the 1 MiB limit
 * (an {@code error}) and over the transport's 4 MiB (a close with 1009). One instance per thread.
 */
public final class UiSocketAbuse {
    static final String CHANNEL = "ui socket";
    private static final String SUBSCRIBE = "{\"type\":\"subscribe\",\"ts\":\"2026-12-07T00:00:00Z\",\"payload\":"
            + "{\"subscription_id\":\"hostile\",\"topic\":\"sessions\",\"filter\":{\"status\":\"idle\"}}}";

    private final int port;
    private final String token;
    private final HostileTokens tokens;
    private final ObjectMapper json;
    private final AbuseTally tally;
    private final RandomGenerator random;

    public UiSocketAbuse(int port, String token, HostileTokens tokens, ObjectMapper json, AbuseTally tally,
                         RandomGenerator random) {
        this.port = port;
        this.token = token;
        this.tokens = tokens;
        this.json = json;
        this.tally = tally;
        this.random = random;
    }

    /** Sends {@code count} hostile inputs; {@code oversized} of them are frames over the limits. */
    public void run(int count, int oversized) throws InterruptedException, IOException {
        SocketProbe probe = null;
        try {
            for (int i = 0; i < count; i++) {
                if (random.nextInt(10) == 0) {
                    List<String> refused = tokens.refused();
                    String bad = refused.get(random.nextInt(refused.size()));
                    String outcome = SocketProbe.refusedUpgrade(json, uri(bad), Map.of());
                    tally.record(CHANNEL, "refused token", outcome, outcome.equals("upgrade 401")
                            || outcome.equals("upgrade 431") || outcome.equals("upgrade 414"));
                    continue;
                }
                if (probe == null || !probe.open()) {
                    probe = SocketProbe.open(json, uri(token), Map.of());
                }
                String[] attack = i < oversized ? oversized(i) : frame();
                String outcome = probe.answer(attack[1]);
                boolean expected = outcome.startsWith("error ") || attack[0].equals("frame over 4 MiB")
                        && outcome.equals("close 1009");
                tally.record(CHANNEL, attack[0], outcome, expected);
            }
        } finally {
            if (probe != null) {
                probe.close();
            }
        }
    }

    private String[] oversized(int i) {
        return i % 2 == 0
                ? new String[] {"frame over 1 MiB", SUBSCRIBE.replace("hostile", "x".repeat(1024 * 1024 + 16))}
                : new String[] {"frame over 4 MiB", SUBSCRIBE.replace("hostile", "x".repeat(4 * 1024 * 1024 + 16))};
    }

    private String[] frame() {
        return switch (random.nextInt(6)) {
            case 0 -> new String[] {"unknown type", "{\"type\":\"sessions.delete\",\"payload\":{}}"};
            case 1 -> new String[] {"unknown topic", SUBSCRIBE.replace("\"sessions\"", "\"passwords\"")};
            case 2 -> new String[] {"unknown subscription", "{\"type\":\"console.input\",\"payload\":"
                    + "{\"subscription_id\":\"never-made\",\"data\":\"bHMNAw==\"}}"};
            case 3 -> new String[] {"wrong filter type", SUBSCRIBE.replace("\"idle\"", "5")};
            default -> {
                HostileJson.Input input = HostileJson.next(random, SUBSCRIBE);
                yield new String[] {"broken frame (" + input.kind() + ")", input.text()};
            }
        };
    }

    private URI uri(String userToken) {
        return URI.create("ws://127.0.0.1:" + port + "/v1/ui/ws?token="
                + URLEncoder.encode(userToken, StandardCharsets.UTF_8));
    }
}
