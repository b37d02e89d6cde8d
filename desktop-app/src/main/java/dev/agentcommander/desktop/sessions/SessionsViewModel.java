package dev.agentcommander.desktop.sessions;

import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import dev.agentcommander.schema.model.TmuxRef;
import dev.agentcommander.schema.ui.SessionFilter;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.transformation.FilteredList;

/**
 * State of the sessions screen, without controls: the live session rows merged by {@code session_id} from
 * {@code sessions.changed}, the search filter, host names and the clock for relative times. Rows that turn
 * {@code gone} stay listed (greyed by the view). Owned by the UI thread.
 */
public final class SessionsViewModel {
    private final ObservableList<SessionItem> items =
            FXCollections.observableArrayList(item -> new Observable[] {item.rowProperty()});
    private final Map<String, SessionItem> byId = new HashMap<>();
    private final FilteredList<SessionItem> visible = new FilteredList<>(items);
    // One read-only view: a listener on a view lives only as long as the view does.
    private final ObservableList<SessionItem> itemsView = FXCollections.unmodifiableObservableList(items);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ObservableMap<String, String> hostNames = FXCollections.observableHashMap();
    private final ObservableMap<String, String> hostNamesView = FXCollections.unmodifiableObservableMap(hostNames);
    private final ObjectProperty<Instant> now;
    private final BooleanProperty loaded = new SimpleBooleanProperty(this, "loaded", false);
    private final ReadOnlyStringWrapper placeholder = new ReadOnlyStringWrapper(this, "placeholder");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary");
    private final ObjectProperty<ActionResult> result = new SimpleObjectProperty<>(this, "result");
    private final IntegerBinding attentionCount = Bindings.createIntegerBinding(
            () -> (int) items.stream().filter(item -> item.row().needsAttention()
                    && item.row().status() != SessionStatus.GONE).count(), items);

    public SessionsViewModel(Instant now) {
        this.now = new SimpleObjectProperty<>(this, "now", now);
        visible.predicateProperty().bind(Bindings.createObjectBinding(
                () -> {
                    SessionFilter filter = new SessionFilter(null, null, null, null, search.get());
                    return item -> filter.matches(item.row());
                }, search));
        placeholder.bind(Bindings.createStringBinding(this::placeholderText, loaded, items, visible, search));
        summary.bind(Bindings.createStringBinding(this::summaryText, loaded, items, visible));
    }

    /** The complete set of rows (first message of a subscription): rows missing from it are dropped. */
    public void replaceAll(List<SessionRow> rows) {
        Set<String> present = new HashSet<>();
        for (SessionRow row : rows) {
            present.add(row.sessionId());
        }
        items.removeIf(item -> {
            boolean absent = !present.contains(item.sessionId());
            if (absent) {
                byId.remove(item.sessionId());
            }
            return absent;
        });
        upsert(rows);
        loaded.set(true);
    }

    /** Changed rows: each replaces the row with its id, or is added. An older version never replaces a newer. */
    public void upsert(List<SessionRow> rows) {
        for (SessionRow row : rows) {
            SessionItem existing = byId.get(row.sessionId());
            if (existing == null) {
                SessionItem item = new SessionItem(row);
                byId.put(row.sessionId(), item);
                items.add(item);
            } else if (!isOlder(row, existing.row())) {
                existing.update(row);
            }
        }
    }

    public void setHosts(List<HostRow> hosts) {
        for (HostRow host : hosts) {
            hostNames.put(host.hostId(), host.name());
        }
    }

    public boolean knowsHost(String hostId) {
        return hostId == null || hostNames.containsKey(hostId);
    }

    /** The host's name, or its id until the name is known. */
    public String hostName(String hostId) {
        return hostId == null ? RelativeTime.UNKNOWN : hostNames.getOrDefault(hostId, hostId);
    }

    public ObservableMap<String, String> hostNames() {
        return hostNamesView;
    }

    /** All rows in arrival order; the view sorts. */
    public ObservableList<SessionItem> allItems() {
        return itemsView;
    }

    /** Rows that match the search text. */
    public ObservableList<SessionItem> visibleItems() {
        return visible;
    }

    public SessionItem item(String sessionId) {
        return byId.get(sessionId);
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** The outcome of the last action asked from the table. */
    public ObjectProperty<ActionResult> resultProperty() {
        return result;
    }

    public ObjectProperty<Instant> nowProperty() {
        return now;
    }

    public void tick(Instant instant) {
        now.set(instant);
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded;
    }

    public ReadOnlyStringProperty placeholderProperty() {
        return placeholder.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public String lastActivityText(SessionRow row) {
        return RelativeTime.format(lastActivity(row), now.get());
    }

    /** When something last happened in the session; the row's update time if agentd saw no activity yet. */
    public static Instant lastActivity(SessionRow row) {
        return row.lastActivityAt() != null ? row.lastActivityAt() : row.updatedAt();
    }

    /** The name to show: the row's name, else its tmux place, else the start of its id. */
    public static String displayName(SessionRow row) {
        if (row.name() != null && !row.name().isBlank()) {
            return row.name();
        }
        TmuxRef tmux = row.tmux();
        if (tmux != null && tmux.session() != null) {
            return tmux.window() == null ? tmux.session() : tmux.session() + ":" + tmux.window();
        }
        return row.sessionId().length() > 8 ? row.sessionId().substring(0, 8) : row.sessionId();
    }

    /** Live sessions before gone ones, then by name: stable while rows update, unlike an order by activity. */
    public static Comparator<SessionItem> defaultOrder() {
        return Comparator.comparing(SessionItem::isGone)
                .thenComparing(item -> displayName(item.row()).toLowerCase(Locale.ROOT))
                .thenComparing(SessionItem::sessionId);
    }

    private static boolean isOlder(SessionRow candidate, SessionRow current) {
        return candidate.updatedAt() != null && current.updatedAt() != null
                && candidate.updatedAt().isBefore(current.updatedAt());
    }

    private String placeholderText() {
        if (!loaded.get()) {
            return "Waiting for the control plane…";
        }
        if (items.isEmpty()) {
            return "No sessions yet.\nShells and agents running in tmux panes on your hosts show up here: start one with "
                    + "`tmux new -s work`,\nor start a worktree session (Ctrl+Shift+S) or a Codex job (Ctrl+Shift+X) "
                    + "from this window.";
        }
        return visible.isEmpty() ? "No session matches “" + search.get().strip() + "”." : "";
    }

    private String summaryText() {
        if (!loaded.get() || items.isEmpty()) {
            return "";
        }
        long gone = items.stream().filter(SessionItem::isGone).count();
        int attention = attentionCount.get();
        String count = visible.size() == items.size()
                ? plural(items.size(), "session")
                : visible.size() + " of " + plural(items.size(), "session");
        return count + (attention > 0 ? " · " + attention + " need attention" : "") + (gone > 0 ? " · " + gone + " gone" : "");
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
