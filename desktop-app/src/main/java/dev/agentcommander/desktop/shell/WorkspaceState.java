package dev.agentcommander.desktop.shell;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the window had open, kept across restarts: the sessions open as tabs, the sessions in the console grid, and
 * which tab was selected ({@code sessions}, {@code approvals}, {@code hosts}, {@code grid} or a session id).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkspaceState(List<String> open, List<String> grid, String selected) {
    public static final String SESSIONS = "sessions";
    public static final String APPROVALS = "approvals";
    public static final String HOSTS = "hosts";
    public static final String GRID = "grid";
    public static final WorkspaceState EMPTY = new WorkspaceState(List.of(), List.of(), SESSIONS);

    public WorkspaceState {
        open = open == null ? List.of() : List.copyOf(open);
        grid = grid == null ? List.of() : List.copyOf(grid);
        selected = selected == null ? SESSIONS : selected;
    }
}
