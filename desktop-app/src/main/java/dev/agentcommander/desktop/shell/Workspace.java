package dev.agentcommander.desktop.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentcommander.desktop.approvals.ApprovalsScreen;
import dev.agentcommander.desktop.approvals.ApprovalsView;
import dev.agentcommander.desktop.approvals.ApprovalsViewModel;
import dev.agentcommander.desktop.client.CommandRunner;
import dev.agentcommander.desktop.console.GridView;
import dev.agentcommander.desktop.console.GridViewModel;
import dev.agentcommander.desktop.console.JobView;
import dev.agentcommander.desktop.console.LiveTerminal;
import dev.agentcommander.desktop.console.SessionView;
import dev.agentcommander.desktop.console.SessionViewModel;
import dev.agentcommander.desktop.hosts.HostItem;
import dev.agentcommander.desktop.hosts.HostsScreen;
import dev.agentcommander.desktop.notify.Notice;
import dev.agentcommander.desktop.palette.PaletteEntry;
import dev.agentcommander.desktop.sessions.ActionResult;
import dev.agentcommander.desktop.sessions.SessionAction;
import dev.agentcommander.desktop.sessions.SessionActions;
import dev.agentcommander.desktop.sessions.SessionDialogs;
import dev.agentcommander.desktop.sessions.SessionItem;
import dev.agentcommander.desktop.sessions.SessionsHandler;
import dev.agentcommander.desktop.sessions.SessionsView;
import dev.agentcommander.desktop.sessions.SessionsViewModel;
import dev.agentcommander.desktop.spawn.SpawnKind;
import dev.agentcommander.desktop.spawn.SpawnScreen;
import dev.agentcommander.desktop.timeline.TimelineFeed;
import dev.agentcommander.desktop.timeline.TimelineView;
import dev.agentcommander.desktop.timeline.TimelineViewModel;
import dev.agentcommander.desktop.window.DebouncedSave;
import dev.agentcommander.desktop.window.WindowLayout;
import dev.agentcommander.schema.model.SessionRow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The window's tabs: the sessions table, the approvals queue (with its count), the console grid, and one tab per
 * open session. Only the selected tab's
 * terminals stream. What is open is saved to {@code workspace.json} a moment after each change (off the UI thread)
 * and reopened at the next start once the sessions are known. UI thread.
 */
