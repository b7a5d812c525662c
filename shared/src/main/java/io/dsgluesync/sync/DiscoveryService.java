package io.dsgluesync.sync;

import io.dsgluesync.audit.AuditAction;
import io.dsgluesync.audit.AuditRecord;
import io.dsgluesync.audit.Coverage;
import io.dsgluesync.audit.RunStarted;
import io.dsgluesync.audit.StaleSummary;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereException;
import io.dsgluesync.glue.PermissionCheck;
import io.dsgluesync.glue.TargetCatalog;
import io.dsgluesync.lineage.FlowEdge;
import io.dsgluesync.lineage.FlowLineage;
import io.dsgluesync.lineage.SyncedObjectIndex;
import io.dsgluesync.mapping.GlueNames;
import io.dsgluesync.model.Asset;
import io.dsgluesync.model.AssetKind;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.model.AssetMessages;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.model.Space;
import io.dsgluesync.queue.QueuePublisher;
import io.dsgluesync.replication.FlowDefinitions;
import io.dsgluesync.replication.ReplicaBinding;
import io.dsgluesync.rules.AssetFilter;
import io.dsgluesync.rules.SyncRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists spaces and assets and enqueues one message per asset, highest priority first; assets at or above the
 * rules' priority threshold go to the priority queue, which the worker consumes with its own event source so that
 * they never wait behind a backlog. A space whose listing fails makes the run incomplete (so nothing downstream
 * treats its assets as deleted) but does not stop the others.
 *
 * <p>With design-time discovery on, the objects the catalog does not list (local and remote tables, unexposed
 * views and models) are found through the design-time API and enqueued too. With replication targets in the rules,
 * the space's replication flows bind assets to the S3 folders they are replicated to ({@link ReplicaBinding}).
 *
 * <p>Coverage: with lineage or design-time enrichment on, each space's design-time objects are listed once per run;
 * those the catalog does not list are reported as unexposed (synced from their CSN only with enrichment on). A space
 * the OAuth client may not read (HTTP 403) is reported as unreadable: what it did list is still synced, its tables
 * are kept (it counts as absent from the listing, not as empty) and the other spaces are evaluated for removed
 * assets as usual. With lineage on, a full sync also writes the synced-object index the worker's lineage reads
 * ({@link SyncedObjectIndex}), including the edges of the space's replication and data flows into its Datasphere
 * objects (each flow read once per run, shared with replication binding: {@link FlowDefinitions}).
 */
