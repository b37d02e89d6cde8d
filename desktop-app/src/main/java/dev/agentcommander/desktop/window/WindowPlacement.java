package dev.agentcommander.desktop.window;

import java.util.List;
import javafx.geometry.Rectangle2D;

/**
 * Fits saved window bounds to the screens there are now, so a window never opens off-screen: bounds that lie
 * inside one screen's visual bounds stay as they were; otherwise the window moves onto the screen it overlaps
 * most (the first screen, the primary, when it overlaps none), shrunk to fit it if need be.
 */
public final class WindowPlacement {
    private WindowPlacement() {
    }

    /** {@code screens}: the visual bounds of each screen, the primary first; none = bounds as they are. */
    public static Rectangle2D fit(Rectangle2D saved, List<Rectangle2D> screens) {
        if (screens.isEmpty() || screens.stream().anyMatch(screen -> contains(screen, saved))) {
            return saved;
        }
        Rectangle2D target = screens.get(0);
        double best = 0;
        for (Rectangle2D screen : screens) {
            double overlap = overlap(screen, saved);
            if (overlap > best) {
                best = overlap;
                target = screen;
            }
        }
        double width = Math.min(saved.getWidth(), target.getWidth());
        double height = Math.min(saved.getHeight(), target.getHeight());
        double x = clamp(saved.getMinX(), target.getMinX(), target.getMaxX() - width);
        double y = clamp(saved.getMinY(), target.getMinY(), target.getMaxY() - height);
        return new Rectangle2D(x, y, width, height);
    }

    private static boolean contains(Rectangle2D screen, Rectangle2D window) {
        return window.getMinX() >= screen.getMinX() && window.getMinY() >= screen.getMinY()
                && window.getMaxX() <= screen.getMaxX() && window.getMaxY() <= screen.getMaxY();
    }

    private static double overlap(Rectangle2D a, Rectangle2D b) {
        double width = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
        double height = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
        return width > 0 && height > 0 ? width * height : 0;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(value, max));
    }
}
