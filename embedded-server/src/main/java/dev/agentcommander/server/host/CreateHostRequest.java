package dev.agentcommander.server.host;

import dev.agentcommander.schema.MissingFieldException;
import dev.agentcommander.schema.Require;

/** Body of {@code POST /v1/hosts}. */
public record CreateHostRequest(String name) {
    static final int MAX_NAME_LENGTH = 200;

    public CreateHostRequest {
        name = Require.text(name, "name").strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw new MissingFieldException("name", "at most " + MAX_NAME_LENGTH + " characters");
        }
    }
}
