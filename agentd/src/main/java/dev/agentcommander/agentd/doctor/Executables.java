package dev.agentcommander.agentd.doctor;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds a program the way {@code execvp} does: a name with a {@code /} as that path, else the first hit on PATH. */
final class Executables {
    private Executables() {
    }

    static Optional<Path> resolve(String program, List<Path> searchPath) {
        try {
            if (program.contains("/")) {
                Path path = Path.of(program);
                return runnable(path) ? Optional.of(path.toAbsolutePath()) : Optional.empty();
            }
            return searchPath.stream().map(dir -> dir.resolve(program)).filter(Executables::runnable).findFirst()
                    .map(Path::toAbsolutePath);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Where a missing program was looked for, for the problem line. */
    static String lookedIn(String program, List<Path> searchPath) {
        if (program.contains("/")) {
            return "'" + program + "' is not an executable file";
        }
        return "'" + program + "' not found on PATH (" + String.join(":", searchPath.stream().map(Path::toString)
                .toList()) + ")";
    }

    private static boolean runnable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
