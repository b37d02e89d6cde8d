package dev.agentcommander.desktop.hosts;

import dev.agentcommander.desktop.client.HostToken;
import dev.agentcommander.desktop.sessions.ActionResult;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.SessionRow;
import dev.agentcommander.schema.model.SessionStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The hosts screen without controls: every host (by name) with its online state, agent version, allowed roots and
 * session count, and for admins adding a host (its token and agentd setup shown once) and revoking every active token
 * of any host (the control plane lists them). Owned by the UI thread.
 */
public final class HostsViewModel {
    /** What the Agent column shows for a host whose agentd has not said hello yet. */
    public static final String NO_AGENT = "\u2014";
    private static final Comparator<HostRow> BY_NAME = Comparator.comparing(HostRow::name)
            .thenComparing(HostRow::hostId);

    /** Runs the admin calls off the UI thread and hands their outcome back on it. */
    public interface Admin {
        void add(String name, Consumer<Added> done);

        /** Revokes every active token the control plane lists for the host. */
        void revokeActive(String hostId, Consumer<Revoked> done);
    }

    /** How many active tokens were revoked, or why not (then {@code error} is set). */
    public record Revoked(int count, String error) {
        public static Revoked of(int count) {
            return new Revoked(count, null);
        }

        public static Revoked failed(String error) {
            return new Revoked(0, error);
        }
    }

    /** A created host with its first token and how to start its agentd, or why it was not created. */
    public record Added(HostRow host, HostToken token, AgentSetup setup, String error) {
        public static Added of(HostRow host, HostToken token, AgentSetup setup) {
            return new Added(host, token, setup, null);
        }

        public static Added failed(String error) {
            return new Added(null, null, null, error);
        }
    }

    private final ObservableList<HostItem> items = FXCollections.observableArrayList();
    private final ObservableMap<String, Integer> sessionCounts = FXCollections.observableHashMap();
    private final ObjectProperty<HostRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<ActionResult> result = new SimpleObjectProperty<>(this, "result");
    private final ObjectProperty<AgentSetup> setup = new SimpleObjectProperty<>(this, "setup");
    private final ObjectProperty<Instant> now;
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy", false);
    private final BooleanProperty canAdmin = new SimpleBooleanProperty(this, "canAdmin", false);
    private final StringProperty role = new SimpleStringProperty(this, "role", "");
    private Admin admin;

    public HostsViewModel(Instant now) {
        this.now = new SimpleObjectProperty<>(this, "now", now);
    }

    /** A (new) connection: admin calls go through {@code newAdmin}; only admins may add and revoke. */
    public void connected(Admin newAdmin, boolean isAdmin, String roleName) {
        this.admin = newAdmin;
        canAdmin.set(isAdmin);
        role.set(roleName);
    }

    /** Every host, as the topic's first message after each (re)subscribe has it. */
    public void replaceAll(List<HostRow> rows) {
        Set<String> listed = new HashSet<>();
        rows.forEach(row -> listed.add(row.hostId()));
        items.removeIf(item -> !listed.contains(item.hostId()));
        if (selected.get() != null && !listed.contains(selected.get().hostId())) {
            selected.set(null);
        }
        changed(rows);
    }

    /** Hosts that were created or changed: a known host's item is updated in place, a new one is inserted by name. */
    public void changed(List<HostRow> rows) {
        for (HostRow row : rows) {
            HostItem item = item(row.hostId());
            if (item != null) {
                item.update(row);
            } else {
                int at = 0;
                while (at < items.size() && BY_NAME.compare(items.get(at).row(), row) < 0) {
                    at++;
                }
                items.add(at, new HostItem(row));
            }
            if (selected.get() != null && selected.get().hostId().equals(row.hostId())) {
                selected.set(row);
            }
        }
    }

    /** Counts the live sessions (not gone) of each host. */
    public void countSessions(Collection<SessionRow> sessions) {
        Map<String, Integer> counts = new HashMap<>();
        for (SessionRow row : sessions) {
            if (row.hostId() != null && row.status() != SessionStatus.GONE) {
                counts.merge(row.hostId(), 1, Integer::sum);
            }
        }
        sessionCounts.keySet().retainAll(counts.keySet());
        counts.forEach((hostId, count) -> {
            if (!count.equals(sessionCounts.get(hostId))) {
                sessionCounts.put(hostId, count);
            }
        });
    }

    public int sessionCount(String hostId) {
        return sessionCounts.getOrDefault(hostId, 0);
    }