public final class Workspace implements SessionsHandler {
    public static final String TABS_ID = "workspace-tabs";
    public static final String GRID_TAB_ID = "tab-grid";
    public static final KeyCombination HOME = SessionAction.shortcut(KeyCode.H);
    public static final KeyCombination CLOSE_TAB = SessionAction.shortcut(KeyCode.W);
    public static final KeyCombination NEXT_TAB = new KeyCodeCombination(KeyCode.PAGE_DOWN, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination PREVIOUS_TAB = new KeyCodeCombination(KeyCode.PAGE_UP, KeyCombination.SHORTCUT_DOWN);

    private final SessionsViewModel sessions;
    private final SessionsView sessionsView;
    private final WorkspaceStore store;
    private final DebouncedSave<WorkspaceState> saves;
    private final Clock clock;
    private final UiExecutor ui;
    private final SessionDialogs dialogs = new SessionDialogs();
    private final TabPane tabs = new TabPane();
    private final Tab sessionsTab;
    private final ApprovalsScreen approvals;
    private final HostsScreen hosts;
    private final Map<String, OpenSession> open = new LinkedHashMap<>();
    private final GridViewModel gridModel = new GridViewModel();
    private Tab gridTab;
    private GridView grid;
    private Connection connection;
    private SessionActions actions;
    private WorkspaceState pendingRestore;
    private boolean restoring;

    private final SpawnScreen spawn = new SpawnScreen(this::openWhenKnown);
    private final StackPane content = new StackPane(tabs,
            spawn.view().node());
    private String openWhenKnown;
    private final DoubleProperty timelineDivider = new SimpleDoubleProperty(this, "timelineDivider",
            WindowLayout.DEFAULT_TIMELINE_DIVIDER);

    /** An open session tab: a live terminal, or for a job (no pane) its events; {@code view} is null for a job. */
    private record OpenSession(Tab tab, SessionView view, TimelineFeed timeline) {
        void close() {
            if (view != null) {
                view.terminal().close();
            }
            timeline.close();
        }

        void shown(boolean shown) {
            if (view != null) {
                view.terminal().visible(shown);
                if (shown) {
                    Platform.runLater(view::focusTerminal);
                }
            }
        }
    }

    public Workspace(SessionsViewModel sessions, SessionsView sessionsView, WorkspaceStore store, Clock clock,
                     UiExecutor ui, ObjectMapper mapper) {
        this.ui = ui;
        this.sessions = sessions;
        this.sessionsView = sessionsView;
        this.store = store;
        this.saves = new DebouncedSave<>("workspace-save", DebouncedSave.SOON, store::save);
        this.clock = clock;
        tabs.setId(TABS_ID);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        sessionsTab = new Tab("Sessions", sessionsView.node());
        sessionsTab.setId("tab-sessions");
        sessionsTab.setClosable(false);
        sessionsTab.setGraphic(new FontIcon(Feather.LIST));
        approvals = new ApprovalsScreen(sessions, mapper, clock, ui);
        hosts = new HostsScreen(sessions, clock::instant, ui);
        tabs.getTabs().addAll(sessionsTab, approvals.tab(), hosts.tab());
        tabs.getSelectionModel().selectedItemProperty().addListener((observable, before, now) -> selectionChanged());
        tabs.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcuts);
        gridModel.sessionIds().addListener((ListChangeListener<String>) change -> save());
        sessions.allItems().addListener((ListChangeListener<SessionItem>) change -> {
            if (openWhenKnown != null && sessions.item(openWhenKnown) != null) {
                String id = openWhenKnown;
                openWhenKnown = null;
                openSession(id);
            }
        });
        hosts.model().items().addListener((ListChangeListener<HostItem>) change ->
                spawn.hostsChanged(hosts.model().hosts(), rows()));
        sessions.loadedProperty().addListener((observable, before, loaded) -> {
            if (loaded) {
                restore();
            }
        });
    }

    /** Where the session views' timeline starts (a fraction of the view's width); the last one moved wins. */
    public DoubleProperty timelineDivider() {
        return timelineDivider;
    }

    /** The tabs, with the spawn sheet as a layer over them. */
    public Node node() {
        return content;
    }

    public TabPane tabs() {
        return tabs;
    }

    public GridView grid() {
        return grid;
    }

    public GridViewModel gridModel() {
        return gridModel;
    }

    public ApprovalsViewModel approvals() {
        return approvals.model();
    }

    public ApprovalsView approvalsView() {
        return approvals.view();
    }

    /** Whether the person sees {@code target} now: the window has the focus and shows it. */
    public boolean lookingAt(Notice.Target target) {
        if (tabs.getScene() == null || tabs.getScene().getWindow() == null || !tabs.getScene().getWindow().isFocused()) {
            return false;
        }
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        return switch (target.kind()) {
            case APPROVAL, APPROVALS -> selected == approvals.tab();
            case SESSION -> open.containsKey(target.id()) && open.get(target.id()).tab() == selected
                    || selected == gridTab && gridTab != null && gridModel.sessionIds().contains(target.id());
            case SESSIONS -> selected == sessionsTab;
        };
    }

    /** Shows {@code target}, as a click on its notification asks. */
    public void show(Notice.Target target) {
        switch (target.kind()) {
            case APPROVAL -> {
                tabs.getSelectionModel().select(approvals.tab());
                approvals.select(target.id());
            }
            case APPROVALS -> tabs.getSelectionModel().select(approvals.tab());
            case SESSION -> openSession(target.id());
            case SESSIONS -> tabs.getSelectionModel().select(sessionsTab);
        }
    }

