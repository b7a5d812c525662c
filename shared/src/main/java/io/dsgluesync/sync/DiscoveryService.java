package io.dsgluesync.sync;

import io.dsgluesync.audit.RunStarted;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereException;
import io.dsgluesync.model.Asset;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.model.AssetMessages;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.model.Space;
import io.dsgluesync.queue.QueuePublisher;
import io.dsgluesync.rules.AssetFilter;
import io.dsgluesync.rules.SyncRules;
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
 * Lists spaces and assets and enqueues one message per asset, highest priority first; assets at or above the
 * rules' priority threshold go to the priority queue, which the worker consumes with its own event source so that
 * they never wait behind a backlog. A space whose listing
 * fails makes the run incomplete (so nothing downstream treats its assets as deleted) but does not stop the others.
 */
public class DiscoveryService {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryService.class);
    private final DatasphereClient datasphere;
    private final QueuePublisher publisher;
    private final String assetQueueUrl;
    private final String priorityQueueUrl;
    private final String resultsQueueUrl;
    private final SyncRules rules;
    private final AssetFilter filter;
    private final Clock clock;

    /** {@code priorityQueueUrl} may be null: then every asset goes to the asset queue. */
    public DiscoveryService(DatasphereClient datasphere, QueuePublisher publisher, String assetQueueUrl,
                            String priorityQueueUrl, String resultsQueueUrl, SyncRules rules, AssetFilter filter,
                            Clock clock) {
        this.datasphere = datasphere;
        this.publisher = publisher;
        this.assetQueueUrl = assetQueueUrl;
        this.priorityQueueUrl = priorityQueueUrl == null || priorityQueueUrl.isBlank() ? null : priorityQueueUrl;
        this.resultsQueueUrl = resultsQueueUrl;
        this.rules = rules;
        this.filter = filter;
        this.clock = clock;
    }

    public DiscoveryResult run(String runId) {
        Instant started = clock.instant();
        List<Space> spaces = datasphere.listSpaces().stream().filter(s -> filter.includesSpace(s.name())).toList();
        List<AssetMessage> messages = new ArrayList<>();
        Map<String, Integer> perSpace = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (Space space : spaces) {
            try {
                List<Asset> assets = datasphere.listAssets(space.name()).stream()
                        .filter(a -> filter.includesAsset(space.name(), a.name())).toList();
                perSpace.put(space.name(), assets.size());
                assets.forEach(a -> messages.add(AssetMessage.of(runId, space, a,
                        rules.priority(space.name(), a.name(), a.kind()))));
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
        List<String> urgent = new ArrayList<>();
        List<String> normal = new ArrayList<>();
        for (AssetMessage message : messages) {
            boolean priority = priorityQueueUrl != null && rules.isPriority(message.priority());
            (priority ? urgent : normal).add(AssetMessages.toJson(message));
        }
        if (!urgent.isEmpty()) {
            publisher.sendAll(priorityQueueUrl, urgent);
        }
        publisher.sendAll(assetQueueUrl, normal);
        return new DiscoveryResult(runId, spaces.size(), messages.size(), urgent.size(), complete, perSpace,
                List.copyOf(errors), datasphere.requestCount(),
                java.time.Duration.between(started, clock.instant()).toMillis());
    }
}