    public void tick(Instant instant) {
        now.set(instant);
    }

    /** Creates a host named {@code name} and mints its token; the setup is shown until {@link #setupSaved()}. */
    public void add(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (!allowed() || busy.get()) {
            return;
        }
        if (trimmed.isEmpty()) {
            result.set(ActionResult.failed("Give the new host a name"));
            return;
        }
        busy.set(true);
        admin.add(trimmed, added -> {
            busy.set(false);
            if (added.error() != null) {
                result.set(ActionResult.failed("Host " + trimmed + " was not added: " + added.error()));
                return;
            }
            changed(List.of(added.host()));
            selected.set(host(added.host().hostId()));
            setup.set(added.setup());
            result.set(ActionResult.ok("Host " + added.host().name() + " added. Its token is shown below once: "
                    + "save it now."));
        });
    }

    /** The person saved the token: it is forgotten and the setup pane closes. */
    public void setupSaved() {
        setup.set(null);
    }

    /** True when this admin can revoke the tokens of {@code host}. */
    public boolean canRevoke(HostRow host) {
        return host != null && canAdmin.get();
    }

    /** Revokes every active token of {@code host}, wherever it was minted; the control plane closes its agent socket. */
    public void revoke(HostRow host) {
        if (host == null || !allowed() || busy.get()) {
            return;
        }
        busy.set(true);
        admin.revokeActive(host.hostId(), revoked -> {
            busy.set(false);
            if (revoked.error() != null) {
                result.set(ActionResult.failed("The token of " + host.name() + " was not revoked: "
                        + revoked.error()));
                return;
            }
            if (revoked.count() == 0) {
                result.set(ActionResult.failed(host.name() + " has no active token: nothing was revoked"));
                return;
            }
            AgentSetup shown = setup.get();
            if (shown != null && shown.hostName().equals(host.name())) {
                setup.set(null);
            }
            result.set(ActionResult.ok("Revoked " + tokens(revoked.count()) + " of " + host.name() + ": its agentd is "
                    + "disconnected and cannot connect again until an admin mints a new token"));
        });
    }

    private static String tokens(int count) {
        return count == 1 ? "the token" : "all " + count + " tokens";
    }

    /** The Agent column: the version the host's agentd said in its last hello, or a dash before the first. */
    public static String agentVersion(HostRow host) {
        return host.agentVersion() == null ? NO_AGENT : host.agentVersion();
    }

    /** The allowed roots in one line (the column), or a dash when the host reported none. */
    public static String allowedRoots(HostRow host) {
        return host.allowedRoots().isEmpty() ? NO_AGENT : String.join(", ", host.allowedRoots());
    }

    /** The table's lines, by name. */
    public ObservableList<HostItem> items() {
        return FXCollections.unmodifiableObservableList(items);
    }

    /** Every host's current row, by name. */
    public List<HostRow> hosts() {
        return items.stream().map(HostItem::row).toList();
    }

    /** The line of {@code hostId}, or null. */
    public HostItem item(String hostId) {
        for (HostItem item : items) {
            if (item.hostId().equals(hostId)) {
                return item;
            }
        }
        return null;
    }

    public ObservableMap<String, Integer> sessionCounts() {
        return FXCollections.unmodifiableObservableMap(sessionCounts);
    }

    /** The current row of {@code hostId}, or null. */
    public HostRow host(String hostId) {
        HostItem item = item(hostId);
        return item == null ? null : item.row();
    }

    public ObjectProperty<HostRow> selectedProperty() {
        return selected;
    }

    /** What the last add or revoke came to, or why it could not be asked. */
    public ObjectProperty<ActionResult> resultProperty() {
        return result;
    }

    /** The new host's token and agentd setup, while it is shown (once). */
    public ObjectProperty<AgentSetup> setupProperty() {
        return setup;
    }

    public ObjectProperty<Instant> nowProperty() {
        return now;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public BooleanProperty canAdminProperty() {
        return canAdmin;
    }

    public StringProperty roleProperty() {
        return role;
    }

    /** Why a non-admin is not offered adding and revoking. */
    public String adminNote() {
        return "Only admins can add hosts or revoke their tokens" + (role.get().isEmpty() ? ""
                : "; you are signed in as " + role.get());
    }

    private boolean allowed() {
        if (!canAdmin.get() || admin == null) {
            result.set(ActionResult.failed(adminNote()));
            return false;
        }
        return true;
    }
}
