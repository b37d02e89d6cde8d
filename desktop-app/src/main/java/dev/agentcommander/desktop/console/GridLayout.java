package dev.agentcommander.desktop.console;

/** How many columns and rows a grid of {@code tiles} terminals takes: 1, 2×1, 2×2, 3×2, 3×3, 4×3 … */
public record GridLayout(int columns, int rows) {
    public static GridLayout of(int tiles) {
        if (tiles <= 0) {
            return new GridLayout(0, 0);
        }
        int columns = (int) Math.ceil(Math.sqrt(tiles));
        int rows = (int) Math.ceil(tiles / (double) columns);
        return new GridLayout(columns, rows);
    }
}
