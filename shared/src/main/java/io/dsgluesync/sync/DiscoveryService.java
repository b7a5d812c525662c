package io.dsgluesync.sync;

import io.dsgluesync.audit.RunStarted;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereException;
import io.dsgluesync.model.Asset;
import io.dsgluesync.model.AssetKind;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.model.AssetMessages;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.model.Space;
import io.dsgluesync.queue.QueuePublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists spaces and assets and enqueues one message per asset, highest priority first. A space whose listing
 * fails makes the run incomplete (so nothing downstream treats its assets as deleted) but does not stop the others.
 */
public class DiscoveryService {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryService.class);
    private final DatasphereClient datasphere;
    private final QueuePublisher publisher;
    private final String assetQueueUrl;
    private final String resultsQueueUrl;
    private final Clock clock;

    public DiscoveryService(DatasphereClient datasphere, QueuePublisher publisher, String assetQueueUrl,
                            String resultsQueueUrl, Clock clock) {
        this.datasphere = datasphere;
        this.publisher = publisher;
        this.assetQueueUrl = assetQueueUrl;
        this.resultsQueueUrl = resultsQueueUrl;
        this.clock = clock;
    }

    public DiscoveryResult run(String runId) {
        Instant started = clock.instant();
        List<Space> spaces = datasphere.listSpaces();
        List<AssetMessage> messages = new ArrayList<>();
        Map<String, Integer> perSpace = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (Space space : spaces) {
            try {
                List<Asset> assets = datasphere.listAssets(space.name());
                perSpace.put(space.name(), assets.size());
                assets.forEach(a -> messages.add(AssetMessage.of(runId, space, a, priority(a))));
            } catch (DatasphereException e) {
                errors.add("space " + space.name() + ": " + e.getMessage());
                LOG.warn("listing space {} failed: {}", space.name(), e.getMessage());
            }
        }
        messages.sort(Comparator.comparingInt(AssetMessage::priority).reversed()
                .thenComparing(AssetMessage::space).thenComparing(AssetMessage::asset));
        boolean complete = errors.isEmpty();
        RunStarted announcement = new RunStarted(RunStarted.TYPE, 1, runId, started.toString(), messages.size(),
                complete, spaces.stream().map(Space::name).toList(), List.copyOf(errors), datasphere.requestCount());
        publisher.send(resultsQueueUrl, JsonCodec.write(announcement));
        publisher.sendAll(assetQueueUrl, messages.stream().map(AssetMessages::toJson).toList());
        return new DiscoveryResult(runId, spaces.size(), messages.size(), complete, perSpace, List.copyOf(errors),
                datasphere.requestCount(), java.time.Duration.between(started, clock.instant()).toMillis());
    }

    /** Analytic models first: they carry the most business meaning. */
    static int priority(Asset asset) {
        return asset.kind() == AssetKind.ANALYTIC_MODEL ? 10 : asset.kind() == AssetKind.ANALYTICAL_DATASET ? 5 : 0;
    }
}
