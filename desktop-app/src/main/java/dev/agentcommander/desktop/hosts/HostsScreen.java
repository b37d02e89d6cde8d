package dev.agentcommander.desktop.hosts;

import dev.agentcommander.desktop.sessions.SessionAction;
import dev.agentcommander.desktop.sessions.SessionItem;
import dev.agentcommander.desktop.sessions.SessionsViewModel;
import dev.agentcommander.desktop.shell.Connection;
import dev.agentcommander.desktop.shell.UiExecutor;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Hosts tab as the workspace holds it: the view, its model, the feed of the current connection, and the
 * session counts taken from the sessions table's rows. UI thread.
 */
public final class HostsScreen {
    public static final String TAB_ID = "tab-hosts";
    /** Reaches the hosts screen from anywhere, a terminal included. */
    public static final KeyCombination SHORTCUT = SessionAction.shortcut(KeyCode.J);

    private final SessionsViewModel sessions;
    private final Supplier<Instant> now;
    private final UiExecutor ui;
    private final HostsViewModel model;
    private final HostsView view;
    private final Tab tab;
    private HostsFeed feed;

    public HostsScreen(SessionsViewModel sessions, Supplier<Instant> now, UiExecutor ui) {
        this.sessions = sessions;
        this.now = now;
        this.ui = ui;
        model = new HostsViewModel(now.get());
        view = new HostsView(model);
        tab = new Tab("Hosts", view.node());
        tab.setId(TAB_ID);
        tab.setClosable(false);
        tab.setGraphic(new FontIcon(Feather.SERVER));
        tab.selectedProperty().addListener((observable, before, selected) -> view.visible(selected));
        sessions.allItems().addListener((ListChangeListener<SessionItem>) change -> countSessions());
    }

    public Tab tab() {
        return tab;
    }

    public HostsViewModel model() {
        return model;
    }

    public HostsView view() {
        return view;
    }

    /** The app is (again) connected: the hosts topic is followed on the new connection. */
    public void connected(Connection connection) {
        if (feed != null) {
            feed.close();
        }
        feed = new HostsFeed(connection, model, ui);
        feed.start();
    }

    /** Every second: last-seen times move on, and session counts follow rows that changed in place. */
    public void tick() {
        countSessions();
        model.tick(now.get());
    }

    private void countSessions() {
        model.countSessions(sessions.allItems().stream().map(SessionItem::row).toList());
    }
}
