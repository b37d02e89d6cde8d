package dev.agentcommander.server.db;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Binds and reads {@link Instant} as {@code TIMESTAMP WITH TIME ZONE} through {@link OffsetDateTime}, which
 * both drivers convert exactly; {@code java.sql.Timestamp} would go through the JVM's default time zone.
 */
final class InstantMapping extends AbstractArgumentFactory<Instant> {
    private InstantMapping() {
        super(Types.TIMESTAMP_WITH_TIMEZONE);
    }

    static void install(Jdbi jdbi) {
        jdbi.registerArgument(new InstantMapping());
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        });
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
        OffsetDateTime utc = OffsetDateTime.ofInstant(value, ZoneOffset.UTC);
        return (position, statement, ctx) -> statement.setObject(position, utc);
    }
}
