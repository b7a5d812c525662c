package io.dsgluesync.local.faults;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request as the client sent it, read whole so that it can be both inspected and forwarded byte for byte.
 *
 * @param target  the request target exactly as sent: raw (still percent-encoded) path and query
 * @param headers by name, case-insensitive; the values in the order they came
 */
record ProxiedRequest(String method, String target, Map<String, List<String>> headers, byte[] body) {

    ProxiedRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
        body = body.clone();
    }

    static ProxiedRequest read(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new ProxiedRequest(exchange.getRequestMethod(), target, exchange.getRequestHeaders(), body);
    }

    Optional<String> header(String name) {
        List<String> values = headers.getOrDefault(name, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The raw query string, without the {@code ?}; empty when there is none. */
    String rawQuery() {
        int question = target.indexOf('?');
        return question < 0 ? "" : target.substring(question + 1);
    }

    /** Every header as a name/value pair, one pair per value. */
    List<Map.Entry<String, String>> headerLines() {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        headers.forEach((name, values) -> values.forEach(value -> lines.add(Map.entry(name, value))));
        return lines;
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    int bodyLength() {
        return body.length;
    }
}
