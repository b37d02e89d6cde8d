package dev.agentcommander.desktop.solo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;

/** Small secret files (JWT secret, host token, settings with a database password) readable by this user only (mode 600). */
public final class PrivateFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PrivateFile() {
    }

    /** The file's trimmed content, or {@code generate}'s value written there first when it is missing or empty. */
    static String readOrCreate(Path file, Supplier<String> generate) throws IOException {
        if (Files.exists(file)) {
            String content = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!content.isEmpty()) {
                restrict(file);
                return content;
            }
        }
        String value = generate.get();
        write(file, value);
        return value;
    }

    /** Replaces the file atomically; the content is never readable by others, not even briefly. */
    public static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (posix()) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(temp);
        }
        Files.writeString(temp, content + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static boolean hasContent(Path file) throws IOException {
        return Files.exists(file) && !Files.readString(file, StandardCharsets.UTF_8).isBlank();
    }

    private static void restrict(Path file) throws IOException {
        if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
