package dev.agentcommander.desktop.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a terminal view received, as an asciicast v2 recording: output events {@code [t, "o", text]} (repaints
 * included, so the recording plays to the same screen) and resize events {@code [t, "r", "COLSxROWS"]}. Bytes are
 * decoded as UTF-8 across chunk boundaries. Bounded: past {@link #MAX_CHARS} the recording keeps what follows the
 * latest repaint. UI thread only.
 */
public final class ConsoleRecording {
    static final int MAX_CHARS = 16 << 20;

    private record Event(double seconds, String code, String data) { }

    private final Clock clock;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final List<Event> events = new ArrayList<>();
    private ByteBuffer leftover = ByteBuffer.allocate(0);
    private Instant startedAt;
    private int cols;
    private int rows;
    /** The size the first event plays at. */
    private int startCols;
    private int startRows;
    private int lastRepaint = -1;
    private long chars;

    public ConsoleRecording(Clock clock, int cols, int rows) {
        this.clock = clock;
        this.cols = cols;
        this.rows = rows;
        this.startCols = cols;
        this.startRows = rows;
        this.startedAt = clock.instant();
    }

    /** The stream starts over with a repaint: what came before is no longer needed to reach the screen. */
    public void repaint() {
        leftover = ByteBuffer.allocate(0);
        decoder.reset();
        lastRepaint = events.size();
    }

    public void output(byte[] data) {
        ByteBuffer input = ByteBuffer.allocate(leftover.remaining() + data.length);
        input.put(leftover).put(data).flip();
        CharBuffer text = CharBuffer.allocate(input.remaining() + 1);
        decoder.decode(input, text, false);
        leftover = input.slice();
        text.flip();
        if (text.hasRemaining()) {
            add("o", text.toString());
        }
    }

    public void resized(int newCols, int newRows) {
        if (newCols == cols && newRows == rows) {
            return;
        }
        cols = newCols;
        rows = newRows;
        add("r", newCols + "x" + newRows);
    }

    public int eventCount() {
        return events.size();
    }

    /** Writes the recording as an asciicast v2 file (atomically: a temp file moved into place). */
    public void export(Path file, String title, ObjectMapper json) throws IOException {
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".cast-", ".tmp");
        try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            write(out, title, json);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void write(Writer out, String title, ObjectMapper json) throws IOException {
        ObjectNode header = json.createObjectNode()
                .put("version", 2).put("width", startCols).put("height", startRows)
                .put("timestamp", startedAt.getEpochSecond());
        if (title != null) {
            header.put("title", title);
        }
        header.putObject("env").put("TERM", "xterm-256color");
        out.write(json.writeValueAsString(header));
        out.write('\n');
        for (Event event : events) {
            ArrayNode line = json.createArrayNode().add(event.seconds()).add(event.code()).add(event.data());
            out.write(json.writeValueAsString(line));
            out.write('\n');
        }
    }

    private void add(String code, String data) {
        double seconds = Math.max(0, (clock.millis() - startedAt.toEpochMilli()) / 1000.0);
        events.add(new Event(seconds, code, data));
        chars += data.length();
        if (chars > MAX_CHARS) {
            trim();
        }
    }

    /** Drops what precedes the latest repaint; the recording then starts at that repaint's time. */
    private void trim() {
        int from = lastRepaint > 0 ? lastRepaint : events.size() / 2;
        for (Event event : events.subList(0, from)) {
            if (event.code().equals("r")) {
                String[] size = event.data().split("x");
                startCols = Integer.parseInt(size[0]);
                startRows = Integer.parseInt(size[1]);
            }
        }
        List<Event> kept = new ArrayList<>(events.subList(from, events.size()));
        double shift = kept.isEmpty() ? 0 : kept.get(0).seconds();
        events.clear();
        chars = 0;
        for (Event event : kept) {
            events.add(new Event(event.seconds() - shift, event.code(), event.data()));
            chars += event.data().length();
        }
        startedAt = startedAt.plusMillis((long) (shift * 1000));
        lastRepaint = lastRepaint > 0 ? 0 : -1;
    }
}