public class DiscoveryService {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryService.class);
    private static final Map<String, AssetKind> DESIGN_TYPES = Map.of("views", AssetKind.VIEW,
            "analyticmodels", AssetKind.ANALYTIC_MODEL, "localtables", AssetKind.LOCAL_TABLE,
            "remotetables", AssetKind.REMOTE_TABLE);
    private final DatasphereClient datasphere;
    private final QueuePublisher publisher;
    private final Queues queues;
    private final java.util.function.Supplier<SyncRules> rules;
    private final AssetFilter filter;
    private final boolean designTime;
    private final GlueSide glue;
    private final Clock clock;
    private final boolean lineage;
    private final SyncedObjectIndex index;

    /**
     * The Glue targets discovery reads (one GetTables listing per target database) and, when {@code validateFirst},
     * checks for missing permissions before anything is enqueued.
     */
    public record GlueSide(List<TargetCatalog> targets, String databasePrefix, boolean validateFirst,
                           int failSafePercent, PermissionCheck.Memory checks) {
        public static final GlueSide NONE = new GlueSide(List.of(), "", false);

        /** With the removed-asset fail-safe at its default threshold, 50 %, and a check before every sync. */
        public GlueSide(List<TargetCatalog> targets, String databasePrefix, boolean validateFirst) {
            this(targets, databasePrefix, validateFirst, 50, PermissionCheck.Memory.NONE);
        }
    }

    /**
     * How a run goes: a {@code plan} computes what a sync would do and writes nothing to Glue;
     * {@code overrideFailSafe} lets one run deprecate or delete what the removed-asset fail-safe would hold;
     * {@code priorityOnly} is a priority pass: the listing as usual, but only the assets bound for the priority queue
     * are enqueued, and nothing is judged removed (the pass sees every asset but syncs few).
     */
    public record RunOptions(boolean plan, boolean overrideFailSafe, boolean priorityOnly) {
        public static final RunOptions SYNC = new RunOptions(false, false, false);
        public static final RunOptions PLAN = new RunOptions(true, false, false);
        public static final RunOptions PRIORITY = new RunOptions(false, false, true);

        public RunOptions(boolean plan, boolean overrideFailSafe) {
            this(plan, overrideFailSafe, false);
        }

        public String operation() {
            return plan ? RunStarted.PLAN : priorityOnly ? RunStarted.PRIORITY : RunStarted.SYNC;
        }
    }

    /** Where messages go; {@code priority} may be null, then every asset goes to {@code assets}. */
    public record Queues(String assets, String priority, String results) {
        public Queues {
            priority = priority == null || priority.isBlank() ? null : priority;
        }
    }

    public DiscoveryService(DatasphereClient datasphere, QueuePublisher publisher, Queues queues, SyncRules rules,
                            AssetFilter filter, boolean designTime, GlueSide glue, Clock clock) {
        this(datasphere, publisher, queues, () -> rules, filter, designTime, glue, clock);
    }

    /** With the rules read through {@code rules} at the start of every run (a reloading source keeps them current). */
    public DiscoveryService(DatasphereClient datasphere, QueuePublisher publisher, Queues queues,
                            java.util.function.Supplier<SyncRules> rules, AssetFilter filter, boolean designTime,
                            GlueSide glue, Clock clock) {
        this(datasphere, publisher, queues, rules, filter, designTime, glue, clock, false, SyncedObjectIndex.NONE);
    }

    private DiscoveryService(DatasphereClient datasphere, QueuePublisher publisher, Queues queues,
                             java.util.function.Supplier<SyncRules> rules, AssetFilter filter, boolean designTime,
                             GlueSide glue, Clock clock, boolean lineage, SyncedObjectIndex index) {
        this.lineage = lineage;
        this.index = index;
        this.glue = glue;
        this.datasphere = datasphere;
        this.publisher = publisher;
        this.queues = queues;
        this.rules = rules;
        this.filter = filter;
        this.designTime = designTime;
        this.clock = clock;
    }

    /**
     * The same service with lineage on ({@code DATASPHERE_LINEAGE}): design-time objects are listed for coverage,
     * and every full sync writes what it syncs to {@code index}.
     */
    public DiscoveryService withLineage(SyncedObjectIndex index) {
        return new DiscoveryService(datasphere, publisher, queues, rules, filter, designTime, glue, clock, true, index);
    }

    public DiscoveryResult run(String runId) {
        return run(runId, RunOptions.SYNC);
    }

    public DiscoveryResult run(String runId, RunOptions options) {
        Instant started = clock.instant();
        SyncRules rules = this.rules.get();
        ReplicaBinding replicas = new ReplicaBinding(datasphere, rules.replication());
        boolean flowLineage = lineage && !options.plan() && !options.priorityOnly();
        Map<String, List<FlowEdge>> edgesInto = new TreeMap<>();
        String operation = options.operation();
        List<Space> all;
        try {
            all = datasphere.listSpaces();
        } catch (DatasphereException e) {
            if (e.kind() != DatasphereException.Kind.UNAUTHORIZED && e.kind() != DatasphereException.Kind.FORBIDDEN) {
                throw e;
            }
            return halted(runId, started, List.of(), operation, "Datasphere refused the client: " + e.getMessage());
        }
        List<Space> spaces = included(all);
        // A plan reads only: the permission probes' write attempts (made to fail) are left to the runs that write.
        // A priority pass comes every few minutes between syncs, which probe.
        // A check that passed for the same targets and databases is remembered for a while (GlueSide.checks).
        String checkKey = glue.validateFirst() && !options.plan() && !options.priorityOnly()
                ? PermissionCheck.key(glue.targets(), databases(spaces), glue.databasePrefix()) : null;
        if (checkKey != null && !glue.checks().passedRecently(checkKey)) {
            List<PermissionCheck.TargetReport> reports = check(spaces);
            List<String> missing = reports.stream().flatMap(r -> r.missing().stream().map(m -> r.target() + ": " + m))
                    .toList();
            if (!missing.isEmpty()) {
                return halted(runId, started, spaces, operation, "Glue permissions missing, nothing enqueued: " + missing);
            }
            glue.checks().passed(checkKey);
        }
        List<AssetMessage> messages = new ArrayList<>();
        Map<String, Integer> perSpace = new LinkedHashMap<>();
        Map<String, Set<String>> present = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        List<Coverage.UnreadableSpace> unreadable = new ArrayList<>();
        List<String> unreadableFlows = new ArrayList<>();
        Map<String, List<String>> unexposed = new LinkedHashMap<>();
        for (Space space : spaces) {
            try {
                List<Asset> everything;
                try {
                    everything = datasphere.listAssets(space.name());
                } catch (DatasphereException e) {
                    if (e.kind() != DatasphereException.Kind.FORBIDDEN) {
                        throw e;
                    }
                    unreadable.add(unreadableSpace(space, "its catalog assets", e));
                    continue;
                }
                Set<String> tables = new HashSet<>();
                everything.forEach(a -> tables.add(GlueNames.table(a.name())));
                List<Asset> assets = everything.stream()
                        .filter(a -> filter.includesAsset(space.name(), a.name())).toList();
                List<AssetMessage> listed = new ArrayList<>(assets.stream().map(a -> AssetMessage.of(runId, space, a,
                        rules.priority(space.name(), a.name(), a.kind()))).toList());
                boolean readable = true;
                // Enrichment needs the lists on every run; coverage only on the runs that report it (not the
                // priority passes, which come every tick during a sync and must stay light).
                if (designTime || (lineage && !options.priorityOnly())) {
                    try {
                        Map<String, List<String>> design = designObjects(space);
                        unexposed.put(space.name(), unexposed(space, everything, design));
                        if (designTime) {
                            designTimeObjects(runId, space, assets, listed, tables, rules, design);
                        }
                    } catch (DatasphereException e) {
                        if (e.kind() != DatasphereException.Kind.FORBIDDEN) {
                            throw e;
                        }
                        unreadable.add(unreadableSpace(space, "its design-time objects", e));
                        readable = false;
                    }
                }
                // Each flow is read once per run, for replication binding and flow lineage alike.
                boolean lineageFlows = flowLineage && readable;
                List<String> flowTypes = new ArrayList<>();
                if (rules.replication().enabled() || lineageFlows) {
                    flowTypes.add(FlowDefinitions.REPLICATION_FLOWS);
                }
                if (lineageFlows) {
                    flowTypes.add(FlowDefinitions.DATA_FLOWS);
                }
                FlowDefinitions flows = FlowDefinitions.NONE;
                if (!flowTypes.isEmpty()) {
                    try {
                        flows = FlowDefinitions.read(datasphere, space.name(), flowTypes);
                    } catch (DatasphereException e) {
                        if (!lineageFlows || e.kind() != DatasphereException.Kind.FORBIDDEN) {
                            throw e;
                        }
                        unreadable.add(unreadableSpace(space, "its flows", e));
                        readable = false;
                        lineageFlows = false;
                    }
                }
                if (lineageFlows) {
                    flowEdges(space.name(), flows, rules.replication().enabled(), edgesInto, unreadableFlows);
                }
                if (rules.replication().enabled()) {
                    ReplicaBinding.SpaceTasks tasks = ReplicaBinding.s3Tasks(space.name(), flows);
                    errors.addAll(tasks.unreadable());
                    listed = replicas.bind(runId, space, listed, tasks.tasks(), filter::includesAsset,
                            (name, kind) -> rules.priority(space.name(), name, kind));
                }
                listed.forEach(m -> tables.add(GlueNames.table(m.asset())));
                messages.addAll(listed);
                perSpace.put(space.name(), listed.size());
                if (readable) {
                    present.put(space.name(), tables);
                }
            } catch (DatasphereException e) {
                errors.add("space " + space.name() + ": " + e.getMessage());
                LOG.warn("listing space {} failed: {}", space.name(), e.getMessage());
            }
        }
        messages.sort(Comparator.comparingInt(AssetMessage::priority).reversed()
                .thenComparing(AssetMessage::space).thenComparing(AssetMessage::asset));
        if (options.priorityOnly()) {
            messages.removeIf(m -> queues.priority() == null || !rules.isPriority(m.priority()));
        }
        GlueInventory inventory = new GlueInventory(glue.targets(), glue.databasePrefix());
        if (!glue.targets().isEmpty()) {
            messages.replaceAll(inventory::annotate);
        }
        List<AuditRecord> records = nameCollisions(messages);
        if (flowLineage) {
            writeIndex(runId, all, perSpace.keySet(), messages, edgesInto);
        }
        // A priority pass reports no coverage (null: no metric either), as it leaves removed assets to the syncs.
        Coverage coverage = options.priorityOnly() ? null
                : Coverage.of(unreadable, unexposed, designTime).withUnreadableFlows(unreadableFlows);
        boolean complete = errors.isEmpty();
        StaleSummary stale = null;
        if (!glue.targets().isEmpty()) {
            if (!complete) {
                stale = StaleSummary.notEvaluated("listing incomplete: nothing is treated as removed");
            } else if (options.priorityOnly()) {
                stale = StaleSummary.notEvaluated("priority pass: removed assets are left to the syncs");
            } else {
                StaleTables.Outcome outcome = new StaleTables(glue.targets(), glue.databasePrefix(), inventory,
                        glue.failSafePercent(), clock).evaluate(runId, new StaleTables.Listing(
                        all.stream().map(Space::name).collect(java.util.stream.Collectors.toSet()), present),
                        options.plan(), options.overrideFailSafe());
                stale = outcome.summary();
                records.addAll(outcome.records());
                messages.addAll(outcome.retire());
            }
        }
        if (options.plan()) {
            messages.replaceAll(m -> m.plan() ? m : m.asPlan());
        }
        RunStarted announcement = new RunStarted(RunStarted.TYPE, 1, runId, started.toString(),
                messages.size() + records.size(), complete, spaces.stream().map(Space::name).toList(),
                List.copyOf(errors), datasphere.requestCount(), clock.instant().toString(), operation, null, null,
                stale, coverage);
        publisher.send(queues.results(), JsonCodec.write(announcement));
        publisher.sendAll(queues.results(), records.stream().map(JsonCodec::write).toList());
        List<AssetMessage> urgent = new ArrayList<>();
        List<AssetMessage> normal = new ArrayList<>();
        for (AssetMessage message : messages) {
            boolean priority = queues.priority() != null && rules.isPriority(message.priority());
            (priority ? urgent : normal).add(message);
        }
        if (!urgent.isEmpty()) {
            enqueue(queues.priority(), urgent);
        }
        enqueue(queues.assets(), normal);
        return new DiscoveryResult(runId, spaces.size(), messages.size(), urgent.size(), complete, perSpace,
                List.copyOf(errors), datasphere.requestCount(), Duration.between(started, clock.instant()).toMillis(),
                DiscoveryResult.RUNNING, null, announcement.operation(), stale, coverage);
    }

    /**
     * A run that cannot sync anything (every asset would fail the same way): announced with nothing to expect and
     * the reason, so that it ends {@code HALTED} with one alarm instead of one failed record per asset.
     */
    private DiscoveryResult halted(String runId, Instant started, List<Space> spaces, String operation,
                                   String reason) {
        LOG.error("run halted before enqueuing: {}", reason);
        List<String> names = spaces.stream().map(Space::name).toList();
        publisher.send(queues.results(), JsonCodec.write(RunStarted.halted(runId, started.toString(), names,
                datasphere.requestCount(), clock.instant().toString(), operation, reason)));
        return new DiscoveryResult(runId, spaces.size(), 0, 0, false, Map.of(), List.of(), datasphere.requestCount(),
                Duration.between(started, clock.instant()).toMillis(), "HALTED", reason, operation, null, Coverage.NONE);
    }

    /**
     * Sends the asset messages; one SQS refuses (too large, or refused as the sender's fault) is answered with a
     * failed audit record naming the asset, so the run still accounts for it and nothing else is held up.
     */
    private void enqueue(String queueUrl, List<AssetMessage> assets) {
        List<QueuePublisher.Rejected> rejected = publisher.sendAll(queueUrl,
                assets.stream().map(AssetMessages::toJson).toList());
        List<String> records = new ArrayList<>();
        for (QueuePublisher.Rejected r : rejected) {
            AssetMessage m = assets.get(r.index());
            LOG.warn("asset message refused by SQS: {}/{}: {}", m.space(), m.asset(), r.reason());
            records.add(JsonCodec.write(AuditRecord.failedAtDiscovery(m.runId(), m.space(), m.asset(),
                    m.kind().label(), GlueNames.database(glue.databasePrefix(), m.space()), GlueNames.table(m.asset()),
                    "MessageRejected", "message", "asset " + m.space() + "/" + m.asset()
                            + ": its queue message was refused: " + r.reason(), clock.instant().toString())));
        }
        if (!records.isEmpty()) {
            publisher.sendAll(queues.results(), records).forEach(r -> LOG.error("audit record refused: {}",
                    r.reason()));
        }
    }

    /**
     * Assets whose names fold to the same Glue table (e.g. {@code SAP.X} and {@code SAP_X}) would overwrite each
     * other: the one whose table it already is (the incumbent, as the inventory says) is synced, else the first by
     * name; the others are removed from {@code messages} and answered with a failed audit record naming both.
     */
    private List<AuditRecord> nameCollisions(List<AssetMessage> messages) {
        Map<String, AssetMessage> owners = new java.util.HashMap<>();
        messages.stream().sorted(Comparator.comparing((AssetMessage m) -> !incumbent(m))
                        .thenComparing(AssetMessage::space).thenComparing(AssetMessage::asset))
                .forEach(m -> owners.putIfAbsent(GlueNames.database(glue.databasePrefix(), m.space()) + "."
                        + GlueNames.table(m.asset()), m));
        List<AuditRecord> failed = new ArrayList<>();
        messages.removeIf(m -> {
            String table = GlueNames.database(glue.databasePrefix(), m.space()) + "." + GlueNames.table(m.asset());
            AssetMessage owner = owners.get(table);
            if (owner == m) {
                return false;
            }
            failed.add(AuditRecord.failedAtDiscovery(m.runId(), m.space(), m.asset(), m.kind().label(),
                    GlueNames.database(glue.databasePrefix(), m.space()), GlueNames.table(m.asset()), "NameCollision",
                    "asset", "asset " + m.space() + "/" + m.asset() + ": its Glue table name " + table
                            + " is already taken by asset " + owner.asset() + " (names fold to lower-case [a-z0-9_])",
                    clock.instant().toString()));
            return true;
        });
        return failed;
    }

    /** Whether a target already holds the asset's table for this very asset. */
    private static boolean incumbent(AssetMessage m) {
        return m.glue() != null && m.glue().values().stream().anyMatch(state -> state.exists()
                && m.asset().equals(state.parameters().get("datasphere.asset"))
                && m.space().equals(state.parameters().get("datasphere.space")));
    }

    /** Whether a priority pass would enqueue anything: a priority queue, and rules that send assets to it. */
    public boolean prioritizes() {
        return queues.priority() != null && rules.get().hasPriorityAssets();
    }

    /** The {@code validate} operation: which Glue permissions each target has for the spaces' databases. */
    public List<PermissionCheck.TargetReport> validate() {
        return check(includedSpaces());
    }

    private List<Space> includedSpaces() {
        return included(datasphere.listSpaces());
    }

    private List<Space> included(List<Space> spaces) {
        return spaces.stream().filter(s -> filter.includesSpace(s.name())).toList();
    }

    private List<PermissionCheck.TargetReport> check(List<Space> spaces) {
        List<String> databases = databases(spaces);
        return glue.targets().stream().map(t -> PermissionCheck.check(t, databases, glue.databasePrefix())).toList();
    }

    private List<String> databases(List<Space> spaces) {
        return spaces.stream().map(s -> GlueNames.database(glue.databasePrefix(), s.name())).toList();
    }

    /** The space's design-time objects by type, each list read once (paged by {@link DatasphereClient}). */
    private Map<String, List<String>> designObjects(Space space) {
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (String type : List.of("views", "analyticmodels", "localtables", "remotetables")) {
            byType.put(type, datasphere.listDesignObjects(space.name(), type));
        }
        return byType;
    }

    /** The space's design-time objects in scope that the catalog does not list, sorted. */
    private List<String> unexposed(Space space, List<Asset> catalog, Map<String, List<String>> design) {
        Set<String> listed = new HashSet<>();
        catalog.forEach(a -> listed.add(a.name()));
        Set<String> names = new TreeSet<>();
        design.values().forEach(list -> list.stream().filter(n -> !listed.contains(n))
                .filter(n -> filter.includesAsset(space.name(), n)).forEach(names::add));
        return List.copyOf(names);
    }

    private static Coverage.UnreadableSpace unreadableSpace(Space space, String what, DatasphereException e) {
        LOG.warn("space {} unreadable: {}", space.name(), e.getMessage());
        return new Coverage.UnreadableSpace(space.name(), "the OAuth client's technical user is not a member of space "
                + space.name() + ": listing " + what + " answered HTTP 403 (" + e.getMessage() + ")");
    }

    /**
     * Writes what this full sync syncs per space (the messages it enqueues) and the tenant's spaces (all of them,
     * also those the filter leaves out or the client may not read: a dotted reference {@code A.B} names space A's
     * object B whenever A is a space). A space whose listing failed keeps its previous index; a failure to write is
     * logged and the sync goes on.
     */
    private void writeIndex(String runId, List<Space> all, Set<String> listed, List<AssetMessage> messages,
                            Map<String, List<FlowEdge>> edgesInto) {
        Map<String, Set<String>> objects = new TreeMap<>();
        listed.forEach(space -> objects.put(space, new TreeSet<>()));
        messages.forEach(m -> objects.computeIfAbsent(m.space(), k -> new TreeSet<>()).add(m.asset()));
        Set<String> spaceNames = new TreeSet<>();
        all.forEach(space -> spaceNames.add(space.name()));
        try {
            index.write(runId, objects, spaceNames);
            index.writeFlows(runId, edgesInto);
        } catch (RuntimeException e) {
            LOG.warn("the synced-object index was not written; lineage reads the previous one", e);
        }
    }

    /**
     * Adds the edges of a space's flows whose target is a Datasphere object to {@code edgesInto}, by target space
     * (the space itself always gets an entry, so that a flow removed since the last run is forgotten). A flow whose
     * definition cannot be read is named in {@code unreadable} (the run's coverage), once: it costs lineage only, so
     * it does not make the listing incomplete; with replication on, replication binding names its own flows'
     * problems as listing errors, since a replica's table depends on them.
     */
    private static void flowEdges(String space, FlowDefinitions flows, boolean replication,
                                  Map<String, List<FlowEdge>> edgesInto, List<String> unreadable) {
        edgesInto.computeIfAbsent(space, s -> new ArrayList<>());
        FlowLineage.SpaceEdges read = FlowLineage.read(space, flows);
        read.edges().stream().filter(FlowEdge::targetIsDatasphere)
                .forEach(e -> edgesInto.computeIfAbsent(e.targetSpace(), s -> new ArrayList<>()).add(e));
        String replicationFlow = "space " + space + ": " + FlowDefinitions.REPLICATION_FLOWS + " ";
        flows.unreadable().stream().filter(u -> !replication || !u.startsWith(replicationFlow))
                .forEach(unreadable::add);
        read.unreadable().stream().filter(u -> !replication || !u.startsWith(replicationFlow))
                .forEach(unreadable::add);
    }

    /** Adds the space's design-time objects that the catalog did not list. */
    private void designTimeObjects(String runId, Space space, List<Asset> catalog, List<AssetMessage> messages,
                                   Set<String> present, SyncRules rules, Map<String, List<String>> design) {
        Set<String> listed = new HashSet<>();
        catalog.forEach(a -> listed.add(a.name()));
        for (String type : design.keySet()) {
            for (String name : design.get(type)) {
                present.add(GlueNames.table(name));
                if (listed.add(name) && filter.includesAsset(space.name(), name)) {
                    AssetKind kind = DESIGN_TYPES.get(type);
                    messages.add(AssetMessage.designTime(runId, space, name, kind,
                            rules.priority(space.name(), name, kind)));
                }
            }
        }
    }
}
