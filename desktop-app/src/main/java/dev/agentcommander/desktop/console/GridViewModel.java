package dev.agentcommander.desktop.console;

import java.util.Collection;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The console grid without controls: which sessions are tiles, in order, and which tile has the keyboard.
 * Owned by the UI thread.
 */
public final class GridViewModel {
    private final ObservableList<String> sessionIds = FXCollections.observableArrayList();
    private final IntegerProperty focused = new SimpleIntegerProperty(this, "focused", -1);

    /** Adds the sessions not in the grid yet, in the given order. */
    public void add(Collection<String> ids) {
        for (String id : ids) {
            if (!sessionIds.contains(id)) {
                sessionIds.add(id);
            }
        }
        if (focused.get() < 0 && !sessionIds.isEmpty()) {
            focused.set(0);
        }
    }

    public void remove(String sessionId) {
        int index = sessionIds.indexOf(sessionId);
        if (index < 0) {
            return;
        }
        sessionIds.remove(index);
        if (sessionIds.isEmpty()) {
            focused.set(-1);
        } else if (focused.get() >= sessionIds.size()) {
            focused.set(sessionIds.size() - 1);
        }
    }

    public void clear() {
        sessionIds.clear();
        focused.set(-1);
    }

    public ObservableList<String> sessionIds() {
        return sessionIds;
    }

    public List<String> snapshot() {
        return List.copyOf(sessionIds);
    }

    public IntegerProperty focusedProperty() {
        return focused;
    }

    public String focusedSessionId() {
        int index = focused.get();
        return index >= 0 && index < sessionIds.size() ? sessionIds.get(index) : null;
    }

    /** Moves the keyboard to the tile {@code dx} columns and {@code dy} rows away, if there is one. */
    public void move(int dx, int dy) {
        GridLayout layout = GridLayout.of(sessionIds.size());
        int index = focused.get();
        if (index < 0 || layout.columns() == 0) {
            return;
        }
        int column = index % layout.columns() + dx;
        int row = index / layout.columns() + dy;
        int target = row * layout.columns() + column;
        if (column >= 0 && column < layout.columns() && row >= 0 && target < sessionIds.size()) {
            focused.set(target);
        }
    }
}
