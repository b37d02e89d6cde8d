package dev.agentcommander.agentd.discovery;

import dev.agentcommander.agentd.tmux.TmuxException;
import dev.agentcommander.agentd.tmux.TmuxRunner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists every pane of the tmux server with one {@code list-panes -a} call. No server running means zero panes.
 * A pane whose line cannot be parsed (a raw newline in its path or window name) is re-read field by field. An agent
 * hidden behind {@code node} is found in the pane's process tree ({@link PaneAgents}).
 * Stateless apart from the runner; thread-safe.
 */
final class PaneLister {
    private static final Logger LOG = LoggerFactory.getLogger(PaneLister.class);

    private final TmuxRunner tmux;
    private final PaneAgents agents = new PaneAgents();

    PaneLister(TmuxRunner tmux) {
        this.tmux = tmux;
    }

    List<Pane> list() throws TmuxException {
        String output;
        try {
            output = tmux.run("list-panes", "-a", "-F", PaneFormat.FORMAT);
        } catch (TmuxException e) {
            if (e.noServer()) {
                return List.of();
            }
            throw e;
        }
        List<Pane> panes = new ArrayList<>();
        boolean ambiguous = false;
        for (String line : output.split("\n")) {
            Optional<Pane> pane = PaneFormat.parseLine(line);
            if (pane.isPresent()) {
                panes.add(agents.resolve(pane.get()));
            } else if (!line.isEmpty()) {
                ambiguous = true;
            }
        }
        return ambiguous ? withRereadPanes(panes) : panes;
    }

    private List<Pane> withRereadPanes(List<Pane> parsed) throws TmuxException {
        Set<String> known = new HashSet<>();
        parsed.forEach(pane -> known.add(pane.paneId()));
        List<Pane> result = new ArrayList<>(parsed);
        String ids;
        try {
            ids = tmux.run("list-panes", "-a", "-F", "#{pane_id}");
        } catch (TmuxException e) {
            if (e.noServer()) {
                return List.of();
            }
            throw e;
        }
        for (String paneId : PaneFormat.paneIds(ids)) {
            if (!known.contains(paneId)) {
                reread(paneId).ifPresent(result::add);
            }
        }
        return result;
    }

    private Optional<Pane> reread(String paneId) {
        List<String> values = new ArrayList<>();
        try {
            for (String field : PaneFormat.FIELDS) {
                String value = tmux.run("display-message", "-p", "-t", paneId, "#{" + field + "}");
                values.add(value.endsWith("\n") ? value.substring(0, value.length() - 1) : value);
            }
        } catch (TmuxException e) {
            // The pane went away between the two calls: the next poll will not list it.
            LOG.debug("cannot re-read pane {}", paneId, e);
            return Optional.empty();
        }
        values.set(0, paneId);
        return PaneFormat.fromFields(values).map(agents::resolve);
    }
}
