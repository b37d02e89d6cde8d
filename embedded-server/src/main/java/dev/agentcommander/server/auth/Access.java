package dev.agentcommander.server.auth;

import dev.agentcommander.schema.model.Role;
import io.javalin.security.RouteRole;

/** The least role a route needs; routes registered without one are public. */
public enum Access implements RouteRole {
    VIEWER(Role.VIEWER),
    OPERATOR(Role.OPERATOR),
    ADMIN(Role.ADMIN);

    private final Role role;

    Access(Role role) {
        this.role = role;
    }

    public Role role() {
        return role;
    }
}
