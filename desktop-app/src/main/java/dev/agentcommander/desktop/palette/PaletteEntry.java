package dev.agentcommander.desktop.palette;

/** One thing the palette can jump to or do: what it shows, a hint beside it (a shortcut, a folder), and the deed. */
public record PaletteEntry(Kind kind, String text, String hint, Runnable action) {
    public enum Kind { APPROVAL, SESSION, ACTION }
}
