package dev.agentcommander.schema.command;

import dev.agentcommander.schema.MissingFieldException;
import dev.agentcommander.schema.Require;

/** Run {@code codex exec --json prompt} in {@code cwd} with a deadline of {@code timeout_s} seconds. */
public record SpawnJob(String cwd, String prompt, Integer timeoutS) implements CommandBody {
    public SpawnJob {
        Require.text(cwd, "cwd");
        Require.text(prompt, "prompt");
        if (timeoutS != null && timeoutS <= 0) {
            throw new MissingFieldException("timeout_s", "must be positive, was " + timeoutS);
        }
    }

    @Override
    public boolean targetsSession() {
        return false;
    }
}
