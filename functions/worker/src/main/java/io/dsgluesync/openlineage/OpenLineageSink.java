package io.dsgluesync.openlineage;

import io.dsgluesync.lineage.LineageSink;
import io.dsgluesync.lineage.SyncedTable;
import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.openlineage.client.transports.HttpTransportResponseException;
import io.openlineage.client.transports.Transport;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Sends one OpenLineage {@code RunEvent} per synced table ({@link OpenLineageEvents}) with the OpenLineage Java
 * client's {@link HttpTransport} (https://openlineage.io/docs/client/java/). A failure to send (connection refused,
 * timeout, non-2xx answer) never fails the asset: it is returned as a problem for the audit notes, counted as
 * {@code LineageEventsFailed} and logged at WARN once per container; sent events count as {@code LineageEventsSent}.
 *
 * <p>The transport is called directly, not through {@code OpenLineageClient}, whose only addition here would be
 * Micrometer meters (micrometer-core is left out of the function's jar).
 */
public final class OpenLineageSink implements LineageSink {
    private static final Logger LOG = LoggerFactory.getLogger(OpenLineageSink.class);
    private static final int BODY_IN_NOTE = 200;

    private final Transport transport;
    private final Metrics metrics;
    private final OpenLineageEvents events = new OpenLineageEvents();
    private final AtomicBoolean warned = new AtomicBoolean();

    public OpenLineageSink(Transport transport, Metrics metrics) {
        this.transport = transport;
        this.metrics = metrics;
    }

    /** An HTTP sink: {@code POST <url><endpoint>}, with {@code Authorization: Bearer <api key>} when one is given. */
    public static OpenLineageSink http(OpenLineageSettings settings, Optional<String> apiKey, Metrics metrics) {
        HttpConfig config = new HttpConfig();
        config.setUrl(settings.url());
        settings.endpoint().ifPresent(config::setEndpoint);
        config.setTimeoutInMillis(Math.toIntExact(settings.timeout().toMillis()));
        apiKey.ifPresent(key -> {
            ApiKeyTokenProvider auth = new ApiKeyTokenProvider();
            auth.setApiKey(key);
            config.setAuth(auth);
        });
        return new OpenLineageSink(new HttpTransport(config), metrics);
    }

    @Override
    public Optional<String> synced(SyncedTable table) {
        try {
            transport.emit(events.event(table));
            metrics.addMetric("LineageEventsSent", 1, MetricUnit.COUNT);
            return Optional.empty();
        } catch (RuntimeException e) {
            // Any failure, including a table the event cannot be built from: lineage never fails the sync.
            metrics.addMetric("LineageEventsFailed", 1, MetricUnit.COUNT);
            if (warned.compareAndSet(false, true)) {
                LOG.warn("OpenLineage event not sent (logged once per container; later failures are only counted"
                        + " and noted on the asset)", e);
            }
            return Optional.of("OpenLineage event not sent: " + describe(e));
        }
    }

    private static String describe(RuntimeException e) {
        if (e instanceof HttpTransportResponseException response) {
            String body = response.getBody() == null ? "" : response.getBody().strip();
            return "HTTP " + response.getStatusCode()
                    + (body.isEmpty() ? "" : " " + body.substring(0, Math.min(body.length(), BODY_IN_NOTE)));
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
