package dev.agentcommander.desktop.shell;

import dev.agentcommander.desktop.client.AgentLinkState;
import dev.agentcommander.desktop.client.Identity;
import dev.agentcommander.desktop.client.SocketStatus;
import dev.agentcommander.desktop.client.StartupException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State of the main window without controls: the startup phase and its progress or failure, the UI socket's
 * link state with its reconnect countdown, the local agentd's link state, and who is signed in. Owned by the UI thread.
 */
public final class ShellViewModel {
    public enum Phase { STARTING, READY, FAILED }

    /** How healthy a link looks, for the status bar's dot colour. */
    public enum Level { OK, PENDING, DOWN, OFF }

    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(this, "phase", Phase.STARTING);
    private final StringProperty progress = new SimpleStringProperty(this, "progress", "Starting…");
    private final ObjectProperty<StartupException> failure = new SimpleObjectProperty<>(this, "failure");
    private final ObjectProperty<SocketStatus> socket = new SimpleObjectProperty<>(this, "socket");
    private final ObjectProperty<AgentLinkState> agent =
            new SimpleObjectProperty<>(this, "agent", AgentLinkState.STARTING);
    private final StringProperty endpoint = new SimpleStringProperty(this, "endpoint", "");
    private final StringProperty identity = new SimpleStringProperty(this, "identity", "");
    private final ObjectProperty<Instant> now;
    private final String mode;
    private final ReadOnlyStringWrapper socketText = new ReadOnlyStringWrapper(this, "socketText");
    private final ReadOnlyStringWrapper agentText = new ReadOnlyStringWrapper(this, "agentText");
    private final ObjectProperty<Level> socketLevel = new SimpleObjectProperty<>(this, "socketLevel");
    private final ObjectProperty<Level> agentLevel = new SimpleObjectProperty<>(this, "agentLevel");
    private final ReadOnlyBooleanWrapper storeUnavailable = new ReadOnlyBooleanWrapper(this, "storeUnavailable");

    public ShellViewModel(String mode, Instant now) {
        this.mode = mode;
        this.now = new SimpleObjectProperty<>(this, "now", now);
        socketText.bind(Bindings.createStringBinding(() -> describeSocket(socket.get(), this.now.get()), socket, this.now));
        agentText.bind(Bindings.createStringBinding(() -> describeAgent(agent.get()), agent));
        socketLevel.bind(Bindings.createObjectBinding(() -> levelOf(socket.get()), socket));
        agentLevel.bind(Bindings.createObjectBinding(() -> levelOf(agent.get()), agent));
        storeUnavailable.bind(Bindings.createBooleanBinding(() -> socket.get() != null
                && socket.get().state() == SocketStatus.State.STORE_UNAVAILABLE, socket));
    }

    public void starting(String step) {
        phase.set(Phase.STARTING);
        failure.set(null);
        progress.set(step);
        if (agent.get() == AgentLinkState.STOPPED) {
            agent.set(AgentLinkState.STARTING);
        }
    }

    /** Up and connected as {@code who} (null: not known). */
    public void ready(String endpointText, Identity who) {
        endpoint.set(endpointText);
        identity.set(describeIdentity(who));
        phase.set(Phase.READY);
    }

    public void failed(StartupException error) {
        failure.set(error);
        phase.set(Phase.FAILED);
        socket.set(null);
        if (agent.get() != AgentLinkState.NOT_LOCAL) {
            agent.set(AgentLinkState.STOPPED);
        }
    }

    public void socketStatus(SocketStatus status) {
        socket.set(status);
    }

    public void agentLink(AgentLinkState state) {
        agent.set(state);
    }

    public void tick(Instant instant) {
        now.set(instant);
    }

    public String mode() {
        return mode;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase;
    }

    public StringProperty progressProperty() {
        return progress;
    }

    public ReadOnlyObjectProperty<StartupException> failureProperty() {
        return failure;
    }

    public ReadOnlyObjectProperty<SocketStatus> socketProperty() {
        return socket;
    }

    /** Connected, but the control plane's database does not answer: what the window shows may be stale. */
    public ReadOnlyBooleanProperty storeUnavailableProperty() {
        return storeUnavailable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty endpointProperty() {
        return endpoint;
    }

    /** "Signed in as ann@example.com · admin", or empty before the app is up. */
    public ReadOnlyStringProperty identityProperty() {
        return identity;
    }

    public ReadOnlyStringProperty socketTextProperty() {
        return socketText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty agentTextProperty() {
        return agentText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Level> socketLevelProperty() {
        return socketLevel;
    }

    public ReadOnlyObjectProperty<Level> agentLevelProperty() {
        return agentLevel;
    }

    static String describeSocket(SocketStatus status, Instant now) {
        if (status == null) {
            return "Control plane: not connected";
        }
        return switch (status.state()) {
            case CONNECTING -> "Control plane: connecting…";
            case CONNECTED -> "Control plane: connected";
            case STORE_UNAVAILABLE -> "Control plane: connected · its database does not answer";
            case DISCONNECTED -> "Control plane: disconnected" + countdown(status.retryAt(), now);
        };
    }

    private static String countdown(Instant retryAt, Instant now) {
        if (retryAt == null) {
            return "";
        }
        long millis = Duration.between(now, retryAt).toMillis();
        return millis <= 0 ? " · reconnecting…" : " · retrying in " + (millis + 999) / 1000 + "s";
    }

    static String describeIdentity(Identity who) {
        if (who == null) {
            return "";
        }
        String name = who.email() != null ? who.email() : who.sub();
        return "Signed in as " + name + " · " + String.valueOf(who.role()).toLowerCase(Locale.ROOT);
    }

    static String describeAgent(AgentLinkState state) {
        return switch (state) {
            case NOT_LOCAL -> "agentd: not on this machine";
            case STARTING -> "agentd: starting…";
            case CONNECTING -> "agentd: connecting…";
            case CONNECTED -> "agentd: connected";
            case DISCONNECTED -> "agentd: disconnected";
            case STOPPED -> "agentd: not running";
        };
    }

    private static Level levelOf(SocketStatus status) {
        if (status == null) {
            return Level.OFF;
        }
        return switch (status.state()) {
            case CONNECTED -> Level.OK;
            case CONNECTING, STORE_UNAVAILABLE -> Level.PENDING;
            case DISCONNECTED -> Level.DOWN;
        };
    }

    private static Level levelOf(AgentLinkState state) {
        return switch (state) {
            case CONNECTED -> Level.OK;
            case STARTING, CONNECTING -> Level.PENDING;
            case DISCONNECTED -> Level.DOWN;
            case NOT_LOCAL, STOPPED -> Level.OFF;
        };
    }
}
