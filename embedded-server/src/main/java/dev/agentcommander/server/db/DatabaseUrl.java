package dev.agentcommander.server.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A JDBC URL with its credentials and engine, parsed from {@code DATABASE_URL}: {@code jdbc:h2:...},
 * {@code jdbc:postgresql://...} or {@code postgres://user:pass@host:port/db}. H2 URLs always get the
 * PostgreSQL-compatibility options the one migration set relies on.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password, DatabaseEngine engine) {
    /**
     * Appended when missing: the PostgreSQL-compatibility options our SQL relies on, and {@code WRITE_DELAY=0}, so
     * that a commit returns only once H2 has written it to its file. With H2's default delay a commit stays in memory
     * and a background writer stores it later, asynchronously: a {@code CHECKPOINT} run meanwhile finds nothing left
     * to write and returns before that write reaches the file, and when the write then fails (a full disk) the
     * commits it held are lost although they were confirmed ({@code H2DiskFullTest}).
     */
    static final String[] H2_OPTIONS = {"MODE=PostgreSQL", "DATABASE_TO_LOWER=TRUE", "DEFAULT_NULL_ORDERING=HIGH",
        "WRITE_DELAY=0"};

    public DatabaseUrl {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(engine, "engine");
    }

    /**
     * Parses {@code url}; null or blank means the H2 file database {@code <dataDir>/agent-commander}.
     *
     * @throws IllegalArgumentException naming what is wrong and the accepted forms
     */
    public static DatabaseUrl parse(String url, Path dataDir) {
        if (url == null || url.isBlank()) {
            Objects.requireNonNull(dataDir, "dataDir is needed when no database URL is given");
            return h2("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("agent-commander"));
        }
        String trimmed = url.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return h2(trimmed);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(trimmed, null, null, DatabaseEngine.POSTGRESQL);
        }
        if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
            return fromPostgresUri(trimmed);
        }
        throw new IllegalArgumentException("unsupported DATABASE_URL '" + redacted(trimmed)
                + "': expected jdbc:h2:..., jdbc:postgresql://... or postgres://user:pass@host:port/db");
    }

    /** The URL without credentials, for logs. */
    public String display() {
        return redacted(jdbcUrl);
    }

    private static DatabaseUrl h2(String url) {
        StringBuilder full = new StringBuilder(url);
        String upper = url.toUpperCase(Locale.ROOT);
        if (upper.contains(";WRITE_DELAY=") && !upper.matches(".*;WRITE_DELAY=0+(;.*)?")) {
            throw new IllegalArgumentException("DATABASE_URL '" + redacted(url) + "' sets an H2 write delay: leave it"
                    + " out or use WRITE_DELAY=0, since the control plane answers a write only once it is in the file");
        }
        for (String option : H2_OPTIONS) {
            String key = option.substring(0, option.indexOf('=') + 1);
            if (!upper.contains(";" + key)) {
                full.append(';').append(option);
            }
        }
        return new DatabaseUrl(full.toString(), null, null, DatabaseEngine.H2);
    }

    private static DatabaseUrl fromPostgresUri(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed DATABASE_URL '" + redacted(url) + "': " + e.getReason(), e);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL '" + redacted(url) + "' names no host");
        }
        String database = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (database.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL '" + redacted(url) + "' names no database (…/dbname)");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String jdbc = "jdbc:postgresql://" + uri.getHost() + port + "/" + database + query;
        return new DatabaseUrl(jdbc, user, password, DatabaseEngine.POSTGRESQL);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    /** Hides a password in user-info form and in {@code password=} parameters. */
    private static String redacted(String url) {
        return url.replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@")
                .replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
