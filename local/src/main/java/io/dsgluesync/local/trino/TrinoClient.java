package io.dsgluesync.local.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs SQL over Trino's HTTP client protocol: {@code POST /v1/statement}, then {@code GET nextUri} until the answer
 * has none, collecting {@code columns} and {@code data} on the way
 * (https://trino.io/docs/current/develop/client-protocol.html).
 */
public final class TrinoClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final int MAX_BUSY_RETRIES = 100;

    private final URI server;
    private final String user;
    private final Optional<String> catalog;
    private final HttpClient http;

    public TrinoClient(URI server) {
        this(server, "dsgs", Optional.empty(), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    private TrinoClient(URI server, String user, Optional<String> catalog, HttpClient http) {
        this.server = server;
        this.user = user;
        this.catalog = catalog;
        this.http = http;
    }

    /** The same server with a session catalog, so that statements may name tables as {@code schema.table}. */
    public TrinoClient inCatalog(String sessionCatalog) {
        return new TrinoClient(server, user, Optional.of(sessionCatalog), http);
    }

    public URI server() {
        return server;
    }

    /** Runs one statement to its end; a failed query throws {@link TrinoQueryException}. */
    public QueryResult execute(String sql) throws IOException, InterruptedException {
        HttpRequest first = request(server.resolve("/v1/statement"))
                .POST(HttpRequest.BodyPublishers.ofString(sql)).build();
        JsonNode page = send(first, sql);
        String queryId = page.path("id").asText();
        List<QueryResult.Column> columns = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        while (true) {
            if (page.hasNonNull("error")) {
                JsonNode error = page.get("error");
                throw new TrinoQueryException(error.path("errorName").asText("UNKNOWN"),
                        error.path("errorType").asText(""), error.path("message").asText(""),
                        rootCause(error.path("failureInfo")), sql);
            }
            if (columns.isEmpty() && page.has("columns")) {
                for (JsonNode column : page.get("columns")) {
                    columns.add(new QueryResult.Column(column.path("name").asText(), column.path("type").asText()));
                }
            }
            for (JsonNode row : page.path("data")) {
                List<Object> values = new ArrayList<>(row.size());
                for (JsonNode value : row) {
                    values.add(JSON.treeToValue(value, Object.class));
                }
                rows.add(values);
            }
            if (!page.hasNonNull("nextUri")) {
                String updateType = page.path("updateType").asText("");
                return new QueryResult(queryId, columns, rows,
                        updateType.isEmpty() ? Optional.empty() : Optional.of(updateType));
            }
            page = send(request(URI.create(page.get("nextUri").asText())).GET().build(), sql);
        }
    }

    /** Creates (once; {@code IF NOT EXISTS}) a Hive catalog on the Glue metastore and S3 of a moto server. */
    public void createCatalog(HiveGlueCatalog catalog) throws IOException, InterruptedException {
        execute(catalog.createStatement());
    }

    /** Creates (once) a Hive catalog that writes files into a moto's S3 with its own file metastore. */
    public void createCatalog(HiveFileCatalog catalog) throws IOException, InterruptedException {
        execute(catalog.createStatement());
    }

    /** The innermost cause, or empty when the failure has none (its message is then the error's message). */
    private static String rootCause(JsonNode failure) {
        if (!failure.hasNonNull("cause")) {
            return "";
        }
        while (failure.hasNonNull("cause")) {
            failure = failure.get("cause");
        }
        return failure.path("type").asText() + ": " + failure.path("message").asText();
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("X-Trino-User", user)
                .header("X-Trino-Source", "dsgs-local");
        catalog.ifPresent(name -> builder.header("X-Trino-Catalog", name));
        return builder;
    }

    /** The protocol asks clients to retry a 502, 503 or 504 after 50–100 ms; any other status means failure. */
    private JsonNode send(HttpRequest request, String sql) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 200) {
                return JSON.readTree(response.body());
            }
            boolean busy = status == 502 || status == 503 || status == 504;
            if (!busy || attempt >= MAX_BUSY_RETRIES) {
                throw new IOException("Trino answered HTTP " + status + " to " + request.method() + " "
                        + request.uri() + " (" + sql + "): " + response.body());
            }
            Thread.sleep(100);
        }
    }
}
