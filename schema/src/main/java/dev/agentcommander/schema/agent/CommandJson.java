package dev.agentcommander.schema.agent;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.agentcommander.schema.MissingFieldException;
import dev.agentcommander.schema.command.CommandBody;
import java.io.IOException;

/** Flattens {@link Command}'s body beside its ids on the wire, and back. */
final class CommandJson {
    private CommandJson() {
    }

    static final class Writer extends JsonSerializer<Command> {
        @Override
        public void serialize(Command command, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("command_id", command.commandId());
            if (command.sessionId() != null) {
                gen.writeStringField("session_id", command.sessionId());
            }
            gen.writeStringField("type", command.body().typeName());
            TokenBuffer buffer = new TokenBuffer(gen.getCodec(), false);
            provider.defaultSerializeValue(command.body(), buffer);
            ObjectNode body = gen.getCodec().readTree(buffer.asParser(gen.getCodec()));
            body.remove("type");
            for (var field : body.properties()) {
                gen.writeFieldName(field.getKey());
                gen.writeTree(field.getValue());
            }
            gen.writeEndObject();
        }
    }

    static final class Reader extends JsonDeserializer<Command> {
        @Override
        public Command deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = parser.readValueAsTree();
            if (!(tree instanceof ObjectNode node)) {
                throw new MissingFieldException("payload", "wrong type: expected an object");
            }
            String commandId = text(node.remove("command_id"), "command_id");
            JsonNode sessionNode = node.remove("session_id");
            String sessionId = sessionNode == null || sessionNode.isNull() ? null : text(sessionNode, "session_id");
            if (!node.hasNonNull("type")) {
                throw new MissingFieldException("type");
            }
            CommandBody body = context.readTreeAsValue(node, CommandBody.class);
            return new Command(commandId, sessionId, body);
        }

        private static String text(JsonNode value, String field) {
            if (value == null || value.isNull()) {
                throw new MissingFieldException(field);
            }
            if (!value.isTextual()) {
                throw new MissingFieldException(field, "wrong type: expected a string");
            }
            return value.textValue();
        }
    }
}