    /** What the command palette offers from here: the approvals waiting, every session, the tabs. */
    public List<PaletteEntry> paletteEntries() {
        List<PaletteEntry> entries = new ArrayList<>(approvals.paletteEntries(id -> show(Notice.Target.approval(id))));
        for (SessionItem item : sessions.allItems()) {
            if (!item.isGone()) {
                entries.add(new PaletteEntry(PaletteEntry.Kind.SESSION, SessionsViewModel.displayName(item.row())
                        + " on " + sessions.hostName(item.row().hostId()), item.row().cwd(),
                        () -> openSession(item.sessionId())));
            }
        }
        entries.add(new PaletteEntry(PaletteEntry.Kind.ACTION, "Go to the sessions table", HOME.getDisplayText(),
                () -> tabs.getSelectionModel().select(sessionsTab)));
        entries.add(new PaletteEntry(PaletteEntry.Kind.ACTION, "Go to the approvals queue",
                ApprovalsScreen.SHORTCUT.getDisplayText(), () -> tabs.getSelectionModel().select(approvals.tab())));
        entries.add(new PaletteEntry(PaletteEntry.Kind.ACTION, "Go to the hosts", HostsScreen.SHORTCUT.getDisplayText(),
                () -> tabs.getSelectionModel().select(hosts.tab())));
        entries.add(new PaletteEntry(PaletteEntry.Kind.ACTION, "Start a worktree session",
                SpawnScreen.NEW_SESSION.getDisplayText(), () -> spawn(SpawnKind.SESSION)));
        entries.add(new PaletteEntry(PaletteEntry.Kind.ACTION, "Start a Codex job", SpawnScreen.NEW_JOB.getDisplayText(),
                () -> spawn(SpawnKind.JOB)));
        if (gridTab != null) {
            entries.add(new PaletteEntry(PaletteEntry.Kind.ACTION, "Go to the grid", null,
                    () -> tabs.getSelectionModel().select(gridTab)));
        }
        return entries;
    }

    public HostsScreen hosts() {
        return hosts;
    }

    /** Every second: waiting times move on. */
    public void tick() {
        approvals.tick();
        hosts.tick();
    }

    /** The open session view of {@code sessionId}, or null. */
    public SessionView sessionView(String sessionId) {
        OpenSession session = open.get(sessionId);
        return session == null ? null : session.view();
    }

    /** The app is (again) connected: screens are rebuilt on the new connection, and what was open comes back. */
    public void connected(Connection newConnection) {
        WorkspaceState state = connection == null ? store.load() : currentState();
        closeAll();
        connection = newConnection;
        CommandRunner runner = new CommandRunner(newConnection.client(), newConnection.io(), ui);
        actions = new SessionActions(runner);
        spawn.connected(runner, newConnection.identity().canOperate());
        sessionsView.handler(this);
        approvals.connected(newConnection);
        hosts.connected(newConnection);
        pendingRestore = state;
        if (sessions.loadedProperty().get()) {
            restore();
        }
    }

    @Override
    public void open(List<SessionItem> items) {
        for (SessionItem item : items) {
            openSession(item, true);
        }
    }

    @Override
    public void grid(List<SessionItem> items) {
        if (connection == null) {
            return;
        }
        gridModel.add(items.stream().map(SessionItem::sessionId).toList());
        tabs.getSelectionModel().select(gridTab());
    }

    @Override
    public void act(SessionAction action, SessionItem item, Node owner) {
        if (actions == null) {
            return;
        }
        Consumer<ActionResult> report = sessions.resultProperty()::set;
        String name = SessionsViewModel.displayName(item.row());
        if (!connection.identity().canOperate()) {
            report.accept(ActionResult.failed("Viewers cannot change sessions: ask an operator or admin"));
            return;
        }
        switch (action) {
            case RENAME -> dialogs.askName(owner, name).ifPresent(newName -> actions.rename(item.row(), newName, report));
            case INTERRUPT -> actions.interrupt(item.row(), report);
            case KILL -> {
                if (dialogs.confirmKill(owner, name)) {
                    actions.kill(item.row(), report);
                }
            }
            case ADOPT -> actions.adopt(item.row(), report);
            case CLEANUP -> {
                if (dialogs.confirmCleanup(owner, name)) {
                    actions.cleanup(item.row(), false, report);
                }
            }
        }
    }

