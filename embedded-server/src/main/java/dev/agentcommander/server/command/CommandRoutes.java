package dev.agentcommander.server.command;

import dev.agentcommander.schema.WireCodec;
import dev.agentcommander.schema.command.CommandBody;
import dev.agentcommander.schema.model.CommandRow;
import dev.agentcommander.server.auth.Access;
import dev.agentcommander.server.auth.AccessGuard;
import io.javalin.config.RoutesConfig;

/** Issue commands to a session or a host (202 {@code {command_id}}) and read them back. Stateless, thread-safe. */
public final class CommandRoutes {
    /** The answer of issuing: the command's id, to poll or to match its {@code command.completed} event. */
    public record Issued(String commandId) {
    }

    private final Commands commands;
    private final WireCodec codec;

    public CommandRoutes(Commands commands, WireCodec codec) {
        this.commands = commands;
        this.codec = codec;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/sessions/{session_id}/commands", ctx -> {
            CommandBody body = codec.decodeBody(ctx.body(), CommandBody.class);
            CommandRow row = commands.issueForSession(ctx.pathParam("session_id"), body, AccessGuard.principal(ctx));
            ctx.status(202).json(new Issued(row.commandId()));
        }, Access.OPERATOR);
        routes.post("/v1/hosts/{host_id}/commands", ctx -> {
            CommandBody body = codec.decodeBody(ctx.body(), CommandBody.class);
            CommandRow row = commands.issueForHost(ctx.pathParam("host_id"), body, AccessGuard.principal(ctx));
            ctx.status(202).json(new Issued(row.commandId()));
        }, Access.OPERATOR);
        routes.get("/v1/commands/{command_id}", ctx -> ctx.json(commands.require(ctx.pathParam("command_id"))),
                Access.VIEWER);
    }
}
