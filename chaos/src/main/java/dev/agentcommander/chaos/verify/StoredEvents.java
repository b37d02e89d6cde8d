package dev.agentcommander.chaos.verify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.chaos.fleet.ControlPlaneApi;
import dev.agentcommander.chaos.load.HookLoad;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads back what the control plane stored for a host's load (REST, paged) and counts it against what was sent. */
public final class StoredEvents {
    private StoredEvents() {
    }

    public static DeliveryCount count(ControlPlaneApi api, HookLoad load) throws IOException {
        List<Long> numbers = new ArrayList<>();
        Map<String, Integer> copies = new HashMap<>();
        for (JsonNode session : api.sessions(load.host().hostId())) {
            api.events(session.path("session_id").asText(), event -> {
                JsonNode payload = event.path("payload");
                if ("hook.Notification".equals(event.path("event_type").asText()) && payload.has("chaos_id")) {
                    numbers.add(payload.path("chaos_n").asLong());
                    copies.merge(payload.path("chaos_id").asText(), 1, Integer::sum);
                }
            });
        }
        Set<Long> stored = new HashSet<>(numbers);
        long lost = load.answered().stream().filter(n -> !stored.contains(n)).count();
        // chaos_n is unique per host like chaos_id, so either counts copies; the ids also catch a copy renumbered.
        long duplicated = Math.max(numbers.size() - stored.size(),
                copies.values().stream().mapToLong(c -> c - 1).sum());
        long outOfOrder = 0;
        long highest = 0;
        for (long n : numbers) {
            if (n < highest) {
                outOfOrder++;
            }
            highest = Math.max(highest, n);
        }
        return new DeliveryCount(load.answered().size(), load.inDoubt().size(), numbers.size(), lost, duplicated,
                outOfOrder);
    }
}
