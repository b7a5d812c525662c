package io.dsgluesync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.local.simulator.DatasphereSimulator;
import io.dsgluesync.local.simulator.SimAsset;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.local.simulator.SimulatorStats;
import io.dsgluesync.local.simulator.Tenant;
import io.dsgluesync.local.stack.StackEndpoints;
import io.dsgluesync.local.stack.StackResources;
import io.dsgluesync.mapping.GlueNames;
import io.dsgluesync.model.JsonCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Glue calls and Datasphere requests of four runs against their floors: a generated tenant through the real
 * functions (first sync, unchanged re-sync, 5 % changed, 5 % removed), every Glue call counted at the wire by
 * the proxy in front of moto, every Datasphere request counted by the simulator.
 */
final class CallsBench implements Bench {
    static final double TARGET = 1.05;
    private static final long SEED = 42;
    private static final int SPACES = 10;
    private static final String PREFIX = "datasphere_";
    /** The worker containers per event source: the template's minimum for both (MinValue 2). */
    private static final int WORKERS = 2;
    private static final int PRIORITY_WORKERS = 2;

    @Override
    public String key() {
        return "calls";
    }

    @Override
    public String description() {
        return "Glue calls and Datasphere requests per run against the floor (2,000 assets: first sync, re-sync,"
                + " 5 % changed, 5 % removed)";
    }

    record Scenario(String name, Consumer<DatasphereSimulator> change) {
    }

    /** Everything counted in one run. */
    record Result(String scenario, Map<String, Long> glueCalls, long glueTotal, long motoPagesSaved,
                  long glueWrites, Map<String, Long> probes, GlueSnapshot.Floor floor, double ratio, Map<String, Long> datasphere, long datasphereFloor,
                  long metadataDocuments, long listingPages, Map<String, Long> audit, long leftInQueues,
                  long seconds) {
    }

