package dev.agentcommander.agentd.app;

import dev.agentcommander.agentd.hooks.HookWire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code agentd hook <HookEventName> [--socket PATH | --state-dir DIR]}: what a Claude Code {@code "type": "command"}
 * hook runs. Sends the hook's JSON (stdin) and {@code $TMUX_PANE} to the running agentd over its Unix socket and
 * prints the answer (a decision, or nothing) on stdout. Always exits 0: when agentd cannot be reached or refuses,
 * it prints nothing on stdout (Claude Code then shows its own dialog for the person) and one line on stderr. Runs
 * before any logging or command-line library is loaded, so a hook costs little more than a JVM start.
 */
final class HookCommand {
    /** Where {@code agentd hook} looks without options: the default state dir's socket. */
    static final Path DEFAULT_SOCKET = Path.of("/var/lib/agentd/hook.sock");
    static final String SOCKET_ENV = "AGENTD_HOOK_SOCKET";

    private HookCommand() {
    }

    /** {@code args[0]} is {@code hook}. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        String event = null;
        Path socket = env.containsKey(SOCKET_ENV) ? Path.of(env.get(SOCKET_ENV)) : DEFAULT_SOCKET;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--socket") || arg.equals("--state-dir")) && i + 1 < args.length) {
                Path value = Path.of(args[++i]);
                socket = arg.equals("--socket") ? value : value.resolve("hook.sock");
            } else if (arg.equals("-h") || arg.equals("--help")) {
                out.println("usage: agentd hook <HookEventName> [--socket PATH | --state-dir DIR]  "
                        + "(hook JSON on stdin, decision on stdout; always exits 0)");
                return 0;
            } else if (event == null && !arg.startsWith("-")) {
                event = arg;
            } else {
                err.println("agentd hook: unexpected argument '" + arg + "'");
                return 0;
            }
        }
        if (event == null) {
            err.println("agentd hook: missing the hook event name, e.g. `agentd hook PermissionRequest`");
            return 0;
        }
        try {
            byte[] body = in.readAllBytes();
            HookWire.Reply reply = HookWire.parseReply(exchange(socket,
                    HookWire.request(event, env.get("TMUX_PANE"), body)));
            if (reply.status() == 200) {
                out.print(reply.body());
                out.flush();
            } else {
                err.println("agentd hook: agentd refused the " + event + " hook (" + reply.status() + "): "
                        + reply.body().strip());
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("agentd hook: cannot reach agentd at " + socket + " (" + e.getMessage()
                    + "); is `agentd run` up? The dialog stays for you in the pane.");
        }
        return 0;
    }

    private static byte[] exchange(Path socket, byte[] request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.shutdownOutput();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                answer.write(buffer.array(), 0, buffer.limit());
                buffer.clear();
            }
            return answer.toByteArray();
        }
    }
}
