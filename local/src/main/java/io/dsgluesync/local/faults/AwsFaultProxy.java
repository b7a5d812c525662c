package io.dsgluesync.local.faults;

import com.sun.net.httpserver.HttpExchange;
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
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP proxy in front of moto that forwards every request unchanged and injects faults by rule: throttling
 * and 5xx answers in the service's own error shape, answers lost after moto applied the request, latency. Point
 * SDK clients (or {@code AWS_ENDPOINT_URL}) at {@link #endpoint()} instead of moto:
 * <pre>{@code
 * try (AwsFaultProxy proxy = AwsFaultProxy.start(motoPort)) {
 *     proxy.rules().add(FaultRule.nextN("glue", "CreateTable", Fault.THROTTLE, 2));
 *     LocalAws aws = new LocalAws(proxy.port());
 *     ...
 *     proxy.stats().injected("glue", "CreateTable");
 * }
 * }</pre>
 * Binds to 127.0.0.1 only.
 */
public final class AwsFaultProxy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AwsFaultProxy.class);
    private static final int WORKER_THREADS = 16;
    private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(60);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Upstream upstream;
    private final FaultRules rules = new FaultRules();
    private final ProxyStats stats = new ProxyStats();

    private AwsFaultProxy(HttpServer server, Upstream upstream) {
        this.server = server;
        this.upstream = upstream;
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(WORKER_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "aws-fault-proxy-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** A proxy on a free port in front of moto on 127.0.0.1:{@code motoPort}. */
    public static AwsFaultProxy start(int motoPort) throws IOException {
        return start(motoPort, 0);
    }

    /** A proxy on 127.0.0.1:{@code port} (0 = a free port) in front of moto on 127.0.0.1:{@code motoPort}. */
    public static AwsFaultProxy start(int motoPort, int port) throws IOException {
        // As in the Datasphere simulator: without TCP_NODELAY each answer waits for the client's delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        AwsFaultProxy proxy = new AwsFaultProxy(server, new Upstream(motoPort, UPSTREAM_TIMEOUT));
        server.start();
        LOG.info("AWS fault proxy on {} in front of moto on port {}", proxy.endpoint(), motoPort);
        return proxy;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}: the value for {@code AWS_ENDPOINT_URL} or {@code endpointOverride}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public int motoPort() {
        return upstream.port();
    }

    /** The live rules; changes apply from the next request. */
    public FaultRules rules() {
        return rules;
    }

    public ProxyStats stats() {
        return stats;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) {
        try {
            ProxiedRequest request = ProxiedRequest.read(exchange);
            AwsCall call = AwsCall.identify(request);
            Optional<Fault> fault = rules.decide(call);
            if (fault.isPresent()) {
                stats.countInjected(call, fault.get().kind());
                inject(exchange, request, call, fault.get());
            } else {
                respond(exchange, forward(request, call));
            }
        } catch (IOException e) {
            LOG.warn("cannot forward {} {} to moto on port {}", exchange.getRequestMethod(), exchange.getRequestURI(),
                    upstream.port(), e);
            respondSafely(exchange, "moto on port " + upstream.port() + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("fault proxy failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            respondSafely(exchange, "fault proxy failed: " + e);
        } finally {
            exchange.close();
        }
    }

    private void inject(HttpExchange exchange, ProxiedRequest request, AwsCall call, Fault fault)
            throws IOException, InterruptedException {
        switch (fault.kind()) {
            case THROTTLE, INTERNAL_ERROR, UNAVAILABLE, ACCESS_DENIED -> respond(exchange,
                    ErrorShapes.render(fault, call));
            case DELAY -> {
                TimeUnit.NANOSECONDS.sleep(fault.delay().toNanos());
                respond(exchange, forward(request, call));
            }
            case ERROR_AFTER_APPLY -> {
                forward(request, call);
                respond(exchange, ErrorShapes.render(fault, call));
            }
            case DROP_AFTER_APPLY -> {
                forward(request, call);
                // Closing an exchange that sent no headers closes the connection: the client reads EOF.
                LOG.debug("dropped the answer to {} after moto applied it", call.label());
            }
        }
    }

    private HttpAnswer forward(ProxiedRequest request, AwsCall call) throws IOException {
        HttpAnswer answer = upstream.send(request);
        stats.countForwarded(call);
        return answer;
    }

    private static void respond(HttpExchange exchange, HttpAnswer answer) throws IOException {
        boolean bodiless = exchange.getRequestMethod().equals("HEAD") || answer.status() == 204
                || answer.status() == 304;
        for (Map.Entry<String, String> header : answer.headers()) {
            // The JDK server frames the body itself; a HEAD answer keeps moto's Content-Length (the object's size).
            if (bodiless || !header.getKey().equalsIgnoreCase("Content-Length")) {
                exchange.getResponseHeaders().add(header.getKey(), header.getValue());
            }
        }
        byte[] body = answer.body();
        exchange.sendResponseHeaders(answer.status(), bodiless || body.length == 0 ? -1 : body.length);
        if (!bodiless && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void respondSafely(HttpExchange exchange, String message) {
        try {
            respond(exchange, new HttpAnswer(502, List.of(Map.entry("Content-Type", "text/plain;charset=utf-8")),
                    message.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not answer {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        }
    }
}
