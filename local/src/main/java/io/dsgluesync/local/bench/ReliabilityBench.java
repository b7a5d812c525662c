package io.dsgluesync.local.bench;

import io.dsgluesync.audit.AuditStore;
import io.dsgluesync.datasphere.ClientCredentials;
import io.dsgluesync.local.faults.AwsFaultProxy;
import io.dsgluesync.local.faults.Fault;
import io.dsgluesync.local.faults.FaultRule;
import io.dsgluesync.local.simulator.DatasphereSimulator;
import io.dsgluesync.local.simulator.Faults;
import io.dsgluesync.local.simulator.SimAsset;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.local.simulator.Tenant;
import io.dsgluesync.local.stack.DeliveryMode;
import io.dsgluesync.local.stack.LambdaEmulator;
import io.dsgluesync.local.stack.LocalAws;
import io.dsgluesync.local.stack.MotoServer;
import io.dsgluesync.local.stack.StackEndpoints;
import io.dsgluesync.local.stack.StackPaths;
import io.dsgluesync.local.stack.StackResources;
import io.dsgluesync.local.stack.SyncReport;
import io.dsgluesync.local.stack.SyncRunner;
import io.dsgluesync.model.AssetMessages;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Every asset accounted for under faults, measured: a generated tenant synced over the real peers (moto behind the
 * fault-injecting proxy, the three functions under the Runtime Interface Emulator with AWS's delivery semantics, the
 * simulator), one scenario per fault. Per scenario: assets expected, synced, failed with a record, lost (no audit
 * record), double-counted, dead-letter depth and how much of it has no failed record, the run's final status, time.
 * Targets: 0 lost, 0 double-counted, a final status, nothing in a dead-letter queue without a failed record.
 * Writes {@code bench/results/reliability.md} and {@code .json}; {@code --quick} runs the subset CI runs.
 */
public final class ReliabilityBench {
    private final int spaces;
    private final int assetsPerSpace;
    private final long seed;

    /** One fault, applied before the sync. */
    public record Scenario(String name, String fault, Consumer<Setup> apply, boolean deliverTwice) {
        Scenario(String name, String fault, Consumer<Setup> apply) {
            this(name, fault, apply, false);
        }
    }

    /** The peers a scenario can make misbehave. */
    public record Setup(DatasphereSimulator simulator, AwsFaultProxy proxy, Tenant tenant) {
    }

    /** One row of the table. */
    public record Row(String scenario, String fault, long injected, int expected, int synced, int failedWithRecord,
                      int lost, int doubleCounted, int deadLetters, int deadLettersWithoutRecord, String status,
                      long seconds) {
        public boolean meetsTargets() {
            return lost == 0 && doubleCounted == 0 && deadLettersWithoutRecord == 0 && status.startsWith("COMPLETE");
        }
    }

    public ReliabilityBench(int spaces, int assetsPerSpace, long seed) {
        this.spaces = spaces;
        this.assetsPerSpace = assetsPerSpace;
        this.seed = seed;
    }

    public static List<Scenario> scenarios(boolean quick) {
        List<Scenario> all = new ArrayList<>(List.of(
                new Scenario("baseline", "none", s -> { }),
                new Scenario("glue-throttling", "15 % of the sync's Glue calls throttled",
                        s -> glueFaults(s, Fault.THROTTLE, 0.15, 11)),
                new Scenario("dynamodb-lost-answers", "20 % of TransactWriteItems answers lost after the commit",
                        s -> s.proxy().rules().add(FaultRule.rate("dynamodb", "TransactWriteItems",
                                Fault.DROP_AFTER_APPLY, 0.2, 13))),
                new Scenario("duplicate-delivery", "every SQS batch delivered twice (all three queues)", s -> { },
                        true)));
        if (!quick) {
            all.add(new Scenario("datasphere-503", "5 % of Datasphere requests answer 503",
                    s -> s.simulator().faults().serverErrorRate(0.05, 7)));
            all.add(new Scenario("glue-5xx", "10 % of the sync's Glue calls answer 503",
                    s -> glueFaults(s, Fault.UNAVAILABLE, 0.10, 17)));
            all.add(new Scenario("sqs-throttling", "10 % of SQS calls throttled (discovery, workers, results)",
                    s -> s.proxy().rules().add(FaultRule.rate("sqs", Fault.THROTTLE, 0.10, 19))));
            all.add(new Scenario("results-read-fails-after-commit", "the results function's reads of the run fail"
                    + " (12 GetItem answers 503) right after its transactions commit",
                    s -> s.proxy().rules().add(FaultRule.nextN("dynamodb", "GetItem", Fault.UNAVAILABLE, 12))));
            all.add(new Scenario("hostile-metadata", "5 assets with malformed or hostile CSDL", s -> {
                List<SimAsset> assets = s.tenant().assets(s.tenant().spaces().get(0).name());
                Faults faults = s.simulator().faults();
                for (int i = 0; i < 5 && i < assets.size(); i++) {
                    SimAsset a = assets.get(i);
                    if (i % 2 == 0) {
                        faults.malformedMetadata(a.spaceName(), a.name());
                    } else {
                        faults.hostileMetadata(a.spaceName(), a.name(), Faults.Hostile.BILLION_LAUGHS);
                    }
                }
            }));
        }
        return all;
    }

