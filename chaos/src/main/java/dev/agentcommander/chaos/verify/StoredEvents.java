package dev.agentcommander.chaos.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.chaos.fleet.ControlPlaneApi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads back what the control plane stored for a host's load (REST, paged, every session of the host) and counts it
 * against what was sent; order is judged in {@code event_id} order across the host's sessions.
 */
public final class StoredEvents {
    private record Stored(long eventId, long number, String chaosId) {
    }

    private StoredEvents() {
    }

    public static DeliveryCount count(ControlPlaneApi api, SentLoad load) throws IOException {
        List<Stored> events = new ArrayList<>();
        for (JsonNode session : api.sessions(load.hostId())) {
            api.events(session.path("session_id").asText(), event -> {
                JsonNode payload = event.path("payload");
                if ("hook.Notification".equals(event.path("event_type").asText()) && payload.has("chaos_id")) {
                    events.add(new Stored(event.path("event_id").asLong(), payload.path("chaos_n").asLong(),
                            payload.path("chaos_id").asText()));
                }
            });
        }
        events.sort(Comparator.comparingLong(Stored::eventId));
        Map<String, Integer> copies = new HashMap<>();
        Set<Long> stored = new HashSet<>();
        long outOfOrder = 0;
        long highest = 0;
        for (Stored event : events) {
            copies.merge(event.chaosId(), 1, Integer::sum);
            stored.add(event.number());
            if (event.number() < highest) {
                outOfOrder++;
            }
            highest = Math.max(highest, event.number());
        }
        Set<Long> answered = load.answered();
        long lost = answered.stream().filter(n -> !stored.contains(n)).count();
        // chaos_n is unique per host like chaos_id, so either counts copies; the ids also catch a copy renumbered.
        long duplicated = Math.max(events.size() - stored.size(),
                copies.values().stream().mapToLong(c -> c - 1).sum());
        return new DeliveryCount(answered.size(), load.inDoubt().size(), events.size(), lost, duplicated,
                outOfOrder);
    }
}
