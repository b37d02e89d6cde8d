package dev.agentcommander.desktop.approvals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.desktop.console.LiveTerminal;
import dev.agentcommander.desktop.palette.PaletteEntry;
import dev.agentcommander.desktop.sessions.SessionAction;
import dev.agentcommander.desktop.sessions.SessionItem;
import dev.agentcommander.desktop.sessions.SessionsViewModel;
import dev.agentcommander.desktop.shell.Connection;
import dev.agentcommander.desktop.shell.UiExecutor;
import dev.agentcommander.schema.model.ApprovalRow;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Approvals tab as the workspace holds it: the view, its model, the feed of the current connection, the count
 * badge, and the read-only terminals of the approvals' sessions. Sessions and hosts are named as the sessions table
 * names them. UI thread.
 */
public final class ApprovalsScreen {
    public static final String TAB_ID = "tab-approvals";
    public static final String BADGE_ID = "approvals-badge";
    /** Reaches the approvals queue from anywhere, a terminal included. */
    public static final KeyCombination SHORTCUT = SessionAction.shortcut(KeyCode.P);

    private final SessionsViewModel sessions;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final UiExecutor ui;
    private final ApprovalsViewModel model;
    private final ApprovalsView view;
    private final Tab tab;
    private Connection connection;
    private ApprovalsFeed feed;

    public ApprovalsScreen(SessionsViewModel sessions, ObjectMapper mapper, Clock clock, UiExecutor ui) {
        this.sessions = sessions;
        this.mapper = mapper;
        this.clock = clock;
        this.ui = ui;
        model = new ApprovalsViewModel(this::where, sessions.allItems(), sessions.hostNames());
        view = new ApprovalsView(model, mapper, this::screen, clock::instant);
        Label badge = new Label();
        badge.setId(BADGE_ID);
        badge.getStyleClass().add("tab-badge");
        badge.textProperty().bind(model.pendingCount().asString());
        badge.visibleProperty().bind(model.pendingCount().greaterThan(0));
        badge.managedProperty().bind(badge.visibleProperty());
        tab = new Tab("Approvals", view.node());
        tab.setId(TAB_ID);
        tab.setClosable(false);
        tab.setGraphic(new HBox(4, new FontIcon(Feather.SHIELD), badge));
        tab.selectedProperty().addListener((observable, before, selected) -> view.visible(selected));
    }

    public Tab tab() {
        return tab;
    }

    public ApprovalsViewModel model() {
        return model;
    }

    public ApprovalsView view() {
        return view;
    }

    /** The app is (again) connected: the approvals topic is followed, and terminals opened, on the new connection. */
    public void connected(Connection newConnection) {
        connection = newConnection;
        if (feed != null) {
            feed.close();
        }
        feed = new ApprovalsFeed(newConnection, model, ui);
        feed.start();
        view.reconnected();
    }

    /** Every second: waiting times move on. */
    public void tick() {
        view.tick();
    }

    /** Selects the approval if it is still pending (the tab itself is selected by the caller). */
    public void select(String approvalId) {
        model.pending().stream().filter(row -> row.approvalId().equals(approvalId)).findFirst()
                .ifPresent(model.selectedProperty()::set);
    }

    /** One palette entry per pending approval; {@code show} takes its approval id. */
    public List<PaletteEntry> paletteEntries(Consumer<String> show) {
        return model.pending().stream().map(row -> new PaletteEntry(PaletteEntry.Kind.APPROVAL, "Approve "
                + row.toolName() + ": " + ApprovalInput.of(row.toolName(), row.toolInput(), mapper).summary(),
                where(row), () -> show.accept(row.approvalId()))).toList();
    }

    /** "api on laptop": the approval's session and host as the sessions table names them. */
    private String where(ApprovalRow row) {
        SessionItem item = row.sessionId() == null ? null : sessions.item(row.sessionId());
        String session = item == null ? String.valueOf(row.sessionId()) : SessionsViewModel.displayName(item.row());
        return session + " on " + sessions.hostName(row.hostId());
    }

    /** A read-only terminal of the approval's session, or null when it is not known (yet). */
    private LiveTerminal screen(String sessionId) {
        SessionItem item = sessions.item(sessionId);
        return item == null || connection == null ? null : new LiveTerminal(connection, ui, item.row(), clock, true);
    }
}