    @Override
    public Section run(boolean quick) throws Exception {
        int assets = quick ? 400 : 2000;
        Tenant tenant = Tenant.generated(SPACES, assets, SEED);
        List<SimAsset> all = tenant.allAssets();
        List<SimAsset> changed = new ArrayList<>();
        List<SimAsset> removed = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i % 20 == 0) {
                changed.add(all.get(i));
            } else if (i % 20 == 10) {
                removed.add(all.get(i));
            }
        }
        List<Scenario> scenarios = List.of(
                new Scenario("(a) first sync", s -> { }),
                new Scenario("(b) re-sync, no change", s -> { }),
                new Scenario("(c) 5 % changed", s -> changed.forEach(a ->
                        s.faults().metadataChanged(a.spaceName(), a.name()))),
                new Scenario("(d) 5 % removed", s -> removed.forEach(a ->
                        s.faults().removeAsset(a.spaceName(), a.name()))));
        Map<String, String> parameters = Map.of("WorkerMaxConcurrency", Integer.toString(WORKERS),
                "PriorityWorkerMaxConcurrency", Integer.toString(PRIORITY_WORKERS));
        List<Result> results = new ArrayList<>();
        try (BenchStack stack = BenchStack.start("calls", SimulatorOptions.defaults().withTenant(tenant),
                parameters)) {
            Set<String> databases = tenant.spaces().stream().map(s -> GlueNames.database(PREFIX, s.name()))
                    .collect(Collectors.toSet());
            List<SimAsset> listed = new ArrayList<>(all);
            int index = 0;
            for (Scenario scenario : scenarios) {
                System.err.println("calls: " + scenario.name() + " ...");
                scenario.change().accept(stack.simulator);
                if (scenario.name().startsWith("(d)")) {
                    listed.removeAll(removed);
                }
                results.add(run(stack, scenario, ++index, databases, listed));
                System.err.println("calls: " + results.get(results.size() - 1));
            }
        }
        return section(results, assets, quick);
    }

    private static Result run(BenchStack stack, Scenario scenario, int index, Set<String> databases,
                              List<SimAsset> listed) throws Exception {
        // A fresh audit table per run, since the results function is not run (see the method text) and discovery
        // admits one run at a time.
        String auditTable = stack.resources.auditTable() + "-" + index;
        StackResources.createTable(stack.direct(), auditTable);
        boolean remembered = false;
        if (index > 1) {
            // What a deployment's one audit table keeps from run to run besides the runs: the passed permission
            // check (GLUE_VALIDATE_INTERVAL_MINUTES), so that the runs after the first make no probe, as in AWS.
            String previous = stack.resources.auditTable() + "-" + (index - 1);
            var items = stack.direct().dynamo().query(r -> r.tableName(previous).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PERMISSIONS")))).items();
            items.forEach(item -> stack.direct().dynamo().putItem(r -> r.tableName(auditTable).item(item)));
            remembered = !items.isEmpty();
        }
        StackEndpoints endpoints = stack.endpoints.withParameters(Map.of("AuditTable", auditTable));
        GlueSnapshot before = GlueSnapshot.read(stack.direct().glue());
        stack.proxy.stats().reset();
        Map<String, Long> dsBefore = datasphere(stack.simulator.stats());
        long start = System.nanoTime();
        long left;
        try (ConcurrentSync sync = new ConcurrentSync(stack, endpoints, WORKERS, PRIORITY_WORKERS, 0)) {
            sync.run();
            left = sync.leftInAssetQueues();
        }
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        GlueSnapshot after = GlueSnapshot.read(stack.direct().glue());
        Map<String, Long> glue = new TreeMap<>();
        stack.proxy.stats().forwardedByCall().forEach((call, n) -> {
            if (call.startsWith("glue.")) {
                glue.put(call.substring("glue.".length()), n);
            }
        });
        long measured = glue.values().stream().mapToLong(Long::longValue).sum();
        GlueSnapshot.Floor floor = GlueSnapshot.floor(before, after, databases);
        // moto answers GetTables in one page whatever MaxResults (get_tables in moto/glue/responses.py), Glue in
        // pages of at most 100: each listing of every space database costs the floor's pages in Glue, not one call
        // per database. The calls moto spared are added back.
        // The permission probe's GetTables reads one table per database: one call in Glue as in moto.
        Map<String, Long> probes = remembered ? Map.of() : probes(databases.size(),
                (int) databases.stream().filter(before.databases()::containsKey).count());
        long listings = (glue.getOrDefault("GetTables", 0L) - probes.getOrDefault("GetTables", 0L))
                / databases.size();
        long saved = listings * (floor.getTablesPages() - databases.size());
        long total = measured + saved;
        long writes = glue.entrySet().stream().filter(e -> isWrite(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        Map<String, Long> dsAfter = datasphere(stack.simulator.stats());
        Map<String, Long> ds = new LinkedHashMap<>();
        dsAfter.forEach((k, v) -> ds.put(k, v - dsBefore.get(k)));
        long pages = (listed.size() + 499) / 500;
        // A view has a relational $metadata document, an analytic model an analytical one, some assets both.
        long documents = listed.stream().mapToLong(a -> (a.kind().hasRelational() ? 1 : 0)
                + (a.kind().hasAnalytical() ? 1 : 0)).sum();
        long dsFloor = documents + pages + ds.get("design-time");
        return new Result(scenario.name(), glue, total, saved, writes, probes, floor,
                floor.total() == 0 ? 0 : (double) total / floor.total(), ds, dsFloor, documents, pages,
                actions(stack), left, seconds);
    }

    /**
     * The audit records the run sent, by action, read (and removed) from the results queue; the run announcement
     * and anything else without an action are left out.
     */
    private static Map<String, Long> actions(BenchStack stack) {
        Map<String, Long> actions = new TreeMap<>();
        String queue = stack.resources.resultsQueueUrl();
        while (true) {
            List<Message> batch = stack.direct().sqs().receiveMessage(r -> r.queueUrl(queue)
                    .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return actions;
            }
            for (Message m : batch) {
                JsonNode node = JsonCodec.readObject(m.body());
                if (node.hasNonNull("action")) {
                    actions.merge(node.get("action").asText(), 1L, Long::sum);
                }
            }
            stack.direct().sqs().deleteMessageBatch(r -> r.queueUrl(queue).entries(batch.stream()
                    .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId())
                            .receiptHandle(m.receiptHandle()).build()).toList()));
        }
    }

    /**
     * The calls of discovery's permission check ({@code GLUE_VALIDATE_BEFORE_ENQUEUE}, default true), as
     * {@code PermissionCheck.check} makes them: per space database GetDatabase, GetTables, GetTable and an UpdateTable
     * of a table that cannot exist, a CreateDatabase only of a database that exists (it fails), and one CreateTable in
     * a probe database that does not exist. The writes among them are refused by design and change nothing.
     */
    static Map<String, Long> probes(int databases, int existing) {
        Map<String, Long> probes = new TreeMap<>();
        probes.put("GetDatabase", (long) databases);
        probes.put("GetTables", (long) databases);
        probes.put("GetTable", (long) databases);
        probes.put("UpdateTable", (long) databases);
        probes.put("CreateDatabase", (long) existing);
        probes.put("CreateTable", 1L);
        return probes;
    }

    static boolean isWrite(String operation) {
        return operation.startsWith("Create") || operation.startsWith("Update") || operation.startsWith("Delete")
                || operation.startsWith("BatchCreate") || operation.startsWith("BatchUpdate")
                || operation.startsWith("BatchDelete");
    }

    static Map<String, Long> datasphere(SimulatorStats stats) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("total", stats.requestsTotal());
        counts.put("token", stats.tokenRequests());
        counts.put("listing", stats.catalogRequests());
        counts.put("metadata", stats.metadataRequests());
        counts.put("design-time", stats.designTimeRequests());
        counts.put("other", stats.otherRequests());
        counts.put("429", stats.rateLimitedResponses());
        return counts;
    }

    private static Section section(List<Result> results, int assets, boolean quick) {
        List<Figure> figures = new ArrayList<>();
        for (Result r : results) {
            GlueSnapshot.Floor f = r.floor();
            long probeCalls = r.probes().values().stream().mapToLong(Long::longValue).sum();
            long probeWrites = r.probes().entrySet().stream().filter(e -> isWrite(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            long own = r.glueTotal() - probeCalls;
            String extra = extras(r);
            figures.add(Figure.checked(r.scenario() + ": Glue calls / floor L",
                    String.format(Locale.ROOT, "%.3f (%d / %d)", r.ratio(), r.glueTotal(), f.total()),
                    "<= " + TARGET, r.ratio() <= TARGET, "calls at the wire " + r.glueCalls()
                            + (r.motoPagesSaved() == 0 ? "" : " + " + r.motoPagesSaved() + " GetTables pages Glue"
                            + " would need and moto does not (one page per listing whatever MaxResults)")
                            + "; L = " + f.getTablesPages()
                            + " GetTables pages + " + f.databaseWrites() + " database writes + " + f.tableWrites()
                            + " table writes (" + f.tablesCreated() + " new, " + f.tablesChanged() + " changed, "
                            + f.tablesRemoved() + " removed); beyond the floor: "
                            + (r.probes().isEmpty() ? "no permission probe (an earlier run's passed check is"
                            + " remembered, GLUE_VALIDATE_INTERVAL_MINUTES)" : "the permission probes " + r.probes()
                            + " (" + probeCalls + " calls; a deployment's first sync, then once an hour)")
                            + (extra.isEmpty() ? "" : "; then " + extra)
                            + (r.ratio() <= TARGET ? "" : "; what would fix the rest: the stored table (and its"
                            + " VersionId) from discovery's GetTables listing passed in each changed asset's message,"
                            + " so the worker needs no GetTable before its UpdateTable, and the database's existence"
                            + " passed too, so the worker needs no GetDatabase")));
            figures.add(Figure.context(r.scenario() + ": Glue calls without the permission probes / L",
                    String.format(Locale.ROOT, "%.3f (%d / %d)", (double) own / f.total(), own, f.total()),
                    "the sync's own calls"));
            figures.add(Figure.checked(r.scenario() + ": Glue write calls at the wire / writes needed",
                    r.glueWrites() + " / " + f.writes(),
                    r.scenario().startsWith("(b)") ? "0" : "= writes needed + probes (" + probeWrites + ")",
                    r.scenario().startsWith("(b)") ? r.glueWrites() == 0 : r.glueWrites() == f.writes() + probeWrites,
                    probeWrites + " of them are the permission probes' writes, refused by design (the catalog"
                            + " changed in " + f.writes() + " places); audit records by action " + r.audit()
                            + "; messages left in the asset queues after the drain: " + r.leftInQueues()));
            Map<String, Long> ds = r.datasphere();
            double dsRatio = (double) ds.get("total") / r.datasphereFloor();
            figures.add(Figure.checked(r.scenario() + ": Datasphere requests / floor",
                    String.format(Locale.ROOT, "%.3f (%d / %d)", dsRatio, ds.get("total"), r.datasphereFloor()),
                    "<= " + TARGET, dsRatio <= TARGET, "by kind " + ds + "; floor = " + r.metadataDocuments()
                            + " metadata documents + " + r.listingPages() + " listing pages + " + ds.get("design-time")
                            + " design-time calls; beyond it: " + ds.get("token") + " token requests (one per"
                            + " container that called), " + (ds.get("listing") - r.listingPages())
                            + " listing requests beyond ⌈assets/500⌉ (the space list and one listing per space), "
                            + (ds.get("metadata") - r.metadataDocuments()) + " metadata requests beyond one per"
                            + " document"));
        }
        String method = """
                A generated tenant (%d catalog assets in %d spaces, seed %d, plus the tables its replication flows \
                add; rules `local/sync-rules.json`) synced four times through the real functions under the Runtime \
                Interface Emulator: (a) first sync into an empty catalog, (b) re-sync with no change, (c) 5 %% of the \
                assets' models changed (the simulator's `metadataChanged`: a new column and ETag), (d) 5 %% of the \
                assets removed (`removeAsset`; stale policy `DEPRECATE`, so each removed table gets one UpdateTable). \
                Each run starts new containers (discovery, %d asset-queue and %d priority-queue workers draining in \
                parallel threads), as an hourly schedule finds them cold; no request budget. The results function is \
                not run: it calls neither Glue nor Datasphere, and moto's DynamoDB deep-copies the whole table on \
                every TransactWriteItems (`transact_write_items` in moto/dynamodb/models/__init__.py), which made it \
                the bottleneck (0.8 s per 10 records growing to 5 s as the audit table grew). Each run gets a fresh \
                audit table instead (discovery admits one run at a time), and its audit records are tallied by action \
                from the results queue.

                **Glue calls** are counted at the wire by the proxy in front of moto (`AwsFaultProxy`, by operation). \
                The floor **L** is computed from the catalog read directly from moto before and after each run (times \
                and version ids cleared): Σ over the tenant's space databases of max(1, ⌈tables before / 100⌉) \
                GetTables pages (one call even for an absent or empty database) + one write per database that differs \
                + one write per table that appeared, disappeared or differs. A write that changes nothing therefore \
                counts against the ratio. moto answers GetTables in one page whatever MaxResults (`get_tables` in \
                moto/glue/responses.py), Glue in pages of at most 100: the pages Glue would need for the listings \
                made are added to the calls. Target ≤ %.2f × L; (b) zero writes. Discovery's permission check \
                (`GLUE_VALIDATE_BEFORE_ENQUEUE`, default true) makes calls outside the floor on every run; they are \
                named in the notes, and a second figure gives the ratio without them.

                **Datasphere requests** are counted by the simulator by kind. Floor = one metadata request per listed \
                asset's `$metadata` document (a view has a relational one, an analytic model an analytical one, some \
                assets both) + ⌈listed assets / 500⌉ listing pages + the design-time calls made (with lineage on, \
                the default: each changed asset's CSN, six lists per space and each flow's definition; the replication \
                flows the rules file binds: all of them taken as in use). A conditional request answered 304 counts \
                as a request. Token requests and the per-space listing are outside the floor and named in the note.

                **SQS: ElasticMQ 1.6.16**, not moto: moto's SQS slows down with queue depth (2,000 messages of 600 \
                bytes: SendMessageBatch 31.7 s + receive and DeleteMessageBatch 93.0 s on moto 5.2, 2.1 s + 1.9 s on \
                ElasticMQ, measured on this machine). ElasticMQ keeps SQS's semantics (visibility timeout, receive \
                counts, redrive to the dead-letter queue); the functions reach it through `AWS_ENDPOINT_URL_SQS`, \
                everything else stays on moto behind the counting proxy.
                """.formatted(assets, SPACES, SEED, WORKERS, PRIORITY_WORKERS, TARGET);
        return new Section("calls", "Glue calls and Datasphere requests against the floor" + (quick ? " (quick)" : ""),
                method, figures, Section.raw(Map.of("assets", assets, "runs", results)));
    }

    /**
     * The calls beyond the floor and the probes, named by operation: reads other than the GetTables pages (e.g. the
     * workers' GetDatabase, one per database and container), and writes beyond one per change.
     */
    private static String extras(Result r) {
        GlueSnapshot.Floor f = r.floor();
        Map<String, Long> needed = Map.of("GetTables", (long) f.getTablesPages(),
                "CreateTable", (long) f.tablesCreated(), "UpdateTable", (long) (f.tablesChanged() + f.tablesRemoved()),
                "CreateDatabase", (long) f.databaseWrites());
        // GetTables with the pages moto spared the sync's own listing (the probe reads one table per database).
        long ownPages = r.motoPagesSaved();
        return r.glueCalls().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - r.probes().getOrDefault(e.getKey(), 0L)
                        - needed.getOrDefault(e.getKey(), 0L)
                        + (e.getKey().equals("GetTables") ? ownPages : 0)))
                .filter(e -> e.getValue() != 0)
                .map(e -> e.getKey() + " " + (e.getValue() > 0 ? "+" : "") + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
