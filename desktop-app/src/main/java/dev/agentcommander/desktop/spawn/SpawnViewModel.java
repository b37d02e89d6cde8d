package dev.agentcommander.desktop.spawn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.desktop.client.CommandOutcome;
import dev.agentcommander.schema.model.CommandRow;
import dev.agentcommander.schema.model.HostRow;
import dev.agentcommander.schema.model.SessionRow;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The spawn form's state: which kind, which host, the fields, what is wrong with them, and how the sent command is
 * doing ({@code queued → sent → completed / failed}). A failed start keeps every field as typed, so nothing is lost
 * and the person can fix and retry. When the host answers with the new session, {@code opened} gets its id. UI thread.
 */
public final class SpawnViewModel {
    /** Sends a host command and follows it; {@code CommandRunner::host}. */
    public interface Sender {
        void send(String hostId, Map<String, ?> body, Consumer<CommandRow> progress, Consumer<CommandOutcome> done);
    }

    /** Where the form is: being filled in, or the command's progress. */
    public enum Stage { EDITING, SENDING, QUEUED, SENT, COMPLETED, FAILED }

    private final Sender sender;
    private final Consumer<String> opened;
    private final ObservableList<HostRow> hosts = FXCollections.observableArrayList();
    private final ObservableList<String> suggestions = FXCollections.observableArrayList();
    private final ObjectProperty<SpawnKind> kind = new SimpleObjectProperty<>(this, "kind", SpawnKind.SESSION);
    private final ObjectProperty<HostRow> host = new SimpleObjectProperty<>(this, "host");
    private final StringProperty folder = new SimpleStringProperty(this, "folder", "");
    private final StringProperty branch = new SimpleStringProperty(this, "branch", "");
    private final StringProperty base = new SimpleStringProperty(this, "base", "");
    private final ObjectProperty<SpawnForm.Agent> agent = new SimpleObjectProperty<>(this, "agent",
            SpawnForm.Agent.CLAUDE);
    private final StringProperty prompt = new SimpleStringProperty(this, "prompt", "");
    private final StringProperty timeout = new SimpleStringProperty(this, "timeout", "");
    private final BooleanProperty canOperate = new SimpleBooleanProperty(this, "canOperate", true);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper rootsHint = new ReadOnlyStringWrapper(this, "rootsHint", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<Stage> stage = new ReadOnlyObjectWrapper<>(this, "stage", Stage.EDITING);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private List<SessionRow> sessions = List.of();
    private boolean tried;

    public SpawnViewModel(Sender sender, Consumer<String> opened) {
        this.sender = sender;
        this.opened = opened;
        kind.addListener((observable, before, now) -> refresh());
        host.addListener((observable, before, now) -> refresh());
        for (StringProperty field : List.of(folder, branch, base, prompt, timeout)) {
            field.addListener((observable, before, now) -> check());
        }
    }

    /**
     * The hosts to offer (online first) and the sessions whose folders are suggested; keeps the chosen host when it
     * is still there, else takes {@code preferredHostId} or the first online one.
     */
    public void offer(Collection<HostRow> knownHosts, Collection<SessionRow> knownSessions, String preferredHostId) {
        sessions = List.copyOf(knownSessions);
        String keep = host.get() != null ? host.get().hostId() : preferredHostId;
        hosts.setAll(knownHosts.stream()
                .sorted(Comparator.comparing((HostRow row) -> !row.online()).thenComparing(HostRow::name))
                .toList());
        host.set(hosts.stream().filter(row -> row.hostId().equals(keep)).findFirst()
                .orElse(hosts.stream().filter(HostRow::online).findFirst().orElse(hosts.isEmpty() ? null : hosts.get(0))));
        refresh();
    }

    /** Starts the command when the form is ready; otherwise says what to fix. */
    public void start() {
        if (busy.get()) {
            return;
        }
        tried = true;
        if (!canOperate.get()) {
            message.set("Viewers cannot start sessions or jobs: ask an operator or admin");
            stage.set(Stage.FAILED);
            return;
        }
        SpawnForm form = form();
        check();
        if (!form.problems().isEmpty()) {
            message.set("");
            stage.set(Stage.EDITING);
            return;
        }
        if (!host.get().online()) {
            message.set(host.get().name() + " is offline: the command waits until its agentd connects");
        } else {
            message.set("");
        }
        busy.set(true);
        stage.set(Stage.SENDING);
        sender.send(host.get().hostId(), form.body(), this::progress, this::done);
    }

    private void progress(CommandRow row) {
        switch (row.status()) {
            case QUEUED -> stage.set(Stage.QUEUED);
            case SENT -> stage.set(Stage.SENT);
            default -> { }
        }
    }

    private void done(CommandOutcome outcome) {
        busy.set(false);
        if (!outcome.ok()) {
            stage.set(Stage.FAILED);
            message.set((kind.get() == SpawnKind.SESSION ? "The session was not started: " : "The job was not started: ")
                    + outcome.message());
            return;
        }
        JsonNode result = outcome.row() == null ? null : outcome.row().result();
        String sessionId = result == null ? null : result.path("session_id").asText(null);
        stage.set(Stage.COMPLETED);
        message.set(sessionId == null ? "Started" : "Started: opening it");
        if (sessionId != null) {
            opened.accept(sessionId);
        }
    }

    /** Back to editing after a result, keeping the fields (for another session from the same repo). */
    public void edit() {
        if (!busy.get()) {
            stage.set(Stage.EDITING);
            message.set("");
        }
    }

    SpawnForm form() {
        HostRow chosen = host.get();
        return new SpawnForm(kind.get(), chosen == null ? null : chosen.hostId(),
                chosen == null ? List.of() : chosen.allowedRoots(), folder.get(), branch.get(), base.get(), agent.get(),
                prompt.get(), timeout.get());
    }

    private void refresh() {
        HostRow chosen = host.get();
        if (chosen == null) {
            rootsHint.set(hosts.isEmpty() ? "No hosts yet: add one on the Hosts tab (Ctrl+Shift+J)" : "");
            suggestions.clear();
        } else {
            rootsHint.set(chosen.allowedRoots().isEmpty()
                    ? "This host has not reported its allowed roots; agentd checks the folder when it gets the command"
                    : "Allowed on " + chosen.name() + ": " + String.join(", ", chosen.allowedRoots()));
            suggestions.setAll(suggest(chosen));
        }
        check();
    }

    private List<String> suggest(HostRow chosen) {
        Set<String> folders = new LinkedHashSet<>();
        sessions.stream()
                .filter(row -> Objects.equals(row.hostId(), chosen.hostId()))
                .sorted(Comparator.comparing(SessionRow::updatedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .map(row -> kind.get() == SpawnKind.SESSION
                        ? (row.git() == null ? null : row.git().repo())
                        : row.cwd())
                .filter(Objects::nonNull)
                .forEach(folders::add);
        folders.addAll(chosen.allowedRoots());
        return List.copyOf(folders);
    }

    private void check() {
        // Empty fields are not shouted about before the first try; a wrong value is shown as it is typed.
        problem.set(form().problems().stream().filter(found -> tried || !found.missing())
                .map(SpawnForm.Problem::text).findFirst().orElse(""));
    }

    public ObservableList<HostRow> hosts() {
        return hosts;
    }

    public ObservableList<String> suggestions() {
        return suggestions;
    }

    public ObjectProperty<SpawnKind> kindProperty() {
        return kind;
    }

    public ObjectProperty<HostRow> hostProperty() {
        return host;
    }

    public StringProperty folderProperty() {
        return folder;
    }

    public StringProperty branchProperty() {
        return branch;
    }

    public StringProperty baseProperty() {
        return base;
    }

    public ObjectProperty<SpawnForm.Agent> agentProperty() {
        return agent;
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public StringProperty timeoutProperty() {
        return timeout;
    }

    public BooleanProperty canOperateProperty() {
        return canOperate;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rootsHintProperty() {
        return rootsHint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Stage> stageProperty() {
        return stage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