    /** Opens the spawn sheet over the tabs, on the host of the selected session when there is one. */
    @Override
    public void spawn(SpawnKind kind) {
        if (connection == null) {
            return;
        }
        List<SessionItem> chosen = sessionsView.selected();
        SessionItem selected = chosen.isEmpty() ? null : chosen.get(0);
        spawn.show(kind, hosts.model().hosts(), rows(), selected == null ? null : selected.row().hostId());
    }

    public SpawnScreen spawnScreen() {
        return spawn;
    }

    private List<SessionRow> rows() {
        return sessions.allItems().stream().map(SessionItem::row).toList();
    }

    /** Opens the session's tab now, or as soon as its row arrives (a session just started by the spawn form). */
    private void openWhenKnown(String sessionId) {
        if (sessions.item(sessionId) != null) {
            openSession(sessionId);
        } else {
            openWhenKnown = sessionId;
        }
    }

    /** Opens (or selects) the session's tab. */
    public void openSession(String sessionId) {
        SessionItem item = sessions.item(sessionId);
        if (item != null) {
            openSession(item, true);
        }
    }

    private void openSession(SessionItem item, boolean select) {
        if (connection == null) {
            return;
        }
        OpenSession existing = open.get(item.sessionId());
        if (existing != null) {
            if (select) {
                tabs.getSelectionModel().select(existing.tab());
            }
            return;
        }
        SessionViewModel model = new SessionViewModel(item, sessions, actions, connection.identity().canOperate());
        TimelineViewModel timelineModel = new TimelineViewModel();
        TimelineFeed timeline = new TimelineFeed(connection, item.sessionId(), timelineModel,
                ui);
        TimelineView timelineView = new TimelineView(timelineModel, timeline::loadEarlier);
        SessionView view = null;
        Node content;
        if (item.row().tmux() == null) {
            content = new JobView(model, timelineView, dialogs).node();
        } else {
            LiveTerminal terminal = terminal(item);
            view = new SessionView(model, terminal, timelineView, dialogs, timelineDivider);
            item.rowProperty().addListener((observable, before, row) -> terminal.rowChanged(row));
            content = view.node();
        }
        Tab tab = new Tab(null, content);
        tab.setId("tab-session-" + item.sessionId());
        tab.setUserData(item.sessionId());
        tab.textProperty().bind(model.nameProperty());
        tab.setGraphic(new FontIcon(view == null ? Feather.PLAY : Feather.TERMINAL));
        tab.setOnClosed(event -> closed(item.sessionId()));
        open.put(item.sessionId(), new OpenSession(tab, view, timeline));
        timeline.start();
        tabs.getTabs().add(tab);
        if (select) {
            tabs.getSelectionModel().select(tab);
        }
        selectionChanged();
        save();
    }

    private LiveTerminal terminal(SessionItem item) {
        return new LiveTerminal(connection, ui, item.row(), clock);
    }

    private Tab gridTab() {
        if (gridTab == null) {
            grid = new GridView(gridModel, sessions, this::terminal, this::openSession);
            gridTab = new Tab(null, grid.node());
            gridTab.setId(GRID_TAB_ID);
            gridTab.textProperty().bind(Bindings.size(gridModel.sessionIds()).asString("Grid (%d)"));
            gridTab.setGraphic(new FontIcon(Feather.GRID));
            gridTab.setOnClosed(event -> {
                grid.close();
                gridModel.clear();
                grid = null;
                gridTab = null;
                save();
            });
            tabs.getTabs().add(tabs.getTabs().indexOf(hosts.tab()) + 1, gridTab);
        }
        return gridTab;
    }

    private void closed(String sessionId) {
        OpenSession session = open.remove(sessionId);
        if (session != null) {
            session.close();
        }
        save();
    }

