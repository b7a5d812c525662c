package io.dsgluesync.local.faults;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends a request to moto over a fresh HTTP/1.1 connection with the client's headers as they were, the
 * {@code Host} it signed included. The JDK's clients would replace {@code Host}: it is a restricted header unless
 * a JVM-wide property is set before their first use
 * (https://docs.oracle.com/en/java/javase/17/docs/api/java.net.http/module-summary.html). moto does not check
 * signatures, but builds the URLs it answers with from {@code Host} (SQS queue URLs, {@code Queue.url} in
 * https://github.com/getmoto/moto/blob/master/moto/sqs/models.py), which so keep pointing at the proxy.
 */
final class Upstream {
    /** Hop-by-hop headers (https://www.rfc-editor.org/rfc/rfc9110#section-7.6.1) and the framing the proxy redoes. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "expect", "content-length");
    private static final Set<String> NOT_RELAYED = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "date");

    private final int port;
    private final Duration timeout;

    Upstream(int port, Duration timeout) {
        this.port = port;
        this.timeout = timeout;
    }

    int port() {
        return port;
    }

    HttpAnswer send(ProxiedRequest request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    (int) Math.min(timeout.toMillis(), 10_000));
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            writeRequest(request, socket.getOutputStream());
            return readAnswer(request.method(), new BufferedInputStream(socket.getInputStream()));
        }
    }

    private static void writeRequest(ProxiedRequest request, OutputStream raw) throws IOException {
        OutputStream out = new BufferedOutputStream(raw);
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
        for (Map.Entry<String, String> header : request.headerLines()) {
            if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
            }
        }
        if (request.bodyLength() > 0 || request.header("Content-Length").isPresent()
                || request.header("Transfer-Encoding").isPresent()) {
            head.append("Content-Length: ").append(request.bodyLength()).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(request.body());
        out.flush();
    }

    private static HttpAnswer readAnswer(String method, InputStream in) throws IOException {
        int status;
        List<Map.Entry<String, String>> headers;
        do { // skips interim answers (100 Continue)
            status = parseStatus(readLine(in));
            headers = new ArrayList<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                headers.add(Map.entry(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
            }
        } while (status >= 100 && status < 200);
        List<Map.Entry<String, String>> relayed = headers.stream()
                .filter(h -> !NOT_RELAYED.contains(h.getKey().toLowerCase(Locale.ROOT))).toList();
        if (method.equals("HEAD") || status == 204 || status == 304) {
            return new HttpAnswer(status, relayed, new byte[0]);
        }
        byte[] body = readBody(headers, in);
        return new HttpAnswer(status, relayed, body);
    }

    private static byte[] readBody(List<Map.Entry<String, String>> headers, InputStream in) throws IOException {
        String transferEncoding = value(headers, "Transfer-Encoding");
        if (transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked(in);
        }
        String length = value(headers, "Content-Length");
        return length.isEmpty() ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailer fields: none that a client of moto needs
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new EOFException("moto closed the connection inside a chunk");
            }
            body.write(chunk);
            readLine(in);
        }
    }

    private static String value(List<Map.Entry<String, String>> headers, String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse("");
    }

    private static int parseStatus(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line from moto: " + statusLine);
        }
        return Integer.parseInt(parts[1]);
    }

    /** One header line, without its CRLF. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("moto closed the connection mid-answer");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
