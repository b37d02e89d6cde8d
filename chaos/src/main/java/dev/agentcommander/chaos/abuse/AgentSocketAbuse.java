package dev.agentcommander.chaos.abuse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Hostile input on the agent socket {@code /v1/agent/ws}, from a host of its own: upgrades with user tokens, no
 * stream id or a revoked host token (must be refused), and on an open socket broken frames, frames without or with
 * a bogus seq, events for sessions that do not exist, and this host's token used for the well-behaved host (a hello
 * naming it, rows and events for its session). Each must get an {@code error}; a frame over 16 MiB may get a close
 * with 1009. Durable frames carry the next seq, so the server must refuse them rather than take them for
 * duplicates. One instance, one thread: a host's frames are ordered.
 */
public final class AgentSocketAbuse {
    static final String CHANNEL = "agent socket";
    private static final String TS = "\"ts\":\"2026-12-07T00:00:00Z\"";

    private final int port;
    private final String hostToken;
    private final String revokedToken;
    private final String victimHostId;
    private final String victimSessionId;
    private final HostileTokens tokens;
    private final ObjectMapper json;
    private final AbuseTally tally;
    private final RandomGenerator random;
    private final String stream = UUID.randomUUID().toString();
    private long nextSeq;

    /** {@code victim…}: the well-behaved host and one of its sessions, which this host must not be able to touch. */
    public AgentSocketAbuse(int port, String hostToken, String revokedToken, String victimHostId,
                            String victimSessionId, HostileTokens tokens, ObjectMapper json, AbuseTally tally,
                            RandomGenerator random) {
        this.port = port;
        this.hostToken = hostToken;
        this.revokedToken = revokedToken;
        this.victimHostId = victimHostId;
        this.victimSessionId = victimSessionId;
        this.tokens = tokens;
        this.json = json;
        this.tally = tally;
        this.random = random;
    }

    /** Sends {@code count} hostile inputs; {@code oversized} of them are frames over 16 MiB. */
    public void run(int count, int oversized) throws InterruptedException, IOException {
        SocketProbe probe = null;
        try {
            for (int i = 0; i < count; i++) {
                if (random.nextInt(10) == 0) {
                    refusedUpgrade();
                    continue;
                }
                if (probe == null || !probe.open()) {
                    probe = SocketProbe.open(json, uri(), Map.of("Authorization", "Bearer " + hostToken,
                            "X-Agentd-Stream", stream));
                    nextSeq = Math.max(nextSeq, probe.awaitFirstAck() + 1);
                }
                String[] attack = i < oversized ? new String[] {"frame over 16 MiB",
                        event(UUID.randomUUID().toString(), "x".repeat(16 * 1024 * 1024 + 16))} : frame();
                String outcome = probe.answer(attack[1]);
                boolean expected = outcome.startsWith("error ")
                        || attack[0].equals("frame over 16 MiB") && outcome.equals("close 1009");
                tally.record(CHANNEL, attack[0], outcome, expected);
            }
        } finally {
            if (probe != null) {
                probe.close();
            }
        }
    }

    private void refusedUpgrade() {
        // The refused user tokens, less the host token among them: this socket is where that one belongs.
        List<String> refused = tokens.refused().stream().filter(token -> !token.equals(hostToken)).toList();
        Map<String, String> headers = switch (random.nextInt(4)) {
            case 0 -> Map.of("Authorization", "Bearer " + refused.get(random.nextInt(refused.size())),
                    "X-Agentd-Stream", stream);
            case 1 -> Map.of("Authorization", "Bearer " + tokens.valid("admin"), "X-Agentd-Stream", stream);
            case 2 -> Map.of("Authorization", "Bearer " + revokedToken, "X-Agentd-Stream", stream);
            default -> Map.of("Authorization", "Bearer " + hostToken);
        };
        String outcome = SocketProbe.refusedUpgrade(json, uri(), headers);
        tally.record(CHANNEL, "refused upgrade", outcome, outcome.matches("upgrade 4\\d\\d"));
    }

    private String[] frame() {
        return switch (random.nextInt(12)) {
            case 0 -> new String[] {"event for an unknown session", event(UUID.randomUUID().toString(), "x")};
            case 1 -> new String[] {"event into another host's session", event(victimSessionId, "x")};
            case 2 -> new String[] {"row of another host's session", upsert(victimSessionId, "idle", "taken")};
            case 3 -> new String[] {"hello naming another host", "{\"type\":\"agent.hello\"," + TS
                    + ",\"payload\":{\"host_id\":\"" + victimHostId + "\",\"agent_version\":\"0.1.0\"}}"};
            case 4 -> new String[] {"approval without payload", "{\"type\":\"events.append\",\"seq\":" + nextSeq++
                    + "," + TS + ",\"payload\":{\"session_id\":\"" + UUID.randomUUID()
                    + "\",\"event_type\":\"approval.requested\",\"payload\":null}}"};
            case 5 -> new String[] {"unknown status", upsert(UUID.randomUUID().toString(), "sleeping", "x")};
            case 6 -> new String[] {"NUL in a name", upsert(UUID.randomUUID().toString(), "idle", "a\\u0000b")};
            case 7 -> new String[] {"seq far ahead", "{\"type\":\"events.append\",\"seq\":" + Long.MAX_VALUE + ","
                    + TS + ",\"payload\":{\"session_id\":\"" + UUID.randomUUID() + "\",\"event_type\":\"x\"}}"};
            case 8 -> new String[] {"seq as a string", "{\"type\":\"events.append\",\"seq\":\"12\"," + TS
                    + ",\"payload\":{\"session_id\":\"s\",\"event_type\":\"x\"}}"};
            case 9 -> new String[] {"timestamp out of range", event(UUID.randomUUID().toString(), "x")
                    .replace("2026-12-07T00:00:00Z", "+300000-01-01T00:00:00Z")};
            case 10 -> new String[] {"unknown type", "{\"type\":\"sessions.delete\"," + TS + ",\"payload\":{}}"};
            default -> {
                HostileJson.Input input = HostileJson.next(random, "{\"type\":\"events.append\",\"ts\":\"x\","
                        + "\"payload\":{\"session_id\":\"s\",\"event_type\":\"hook.Stop\"}}");
                yield new String[] {"broken frame (" + input.kind() + ")", input.text()};
            }
        };
    }

    /** An {@code events.append} with the next seq; its payload looks like the load's, so a copy would be counted. */
    private String event(String sessionId, String filler) {
        return "{\"type\":\"events.append\",\"seq\":" + nextSeq++ + "," + TS + ",\"payload\":{\"session_id\":\""
                + sessionId + "\",\"event_type\":\"hook.Notification\",\"payload\":{\"chaos_id\":\"" + UUID.randomUUID()
                + "\",\"chaos_n\":1,\"filler\":\"" + filler + "\"}}}";
    }

    private String upsert(String sessionId, String status, String name) {
        return "{\"type\":\"sessions.upsert\",\"seq\":" + nextSeq++ + "," + TS + ",\"payload\":{\"sessions\":[{"
                + "\"session_id\":\"" + sessionId + "\",\"name\":\"" + name + "\",\"provider\":\"shell\",\"status\":\""
                + status + "\",\"needs_attention\":false}]}}";
    }

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/v1/agent/ws");
    }
}
