package dev.agentcommander.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.agentcommander.server.testing.Engine;
import dev.agentcommander.server.testing.Response;
import dev.agentcommander.server.testing.TestPlane;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Requests that are wrong before any route looks at them (a body that is no object, an oversized body, a path
 * that is not valid percent-encoding) still get the JSON error shape and no stack trace. Engine-independent: H2.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadRequestsTest {
    static TestPlane cp;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeAll
    static void start() {
        cp = TestPlane.start(Engine.H2);
    }

    @AfterAll
    static void stop() {
        cp.close();
    }

    @BeforeEach
    void captureLogs() {
        logged.start();
        rootLogger().addAppender(logged);
    }

    @AfterEach
    void releaseLogs() {
        rootLogger().detachAppender(logged);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/hosts", "/v1/sessions/s-1/commands", "/v1/hosts/h-1/commands",
        "/v1/approvals/a-1/decision", "/v1/auth/github"})
    void jsonNullBody_is400NamingTheBody_withoutAStackTrace(String path) {
        for (String body : new String[] {"null", "\"text\"", "42", "[]"}) {
            Response response = cp.post(path, cp.adminToken(), body);

            assertThat(response.status()).as(path + " " + body).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("bad_request");
            assertThat(response.body().at("/error/message").asText()).contains("body must be a JSON object");
        }
        assertThat(logged.list).noneMatch(event -> event.getThrowableProxy() != null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/hosts", "/v1/hosts/{host_id}/tokens"})
    void bodyOverTheLimit_is413_evenOnARouteThatReadsNoBody(String route) throws Exception {
        String path = route.replace("{host_id}", cp.createHost("big-body-" + UUID.randomUUID()));
        byte[] chunk = "n".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        int chunks = WebApp.MAX_REQUEST_BYTES / chunk.length + 1;

        RawResponse response = post(path, "Content-Length: " + (long) chunks * chunk.length, out -> {
            for (int i = 0; i < chunks; i++) {
                out.write(chunk);
            }
        });

        assertThat(response.status()).as(response.text()).isEqualTo(413);
        assertThat(response.json().at("/error/code").asText()).isEqualTo("payload_too_large");
        assertThat(logged.list).noneMatch(event -> event.getThrowableProxy() != null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/hosts", "/v1/hosts/{host_id}/tokens"})
    void chunkedBodyOverTheLimit_is413(String route) throws Exception {
        String path = route.replace("{host_id}", cp.createHost("chunked-" + UUID.randomUUID()));
        byte[] chunk = "n".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);

        RawResponse response = post(path, "Transfer-Encoding: chunked", out -> {
            for (int sent = 0; sent <= WebApp.MAX_REQUEST_BYTES; sent += chunk.length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });

        assertThat(response.status()).as(response.text()).isEqualTo(413);
        assertThat(response.json().at("/error/code").asText()).isEqualTo("payload_too_large");
        assertThat(logged.list).noneMatch(event -> event.getThrowableProxy() != null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/sessions/%zz", "/v1/%", "/v1/hosts/%C3%28", "/%2"})
    void badPercentEncoding_is400WithTheJsonErrorShape(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", cp.plane().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + cp.adminToken() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            RawResponse response = RawResponse.read(socket.getInputStream());

            assertThat(response.status()).as(response.text()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(response.json().at("/error/code").asText()).isEqualTo("bad_request");
        }
        assertThat(logged.list).noneMatch(event -> event.getThrowableProxy() != null);
    }

    /** Writes a request body; the server may stop reading it (and close) at any point. */
    private interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    /**
     * POSTs a body over a plain socket while reading the answer: the server answers 413 as soon as the body passes
     * the limit and then closes, so a client that only reads once it has sent everything may find the connection
     * reset before it sees the answer.
     */
    private static RawResponse post(String path, String bodyHeader, BodyWriter body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", cp.plane().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + cp.adminToken()
                    + "\r\nContent-Type: application/json\r\n" + bodyHeader + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Thread sender = new Thread(() -> {
                try {
                    body.write(out);
                    out.flush();
                } catch (IOException e) {
                    // the server answered and closed before the whole body was written
                }
            }, "oversized-body-sender");
            sender.start();
            try {
                return RawResponse.read(socket.getInputStream());
            } finally {
                socket.close(); // ends a send still blocked on a full buffer
                sender.join();
            }
        }
    }

    private static Logger rootLogger() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /**
     * An HTTP/1.1 answer read off a plain socket (java.net.http cannot send an invalid URI), up to the end of its body
     * by {@code Content-Length}, so a reset after the answer does not matter.
     */
    private record RawResponse(int status, String contentType, String text) {
        static RawResponse read(InputStream socketIn) throws IOException {
            InputStream in = new BufferedInputStream(socketIn);
            ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int next = in.read();
                if (next < 0) {
                    throw new IOException("connection closed inside the response head: " + headBytes);
                }
                headBytes.write(next);
                matched = next == "\r\n\r\n".charAt(matched) ? matched + 1 : (next == '\r' ? 1 : 0);
            }
            String head = headBytes.toString(StandardCharsets.US_ASCII);
            String contentType = "";
            int contentLength = -1;
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Type:", 0, 13)) {
                    contentType = line.substring(13).trim();
                } else if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    contentLength = Integer.parseInt(line.substring(15).trim());
                }
            }
            byte[] body = contentLength >= 0 ? in.readNBytes(contentLength) : in.readAllBytes();
            return new RawResponse(Integer.parseInt(head.split(" ")[1]), contentType,
                    new String(body, StandardCharsets.UTF_8));
        }

        JsonNode json() throws IOException {
            int start = text.indexOf('{');
            return cp.codec().mapper().readTree(text.substring(start, text.lastIndexOf('}') + 1));
        }
    }
}