    private void closeAll() {
        for (OpenSession session : List.copyOf(open.values())) {
            tabs.getTabs().remove(session.tab());
            session.close();
        }
        open.clear();
        if (gridTab != null) {
            grid.close();
            tabs.getTabs().remove(gridTab);
            grid = null;
            gridTab = null;
        }
        gridModel.clear();
    }

    private void selectionChanged() {
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        for (OpenSession session : open.values()) {
            session.shown(session.tab() == selected);
        }
        if (grid != null) {
            grid.visible(selected == gridTab);
        }
        if (selected == sessionsTab) {
            sessionsView.focusTable();
        }
        save();
    }

    private void shortcuts(KeyEvent event) {
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        if (grid != null && selected == gridTab) {
            grid.keyPressed(event, CLOSE_TAB);
            if (event.isConsumed()) {
                return;
            }
        }
        if (HOME.match(event)) {
            tabs.getSelectionModel().select(sessionsTab);
        } else if (ApprovalsScreen.SHORTCUT.match(event)) {
            tabs.getSelectionModel().select(approvals.tab());
        } else if (HostsScreen.SHORTCUT.match(event)) {
            tabs.getSelectionModel().select(hosts.tab());
        } else if (SpawnScreen.NEW_SESSION.match(event)) {
            spawn(SpawnKind.SESSION);
        } else if (SpawnScreen.NEW_JOB.match(event)) {
            spawn(SpawnKind.JOB);
        } else if (NEXT_TAB.match(event)) {
            tabs.getSelectionModel().selectNext();
        } else if (PREVIOUS_TAB.match(event)) {
            tabs.getSelectionModel().selectPrevious();
        } else if (CLOSE_TAB.match(event) && selected != null && selected.getUserData() instanceof String) {
            tabs.getTabs().remove(selected);
            closed((String) selected.getUserData());
        } else {
            return;
        }
        event.consume();
    }

    private void restore() {
        WorkspaceState state = pendingRestore;
        if (state == null || connection == null) {
            return;
        }
        pendingRestore = null;
        restoring = true;
        try {
            for (String id : state.open()) {
                SessionItem item = sessions.item(id);
                if (item != null) {
                    openSession(item, false);
                }
            }
            List<String> gridIds = state.grid().stream().filter(id -> sessions.item(id) != null).toList();
            if (!gridIds.isEmpty()) {
                gridModel.add(gridIds);
                gridTab();
            }
            select(state.selected());
        } finally {
            restoring = false;
        }
        selectionChanged();
    }

    private void select(String selected) {
        if (WorkspaceState.APPROVALS.equals(selected)) {
            tabs.getSelectionModel().select(approvals.tab());
        } else if (WorkspaceState.HOSTS.equals(selected)) {
            tabs.getSelectionModel().select(hosts.tab());
        } else if (WorkspaceState.GRID.equals(selected) && gridTab != null) {
            tabs.getSelectionModel().select(gridTab);
        } else if (open.containsKey(selected)) {
            tabs.getSelectionModel().select(open.get(selected).tab());
        } else {
            tabs.getSelectionModel().select(sessionsTab);
        }
    }

    private WorkspaceState currentState() {
        Tab selected = tabs.getSelectionModel().getSelectedItem();
        String which;
        if (selected == approvals.tab()) {
            which = WorkspaceState.APPROVALS;
        } else if (selected == hosts.tab()) {
            which = WorkspaceState.HOSTS;
        } else if (selected == gridTab && gridTab != null) {
            which = WorkspaceState.GRID;
        } else {
            which = selected != null && selected.getUserData() instanceof String id ? id : WorkspaceState.SESSIONS;
        }
        return new WorkspaceState(new ArrayList<>(open.keySet()), gridModel.snapshot(), which);
    }

    private void save() {
        if (!restoring && connection != null && pendingRestore == null) {
            saves.changed(currentState());
        }
    }

    /** At exit: writes what is not saved yet and waits for it. */
    public void close() {
        save();
        saves.close();
    }
}