    /**
     * Faults on the Glue operations the functions call. GetTable is left alone: the local runner reads the tables
     * with it for its report, through the same endpoint.
     */
    private static void glueFaults(Setup setup, Fault fault, double rate, long seed) {
        List<String> operations = List.of("GetDatabase", "CreateDatabase", "GetTables", "CreateTable", "UpdateTable");
        for (int i = 0; i < operations.size(); i++) {
            setup.proxy().rules().add(FaultRule.rate("glue", operations.get(i), fault, rate, seed + i));
        }
    }

    public Row run(Scenario scenario) throws IOException, InterruptedException {
        StackPaths paths = StackPaths.discover();
        Path dir = Files.createDirectories(paths.projectDir().resolve("local/target/reliability/" + scenario.name()));
        try (var old = Files.list(dir)) {
            for (Path file : old.filter(Files::isRegularFile).toList()) {
                Files.delete(file);
            }
        }
        int motoPort = LambdaEmulator.freePort();
        long moto = MotoServer.start(paths, motoPort, dir.resolve("moto.log"));
        Tenant tenant = Tenant.generated(spaces, spaces * assetsPerSpace, seed);
        try (AwsFaultProxy proxy = AwsFaultProxy.start(motoPort);
             DatasphereSimulator simulator = DatasphereSimulator.start(SimulatorOptions.defaults().withTenant(tenant));
             LocalAws aws = new LocalAws(motoPort)) {
            ClientCredentials client = new ClientCredentials(simulator.clientId(), simulator.clientSecret());
            StackResources resources = StackResources.bootstrap(aws, client,
                    paths.projectDir().resolve("local/sync-rules.json"));
            // Lambda refuses a queue whose visibility timeout is below the function's Timeout: both are shortened
            // together so that redeliveries come within seconds, not the template's 720 s.
            for (String queue : List.of(resources.assetQueueUrl(), resources.priorityQueueUrl())) {
                aws.sqs().setQueueAttributes(r -> r.queueUrl(queue).attributes(Map.of(
                        QueueAttributeName.VISIBILITY_TIMEOUT, "20")));
            }
            aws.sqs().setQueueAttributes(r -> r.queueUrl(resources.resultsQueueUrl()).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, "15")));
            StackEndpoints endpoints = new StackEndpoints(proxy.port(), simulator.baseUrl().toString(),
                    simulator.tokenUrl().toString(), client, resources);
            SyncRunner runner = new SyncRunner(paths, endpoints, dir).withDeliveryMode(DeliveryMode.AWS)
                    .withFunctionTimeout("WorkerFunction", Duration.ofSeconds(20))
                    .withFunctionTimeout("ResultsFunction", Duration.ofSeconds(15))
                    .withEnvironment("WorkerFunction", Map.of("WORKER_TIME_RESERVE_SECONDS", "5",
                            "DATASPHERE_TIMEOUT_SECONDS", "4"));
            scenario.apply().accept(new Setup(simulator, proxy, tenant));
            if (scenario.deliverTwice()) {
                runner = runner.withDuplicateDelivery();
            }
            Instant start = Instant.now();
            SyncReport report = runner.run();
            long seconds = Duration.between(start, Instant.now()).toSeconds();
            long injected = proxy.stats().injected() + simulator.stats().injectedErrors();
            return row(scenario, injected, aws, resources, report.runId(), seconds);
        } finally {
            ProcessHandle.of(moto).ifPresent(ProcessHandle::destroy);
        }
    }

    private static Row row(Scenario scenario, long injected, LocalAws aws, StackResources resources, String runId,
                           long seconds) {
        AuditStore store = new AuditStore(aws.dynamo(), resources.auditTable(), Clock.systemUTC(), Duration.ofDays(1));
        Map<String, AttributeValue> summary = store.summaryItem(runId).orElse(Map.of());
        List<Map<String, AttributeValue>> items = store.assetItems(runId);
        Set<String> recordedFailures = new HashSet<>();
        int synced = 0;
        int failed = 0;
        for (Map<String, AttributeValue> item : items) {
            String action = item.get("action").s();
            if (action.equals("FAILED")) {
                failed++;
                recordedFailures.add(item.get("space").s() + "/" + item.get("asset").s());
            } else if (!action.equals("CONFLICT")) {
                synced++;
            }
        }
        int expected = number(summary, "expectedAssets");
        int processed = number(summary, "processed");
        List<String> dead = new ArrayList<>(drain(aws, resources.assetDlqUrl()));
        int unrecorded = 0;
        for (String body : dead) {
            var message = AssetMessages.fromJson(body);
            if (!recordedFailures.contains(message.space() + "/" + message.asset())) {
                unrecorded++;
            }
        }
        List<String> deadResults = drain(aws, resources.resultsDlqUrl());
        unrecorded += deadResults.size();
        String status = summary.containsKey("status") ? summary.get("status").s() : "RUNNING";
        return new Row(scenario.name(), scenario.fault(), injected, expected, synced, failed,
                Math.max(0, expected - items.size()),
                Math.max(0, processed - items.size()), dead.size() + deadResults.size(), unrecorded, status, seconds);
    }

    private static int number(Map<String, AttributeValue> item, String key) {
        return item.containsKey(key) ? Integer.parseInt(item.get(key).n()) : 0;
    }

    private static List<String> drain(LocalAws aws, String queueUrl) {
        List<String> bodies = new ArrayList<>();
        for (int empty = 0; empty < 2; ) {
            List<Message> messages = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10))
                    .messages();
            if (messages.isEmpty()) {
                empty++;
            }
            messages.forEach(m -> bodies.add(m.body()));
        }
        return bodies;
    }

    public static String markdown(List<Row> rows, int assets) {
        StringBuilder out = new StringBuilder("Generated tenant, " + assets + " catalog assets plus what its"
                + " replication flows add; AWS delivery semantics.\n\n"
                + "| scenario | fault | faults injected | expected | synced | failed (recorded) | lost | double-counted"
                + " | DLQ | DLQ without record | status | time | targets |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            out.append(String.format("| %s | %s | %d | %d | %d | %d | %d | %d | %d | %d | %s | %d s | %s |%n",
                    r.scenario(), r.fault(), r.injected(), r.expected(), r.synced(), r.failedWithRecord(), r.lost(),
                    r.doubleCounted(), r.deadLetters(), r.deadLettersWithoutRecord(), r.status(), r.seconds(),
                    r.meetsTargets() ? "met" : "MISSED"));
        }
        return out.toString();
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int spaces = 4;
        int perSpace = quick ? 15 : 75;
        ReliabilityBench bench = new ReliabilityBench(spaces, perSpace, 7);
        List<Row> rows = new ArrayList<>();
        for (Scenario scenario : scenarios(quick)) {
            System.err.println("reliability: " + scenario.name() + " ...");
            Row row = bench.run(scenario);
            rows.add(row);
            System.err.println("reliability: " + row);
        }
        String table = markdown(rows, spaces * perSpace);
        System.out.print(table);
        Path results = Files.createDirectories(StackPaths.discover().projectDir().resolve("bench/results"));
        Files.writeString(results.resolve("reliability.md"), table);
        Files.writeString(results.resolve("reliability.json"), JsonCodec.write(rows));
    }
}
