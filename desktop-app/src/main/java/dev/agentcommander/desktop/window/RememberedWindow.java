package dev.agentcommander.desktop.window;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Gives the main window the layout it had when it was last closed, fitted to today's screens, and keeps track of
 * its normal bounds (those it returns to from maximized). The layout is saved a moment after each change, off the
 * UI thread, so a crash loses at most that moment, and once more on close. UI thread.
 */
public final class RememberedWindow {
    private final Stage stage;
    private final WindowLayoutStore store;
    private final DoubleProperty timelineDivider;
    private final DebouncedSave<WindowLayout> saves;
    private Rectangle2D normalBounds;

    /** {@code timelineDivider}: the session views' divider, restored from and saved to the same file. */
    public RememberedWindow(Stage stage, WindowLayoutStore store, DoubleProperty timelineDivider) {
        this.stage = stage;
        this.store = store;
        this.timelineDivider = timelineDivider;
        this.saves = new DebouncedSave<>("window-save", DebouncedSave.SOON, store::save);
    }

    /** Before the stage is shown: the saved layout, if any; else the stage keeps its default size and centring. */
    public void restore() {
        store.load().ifPresent(layout -> {
            List<Rectangle2D> screens = new ArrayList<>();
            screens.add(Screen.getPrimary().getVisualBounds());
            Screen.getScreens().stream().filter(screen -> !screen.equals(Screen.getPrimary()))
                    .map(Screen::getVisualBounds).forEach(screens::add);
            Rectangle2D bounds = WindowPlacement.fit(
                    new Rectangle2D(layout.x(), layout.y(), layout.width(), layout.height()), screens);
            stage.setX(bounds.getMinX());
            stage.setY(bounds.getMinY());
            stage.setWidth(bounds.getWidth());
            stage.setHeight(bounds.getHeight());
            stage.setMaximized(layout.maximized());
            timelineDivider.set(layout.timelineDivider());
            normalBounds = bounds;
        });
        for (ObservableValue<?> part : List.of(stage.xProperty(), stage.yProperty(), stage.widthProperty(),
                stage.heightProperty(), stage.maximizedProperty(), timelineDivider)) {
            part.addListener((observable, before, now) -> changed());
        }
    }

    /** On close: saves the normal bounds, whether maximized, the divider, and waits for the write. */
    public void close() {
        changed();
        saves.close();
    }

    private void changed() {
        remember();
        if (normalBounds != null) {
            saves.changed(new WindowLayout(normalBounds.getMinX(), normalBounds.getMinY(), normalBounds.getWidth(),
                    normalBounds.getHeight(), stage.isMaximized(), timelineDivider.get()));
        }
    }

    private void remember() {
        // A maximized or minimized window's bounds are not the ones to come back to.
        if (!stage.isMaximized() && !stage.isIconified() && stage.getWidth() > 0 && stage.getHeight() > 0
                && Double.isFinite(stage.getX()) && Double.isFinite(stage.getY())) {
            normalBounds = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        }
    }
}
