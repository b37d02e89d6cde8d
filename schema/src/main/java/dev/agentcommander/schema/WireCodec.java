package dev.agentcommander.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;

/**
 * The one JSON codec of the project: snake_case, ISO-8601 UTC instants, no scalar coercion.
 * Decoding is strict: an unknown type, a missing required or mistyped field, text with a NUL character or a
 * timestamp outside 1970..9999 ({@link StorableScalars}) is a {@link WireFormatException} naming the field.
 * Optional booleans default to false when absent or null. Unknown extra fields are ignored, so a newer peer can
 * add fields. Thread-safe.
 */
public final class WireCodec {
    private final ObjectMapper mapper;

    public WireCodec() {
        this.mapper = createMapper();
    }

    /** The configured mapper, for REST bodies and anything else that speaks our JSON. */
    public ObjectMapper mapper() {
        return mapper;
    }

    public String encode(Envelope envelope) {
        ObjectNode root = mapper.createObjectNode();
        root.put("type", envelope.type().wireName());
        if (envelope.seq() != null) {
            root.put("seq", envelope.seq());
        }
        root.put("ts", envelope.ts().toString());
        root.set("payload", mapper.valueToTree(envelope.payload()));
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + envelope.type().wireName(), e);
        }
    }

    public Envelope decode(String text) throws WireFormatException {
        JsonNode root = parse(text);
        if (!root.isObject()) {
            throw new WireFormatException("$", "expected a JSON object, got " + nodeType(root));
        }
        JsonNode typeNode = root.get("type");
        if (typeNode == null || typeNode.isNull()) {
            throw new WireFormatException("type", "required field is missing");
        }
        if (!typeNode.isTextual()) {
            throw new WireFormatException("type", "expected a string");
        }
        MessageType type = MessageType.byWireName(typeNode.textValue())
                .orElseThrow(() -> new WireFormatException("type", "unknown message type '" + typeNode.textValue() + "'"));
        Long seq = readSeq(root.get("seq"));
        if (type.durable() && seq == null) {
            throw new WireFormatException("seq", "required for durable message " + type.wireName());
        }
        Instant ts = readTs(root.get("ts"));
        JsonNode payload = root.get("payload");
        if (payload == null || payload.isNull()) {
            throw new WireFormatException("payload", "required field is missing");
        }
        if (!payload.isObject()) {
            throw new WireFormatException("payload", "expected an object");
        }
        Message message = read(payload, type.recordType(), "payload");
        return new Envelope(type, seq, ts, message);
    }

    /** Decodes a REST body, which must be a JSON object, strictly into {@code type}. */
    public <T> T decodeBody(String json, Class<T> type) throws WireFormatException {
        JsonNode root = parse(json);
        if (!root.isObject()) {
            throw new WireFormatException("$", "body must be a JSON object, got " + nodeType(root));
        }
        return read(root, type, "");
    }

    /** Converts an already parsed tree strictly; {@code path} prefixes field names in errors. */
    public <T> T read(JsonNode node, Class<T> type, String path) throws WireFormatException {
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw translate(e, path);
        }
    }

    private JsonNode parse(String text) throws WireFormatException {
        if (text == null || text.isBlank()) {
            throw new WireFormatException("$", "empty document");
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new WireFormatException("$", "malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static String nodeType(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static Long readSeq(JsonNode seqNode) throws WireFormatException {
        if (seqNode == null || seqNode.isNull()) {
            return null;
        }
        if (!seqNode.isIntegralNumber() || !seqNode.canConvertToLong()) {
            throw new WireFormatException("seq", "expected an integer");
        }
        if (seqNode.longValue() <= 0) {
            throw new WireFormatException("seq", "must be positive, was " + seqNode.longValue());
        }
        return seqNode.longValue();
    }

    private static Instant readTs(JsonNode tsNode) throws WireFormatException {
        if (tsNode == null || tsNode.isNull()) {
            return Instant.now();
        }
        if (!tsNode.isTextual()) {
            throw new WireFormatException("ts", "expected a UTC ISO-8601 string");
        }
        Instant ts;
        try {
            ts = IsoInstants.parse(tsNode.textValue());
        } catch (DateTimeParseException e) {
            throw new WireFormatException("ts", "expected a UTC ISO-8601 string like 2026-01-31T12:00:00Z, was '"
                    + tsNode.textValue() + "'");
        }
        try {
            return StorableScalars.instant(ts);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("ts", e.getMessage());
        }
    }

    private static WireFormatException translate(Exception error, String prefix) {
        String path = error instanceof JsonMappingException mapping ? join(prefix, pathOf(mapping)) : prefix;
        MissingFieldException missing = causeOfType(error, MissingFieldException.class);
        if (missing != null) {
            return new WireFormatException(join(path, missing.field()), reasonAfterField(missing));
        }
        if (error instanceof InvalidTypeIdException typeId) {
            return new WireFormatException(join(path, "type"), "unknown command type '" + typeId.getTypeId() + "'");
        }
        IllegalArgumentException invalid = causeOfType(error, IllegalArgumentException.class);
        if (invalid != null && invalid != error) {
            return new WireFormatException(orRoot(path), invalid.getMessage());
        }
        if (error instanceof JsonParseException parse) {
            return new WireFormatException(orRoot(path), "malformed JSON: " + parse.getOriginalMessage());
        }
        if (error instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            String got = "";
            if (error instanceof InvalidFormatException format && format.getValue() != null) {
                got = format.getValue() instanceof String text ? ", got \"" + text + "\"" : ", got " + format.getValue();
            }
            return new WireFormatException(orRoot(path), "wrong type: expected " + describe(mismatch.getTargetType()) + got);
        }
        String reason = error instanceof JsonMappingException mapping ? mapping.getOriginalMessage() : error.getMessage();
        return new WireFormatException(orRoot(path), reason == null ? "invalid value" : reason.split("\n")[0]);
    }

    private static String describe(Class<?> target) {
        if (target == String.class) {
            return "a string";
        }
        if (target == Long.class || target == long.class || target == Integer.class || target == int.class) {
            return "an integer";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == Instant.class) {
            return "a UTC ISO-8601 timestamp like 2026-01-31T12:00:00Z";
        }
        if (Collection.class.isAssignableFrom(target)) {
            return "an array";
        }
        return "an object";
    }

    private static String pathOf(JsonMappingException error) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : error.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String reasonAfterField(MissingFieldException missing) {
        String message = missing.getMessage();
        String head = missing.field() + ": ";
        return message.startsWith(head) ? message.substring(head.length()) : message;
    }

    private static <E extends Throwable> E causeOfType(Throwable error, Class<E> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String join(String prefix, String path) {
        if (prefix.isEmpty()) {
            return path;
        }
        if (path.isEmpty()) {
            return prefix;
        }
        return path.startsWith("[") ? prefix + path : prefix + "." + path;
    }

    private static String orRoot(String path) {
        return path.isEmpty() ? "$" : path;
    }

    private static ObjectMapper createMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(StorableScalars.module())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        for (LogicalType target : new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Float,
                LogicalType.Boolean}) {
            mapper.coercionConfigFor(target)
                    .setCoercion(CoercionInputShape.Integer, target == LogicalType.Integer || target == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, target == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, target == LogicalType.Boolean
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, target == LogicalType.Textual
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, target == LogicalType.Textual
                            ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        return mapper;
    }
}
