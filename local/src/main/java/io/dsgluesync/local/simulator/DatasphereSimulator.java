package io.dsgluesync.local.simulator;

import com.sun.net.httpserver.HttpExchange;
import io.dsgluesync.local.simulator.SimulatorStats.PathKind;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for an SAP Datasphere tenant and its XSUAA token endpoint: OAuth client credentials, the
 * catalog under both API prefixes, consumption {@code $metadata} and the design-time CSN API, following the shapes
 * SAP documents and recorded tenant responses show (each endpoint class names its sources), with a run-time
 * switchable fault plan ({@link #faults()}).
 * Binds to 127.0.0.1 only.
 */
public final class DatasphereSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatasphereSimulator.class);
    private static final int WORKER_THREADS = 8;

    private final SimulatorOptions options;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUrl;
    private final SimulatorStats stats = new SimulatorStats();
    private final TokenEndpoint tokens;
    private final RateLimiter rateLimiter;
    private final CatalogEndpoint catalog;
    private final MetadataEndpoint metadata;
    private final DesignTimeEndpoint designTime;
    private final Faults faults;
    private final CountDownLatch closed = new CountDownLatch(1);

    private DatasphereSimulator(SimulatorOptions options, HttpServer server) {
        this.options = options;
        this.server = server;
        this.baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        this.tokens = new TokenEndpoint(options.clientId(), options.clientSecret(), options.tokenLifetimeSeconds(),
                stats, System::nanoTime);
        this.rateLimiter = new RateLimiter(options.requestsPerMinute(), System::nanoTime);
        this.faults = new Faults(tokens::expireAll, tokens::revokeClient);
        this.catalog = new CatalogEndpoint(options.tenant(), baseUrl, options.maxPageSize(), faults, stats);
        this.metadata = new MetadataEndpoint(options.tenant(), baseUrl, faults, stats);
        this.designTime = new DesignTimeEndpoint(options.tenant(), faults, stats);
        AtomicInteger threadNumber = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(WORKER_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "datasphere-sim-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Binds 127.0.0.1:{@code options.port()} (0 = a free port) and starts serving. */
    public static DatasphereSimulator start(SimulatorOptions options) throws IOException {
        // The JDK server flushes headers and body as separate segments; with Nagle on, each response then
        // waits for the client's delayed ACK (~40 ms a request). The JDK reads this flag once, at its first server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()),
                64);
        DatasphereSimulator simulator = new DatasphereSimulator(options, server);
        server.start();
        LOG.info("Datasphere simulator on {} serving {}", simulator.baseUrl, options.tenant());
        return simulator;
    }

    /** The tenant URL, e.g. {@code http://127.0.0.1:41234}; no trailing slash. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The token URL: {@code baseUrl + /oauth/token}. */
    public URI tokenUrl() {
        return URI.create(baseUrl + TokenEndpoint.PATH);
    }

    public String clientId() {
        return options.clientId();
    }

    public String clientSecret() {
        return options.clientSecret();
    }

    public SimulatorOptions options() {
        return options;
    }

    public SimulatorStats stats() {
        return stats;
    }

    /** The live fault plan; change it at any time, it applies from the next request. */
    public Faults faults() {
        return faults;
    }

    /** Stops accepting requests and ends the worker threads; calling it again does nothing. */
    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed.countDown();
    }

    private void handle(HttpExchange exchange) {
        String rawPath = exchange.getRequestURI().getRawPath();
        ApiPrefix catalogPrefix = CatalogEndpoint.prefixOf(rawPath);
        ApiPrefix metadataPrefix = catalogPrefix == null ? MetadataEndpoint.prefixOf(rawPath) : null;
        PathKind kind = TokenEndpoint.PATH.equals(rawPath) ? PathKind.TOKEN
                : catalogPrefix != null ? PathKind.CATALOG
                : metadataPrefix != null ? PathKind.METADATA
                : DesignTimeEndpoint.matches(rawPath) ? PathKind.DESIGN_TIME
                : PathKind.OTHER;
        stats.countRequest(kind);
        try {
            dispatch(exchange, kind, catalogPrefix != null ? catalogPrefix : metadataPrefix);
        } catch (ODataError e) {
            respondSafely(exchange, kind, e.status(), e.getMessage());
        } catch (RuntimeException | IOException e) {
            LOG.warn("simulator failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            respondSafely(exchange, kind, 500, "Internal error: " + e);
        } finally {
            exchange.close();
        }
    }

    private void dispatch(HttpExchange exchange, PathKind kind, ApiPrefix prefix) throws IOException {
        if (kind == PathKind.TOKEN) {
            tokens.handle(exchange);
            return;
        }
        delay(kind);
        if (!tokens.isValidBearer(HttpIo.header(exchange, "Authorization"))) {
            stats.countUnauthorized();
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            sendError(exchange, kind, 401, "Unauthorized");
            return;
        }
        long retryAfter = rateLimiter.tryAcquire();
        if (retryAfter > 0) {
            stats.countRateLimited();
            exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfter));
            sendError(exchange, kind, 429, "Too Many Requests: at most " + options.requestsPerMinute()
                    + " requests per minute");
            return;
        }
        stats.countAdmitted(System.nanoTime());
        int injected = faults.injectedStatus(kind != PathKind.OTHER);
        if (injected > 0) {
            stats.countInjectedError();
            if (injected == 429) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            sendError(exchange, kind, injected, FaultPayloads.reason(injected) + " (simulated fault)");
            return;
        }
        switch (kind) {
            case CATALOG -> {
                if (faults.servesHtmlLoginPage()) {
                    stats.countInjectedHtmlPage();
                    HttpIo.sendBytes(exchange, 200, "text/html;charset=utf-8", FaultPayloads.LOGIN_PAGE);
                } else {
                    catalog.handle(exchange, prefix);
                }
            }
            case METADATA -> metadata.handle(exchange, prefix);
            case DESIGN_TIME -> designTime.handle(exchange);
            default -> throw ODataError.notFound("No resource at " + exchange.getRequestURI().getRawPath());
        }
    }

    private void delay(PathKind kind) {
        Duration latency = faults.latency();
        if (latency.isZero() || kind == PathKind.OTHER) {
            return;
        }
        stats.countDelayed();
        try {
            TimeUnit.NANOSECONDS.sleep(latency.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Design-time paths answer errors in the dwaas-core shape ({@link DesignTimeEndpoint}), everything else in the
     * OData shape ({@link HttpIo#sendODataError}).
     */
    private static void sendError(HttpExchange exchange, PathKind kind, int status, String message) throws IOException {
        if (kind == PathKind.DESIGN_TIME) {
            DesignTimeEndpoint.sendError(exchange, status, message);
        } else {
            HttpIo.sendODataError(exchange, status, message);
        }
    }

    private static void respondSafely(HttpExchange exchange, PathKind kind, int status, String message) {
        try {
            if (exchange.getResponseCode() == -1) {
                sendError(exchange, kind, status, message);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not send error response", e);
        }
    }

    /**
     * Runs a simulator until the process is stopped. Options: {@code --port N} (default 7070),
     * {@code --tenant sample|generated}, {@code --spaces N --assets N --seed N} (generated tenant),
     * {@code --max-page-size N}, {@code --token-lifetime SECONDS}, {@code --requests-per-minute N}, and the
     * initial fault plan: {@code --latency-ms N}, {@code --error-rate R} (0..1, drawn from {@code --seed}),
     * {@code --html-login-page true|false}, {@code --bare-array-spaces true|false}. Prints one line, {@code datasphere-simulator listening on <baseUrl>}, to standard output.
     */
    public static void main(String[] args) {
        SimulatorCommandLine.Parsed parsed;
        try {
            parsed = SimulatorCommandLine.parseAll(args);
        } catch (IllegalArgumentException e) {
            System.err.println("datasphere-simulator: " + e.getMessage());
            System.err.println(SimulatorCommandLine.USAGE);
            System.exit(2);
            return;
        }
        SimulatorOptions options = parsed.options();
        DatasphereSimulator simulator;
        try {
            simulator = start(options);
        } catch (IOException e) {
            System.err.println("datasphere-simulator: cannot listen on port " + options.port() + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        parsed.faults().applyTo(simulator.faults());
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "datasphere-sim-shutdown"));
        LOG.info("client id '{}', token URL {}", simulator.clientId(), simulator.tokenUrl());
        System.out.println("datasphere-simulator listening on " + simulator.baseUrl());
        System.out.flush();
        try {
            simulator.closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            simulator.close();
        }
    }
}
