package dev.agentcommander.agentd.discovery;

import dev.agentcommander.agentd.tmux.TmuxException;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The visible screens of agent panes, for {@link ScreenSignal}. A screen is captured again only when its window
 * showed activity since the last capture ({@code window_activity} has a resolution of one second, so activity
 * within {@link #ACTIVITY_SLACK} of a capture counts too): an agent sitting at its prompt costs nothing. All the
 * captures of a poll run in one tmux process. Confined to the discovery thread.
 */
final class PaneScreens {
    static final Duration ACTIVITY_SLACK = Duration.ofSeconds(2);
    private static final String MARK = "\u001eac-screen ";

    private record Captured(String screen, Instant activity, Instant at) {
    }

    private final TmuxRunner tmux;
    private Map<String, Captured> captured = new HashMap<>();

    PaneScreens(TmuxRunner tmux) {
        this.tmux = tmux;
    }

    /** The screens of {@code panes} by pane id; a pane that cannot be captured now is left out. */
    Map<String, String> screens(List<Pane> panes, Instant now) {
        Map<String, Captured> next = new HashMap<>();
        List<Pane> stale = new ArrayList<>();
        for (Pane pane : panes) {
            Captured last = captured.get(pane.paneId());
            if (last != null && !changedSince(pane.windowActivity(), last)) {
                next.put(pane.paneId(), last);
            } else {
                stale.add(pane);
            }
        }
        if (!stale.isEmpty()) {
            Map<String, String> fresh = capture(stale);
            for (Pane pane : stale) {
                String screen = fresh.get(pane.paneId());
                if (screen != null) {
                    next.put(pane.paneId(), new Captured(screen, pane.windowActivity(), now));
                }
            }
        }
        captured = next;
        Map<String, String> screens = new HashMap<>();
        next.forEach((paneId, capture) -> screens.put(paneId, capture.screen()));
        return screens;
    }

    private static boolean changedSince(Instant activity, Captured last) {
        return activity == null || !Objects.equals(activity, last.activity())
                || !activity.plus(ACTIVITY_SLACK).isBefore(last.at());
    }

    /** One tmux call for all panes; if it fails (a pane closed meanwhile), one call per pane. */
    private Map<String, String> capture(List<Pane> panes) {
        List<List<String>> commands = new ArrayList<>();
        for (Pane pane : panes) {
            commands.add(List.of("display-message", "-p", "-t", pane.paneId(), MARK + "#{pane_id}"));
            commands.add(List.of("capture-pane", "-p", "-t", pane.paneId()));
        }
        try {
            return split(tmux.runAll(commands), panes);
        } catch (TmuxException e) {
            if (panes.size() == 1) {
                return Map.of();
            }
            Map<String, String> screens = new HashMap<>();
            panes.forEach(pane -> screens.putAll(capture(List.of(pane))));
            return screens;
        }
    }

    private static Map<String, String> split(String output, List<Pane> panes) {
        Set<String> wanted = Set.copyOf(panes.stream().map(Pane::paneId).toList());
        Map<String, String> screens = new HashMap<>();
        String[] parts = output.split(MARK, -1);
        for (int i = 1; i < parts.length; i++) {
            int end = parts[i].indexOf('\n');
            if (end < 0) {
                continue;
            }
            String paneId = parts[i].substring(0, end);
            if (wanted.contains(paneId)) {
                screens.put(paneId, parts[i].substring(end + 1));
            }
        }
        return screens;
    }
}
