package dev.agentcommander.desktop;

import dev.agentcommander.desktop.shell.DesktopApp;
import dev.agentcommander.desktop.solo.DataDir;
import javafx.application.Application;
import picocli.CommandLine;

/**
 * Entry point of the runnable jar. It must not extend {@link Application}: the JavaFX launcher refuses a
 * non-modular main class that does, while a plain class may start the application from the classpath.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        CommandLine commandLine = LaunchOptions.commandLine();
        LaunchOptions options;
        try {
            commandLine.parseArgs(args);
            if (commandLine.isUsageHelpRequested()) {
                commandLine.usage(System.out);
                return;
            }
            if (commandLine.isVersionHelpRequested()) {
                commandLine.printVersionHelp(System.out);
                return;
            }
            options = LaunchOptions.parse(args);
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            commandLine.usage(System.err);
            System.exit(2);
            return;
        }
        // Logback reads this when the first logger is created, which must come after parsing.
        System.setProperty("agent-commander.log.dir", DataDir.resolve(options.dataDir()).resolve("logs").toString());
        Application.launch(DesktopApp.class, args);
        // Library threads that outlive close() must not keep the JVM alive after the window is gone.
        System.exit(0);
    }
}
