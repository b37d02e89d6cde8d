package dev.agentcommander.desktop.client;

import dev.agentcommander.schema.model.Role;

/** The signed-in user as {@code GET /v1/me} answers: what the window may offer depends on {@code role}. */
public record Identity(String sub, String email, Role role) {
    /** Operators and admins may type into panes, run commands and decide approvals. */
    public boolean canOperate() {
        return role == Role.ADMIN || role == Role.OPERATOR;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
