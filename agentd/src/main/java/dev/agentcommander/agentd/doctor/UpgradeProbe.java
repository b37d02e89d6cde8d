package dev.agentcommander.agentd.doctor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends one WebSocket upgrade request ({@code ws://} or {@code wss://}), with an {@code Authorization} header or
 * without, and reads the status and, unless the upgrade was accepted, the body; the connection is closed right after. A bare
 * HTTP/1.1 exchange because the JDK's HTTP client refuses to send {@code Upgrade} headers and a WebSocket client
 * does not show a refusal's body. Stateless.
 */
final class UpgradeProbe {
    /** The answer: 101 = upgraded (and closed at once), anything else with its body (at most 8 KiB). */
    record Answer(int status, String body) {
    }

    private static final int MAX_BODY = 8 * 1024;
    private static final int MAX_HEADER_LINE = 8 * 1024;

    private final Duration timeout;

    UpgradeProbe(Duration timeout) {
        this.timeout = timeout;
    }

    Answer send(URI webSocket, Optional<String> authorization) throws IOException {
        boolean secure = "wss".equalsIgnoreCase(webSocket.getScheme());
        int port = webSocket.getPort() != -1 ? webSocket.getPort() : secure ? 443 : 80;
        String host = webSocket.getHost();
        try (Socket socket = open(host, port, secure)) {
            String path = webSocket.getRawPath() == null || webSocket.getRawPath().isEmpty() ? "/"
                    : webSocket.getRawPath();
            String target = webSocket.getRawQuery() == null ? path : path + "?" + webSocket.getRawQuery();
            byte[] key = new byte[16];
            new SecureRandom().nextBytes(key);
            String request = "GET " + target + " HTTP/1.1\r\n"
                    + "Host: " + host + ":" + port + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + authorization.map(value -> "Authorization: " + value + "\r\n").orElse("")
                    + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(socket.getInputStream());
        } catch (NumberFormatException e) {
            throw new IOException("malformed HTTP answer: " + e.getMessage(), e);
        }
    }

    private Socket open(String host, int port, boolean secure) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            if (!secure) {
                return plain;
            }
            SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(plain, host, port, true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            try {
                plain.close();
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: '" + statusLine + "'");
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status line: '" + statusLine + "'", e);
        }
        long length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            }
        }
        if (status == 101) {
            return new Answer(status, "");
        }
        byte[] body = chunked ? chunks(in) : in.readNBytes((int) Math.min(length < 0 ? MAX_BODY : length, MAX_BODY));
        return new Answer(status, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (body.size() < MAX_BODY) {
            String sizeLine = line(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            if (size == 0) {
                break;
            }
            body.write(in.readNBytes(Math.min(size, MAX_BODY - body.size())));
            if (body.size() >= MAX_BODY) {
                break;
            }
            line(in); // the CRLF after the chunk
        }
        return body.toByteArray();
    }

    /** One line without its CRLF; end of stream ends it. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (line.size() >= MAX_HEADER_LINE) {
                throw new IOException("HTTP header line longer than " + MAX_HEADER_LINE + " bytes");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
