package io.dsgluesync.datasphere;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tenant with its token endpoint on a loopback port (the JDK's {@code com.sun.net.httpserver}): each path answers
 * as the test scripts it, every request is counted with the Authorization header it carried. The token endpoint
 * issues {@link #TOKEN} until told otherwise.
 */
final class FakeTenant implements AutoCloseable {
    static final String TOKEN = "token-of-the-fake-tenant";
    static final String TOKEN_PATH = "/oauth/token";
    static final String SPACES_PATH = DatasphereClient.CATALOG_PREFIXES.get(0) + "/spaces";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, HttpHandler> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    FakeTenant() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
        on(TOKEN_PATH, exchange -> send(exchange, 200, "application/json",
                "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":3600}"));
    }

    /** {@code path} (without query) answers with {@code answer} from now on. */
    FakeTenant on(String path, HttpHandler answer) {
        answers.put(path, answer);
        return this;
    }

    URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    int requests(String path) {
        return requests.getOrDefault(path, new AtomicInteger()).get();
    }

    int requests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The Authorization header of every request so far, {@code "-"} where there was none. */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    DatasphereClient connect(int maxAttempts, int maxBodyBytes) {
        DatasphereSettings settings = new DatasphereSettings(url(""), url(TOKEN_PATH), 500, maxAttempts,
                Duration.ofSeconds(5), maxBodyBytes);
        return DatasphereConnection.open(settings, () -> new ClientCredentials("sb-client!t1|dwc", "secret"));
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * {@code opening}, then {@code repeated} again and again, chunked, until the client goes away: the first MiB at
     * once, then a trickle (so a client that reads on does not run out of memory, it simply never finishes).
     */
    static void endless(HttpExchange exchange, String contentType, String opening, String repeated) {
        byte[] chunk = repeated.repeat(Math.max(1, 8192 / repeated.length())).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(200, 0);
            out.write(opening.getBytes(StandardCharsets.UTF_8));
            for (long written = 0; !Thread.currentThread().isInterrupted(); written += chunk.length) {
                out.write(chunk);
                out.flush();
                if (written > 1 << 20) {
                    Thread.sleep(10);
                }
            }
        } catch (IOException | InterruptedException clientWentAway) {
            exchange.close();
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "-" : authorization);
        exchange.getRequestBody().readAllBytes();
        HttpHandler answer = answers.get(path);
        if (answer == null) {
            send(exchange, 404, "application/json", "{\"error\":{\"code\":\"404\",\"message\":\"no " + path + "\"}}");
            return;
        }
        answer.handle(exchange);
    }
}
