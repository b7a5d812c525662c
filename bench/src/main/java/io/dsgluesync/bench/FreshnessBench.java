package io.dsgluesync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.budget.BudgetBuckets;
import io.dsgluesync.datasphere.ClientCredentials;
import io.dsgluesync.local.simulator.DatasphereSimulator;
import io.dsgluesync.local.simulator.SimAsset;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.local.simulator.Tenant;
import io.dsgluesync.local.stack.Events;
import io.dsgluesync.local.stack.LambdaEmulator;
import io.dsgluesync.local.stack.LocalAws;
import io.dsgluesync.local.stack.MotoServer;
import io.dsgluesync.local.stack.QueueDrainer;
import io.dsgluesync.local.stack.SamTemplate;
import io.dsgluesync.local.stack.StackEndpoints;
import io.dsgluesync.local.stack.StackPaths;
import io.dsgluesync.local.stack.StackResources;
import io.dsgluesync.local.stack.SyncRunner;
import io.dsgluesync.mapping.GlueNames;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;

/**
 * Freshness: the time from a changed {@code $metadata} in Datasphere to the changed Glue table.
 *
 * <p>The floor is what the request budget allows. A no-change cycle over a tenant of N documents costs one
 * conditional request per document plus the listing (⌈N/500⌉ pages and the spaces) plus, with lineage on (the
 * default), six design-time lists per space (four object types for coverage and the synced-object index, two flow
 * types), so with a budget of B requests a
 * minute every document can be re-checked at best every F = requests / B minutes. Runs start on schedule ticks (every
 * S minutes) and a tick during a running sync is a priority pass, so a document changed just after its check is
 * checked again one cycle later, rounded up to a tick: worst case W = ⌈F / S⌉ · S; a priority asset is checked on every
 * tick: worst case S. The model table prints both for the default schedule (5 minutes) and budget (240 a minute).
 *
 * <p>The measured part runs the real functions (discovery, a worker on each queue and results under the Runtime
 * Interface Emulator, moto, the simulator) on a scaled clock: the bench is EventBridge, ticking every S' seconds,
 * with a budget B' a minute, while it changes documents at random moments and polls Glue until each table's version
 * changes. Measured worst cases are compared with the model's W' and S' for the same N, B' and S'.
 */
public final class FreshnessBench implements Bench {
    static final int DEFAULT_SCHEDULE_MINUTES = 5;
    static final int DEFAULT_BUDGET = 240;
    static final int PAGE_SIZE = 500;
    /**
     * The design-time lists lineage adds per space and run: views, analytic models, local and remote tables, and
     * replication and data flows (one page each up to 200 objects). Each flow's definition read and each changed
     * document's CSN come on top; a tenant without flows and without changes pays only these.
     */
    static final int LINEAGE_LISTS_PER_SPACE = 6;
    /** The processing allowance on top of the tick arithmetic: a listing, a queue hop, one asset's sync. */
    static final Duration LATENCY = Duration.ofSeconds(10);

    @Override
    public String key() {
        return "freshness";
    }

    @Override
    public String description() {
        return "Freshness: changed $metadata to changed Glue table, against the budget's floor, default schedule";
    }

    /** One measured configuration: tenant size, budget a minute, tick period, changes made. */
    record Config(int spaces, int assets, int budget, long tickSeconds, int changes, int priorityChanges) {
        Duration tick() {
            return Duration.ofSeconds(tickSeconds);
        }
    }

    /** One change and when Glue showed it. */
    record Change(String space, String asset, boolean priority, long atMillis, long freshMillis) {
    }

    /** What one configuration measured. */
    record Measured(Config config, double floorSeconds, double predictedSeconds, double predictedPrioritySeconds,
                    List<Change> changes, int ticks, Map<String, Integer> operations, long datasphereRequests,
                    long rateLimited) {
        List<Long> fresh(boolean priority) {
            List<Long> all = new ArrayList<>();
            changes.stream().filter(c -> c.priority() == priority).forEach(c -> all.add(c.freshMillis()));
            Collections.sort(all);
            return all;
        }
    }

    /** Requests of one no-change cycle: a conditional request per document, the listing pages, the spaces. */
    static long cycleRequests(long documents, int spaces) {
        return documents + Math.max(spaces, (documents + PAGE_SIZE - 1) / PAGE_SIZE) + 1
                + (long) LINEAGE_LISTS_PER_SPACE * spaces;
    }

    /** The model's worst case for an ordinary document, in seconds: a cycle rounded up to the tick. */
    static double worstCase(double floorSeconds, double tickSeconds) {
        return Math.max(1, Math.ceil(floorSeconds / tickSeconds - 1e-9)) * tickSeconds;
    }

    @Override
    public Section run(boolean quick) throws Exception {
        List<Figure> figures = new ArrayList<>(model());
        List<Config> configs = new ArrayList<>();
        configs.add(new Config(2, 100, 600, 30, quick ? 3 : 6, quick ? 1 : 2));
        if (!quick) {
            configs.add(new Config(4, 500, 600, 30, 6, 2));
        }
        List<Measured> measured = new ArrayList<>();
        for (Config config : configs) {
            System.err.println("freshness: " + config + " ...");
            Measured m = measure(config);
            measured.add(m);
            figures.addAll(figures(m));
        }
        String method = """
                Model: a no-change cycle costs N + ⌈N/500⌉ + 1 + 6·spaces requests (one conditional `$metadata` \
                request per document, the listing pages, the spaces, and lineage's six design-time lists per space; \
                each flow's definition and each changed document's CSN come on top); at a budget of B a minute that is the floor F, and at the \
                rate the shared budget hands out (225 of 240 a minute) the sync's cycle. Runs start on ticks every S \
                minutes and a tick during a sync is a priority pass, so the worst case for an ordinary document is \
                W = ⌈cycle/S⌉·S and for a priority asset S, plus seconds of processing. Default schedule \
                `rate(5 minutes)`, default budget 240 a minute. Measured: the real functions under the Runtime \
                Interface Emulator on moto and the simulator, the bench ticking discovery every S' seconds with a \
                budget B' a minute (two workers on the asset queue and one on the priority queue: \
                `WorkerMaxConcurrency` 2, `PriorityWorkerMaxConcurrency` 1), documents changed at random moments \
                after the first sync, each change timed until `GetTable` shows a new table version. Target: the \
                measured worst case ≤ the model's W' (or S' for priority assets) \
                plus 10 s.""";
        return new Section(key(), "Freshness against the budget's floor", method, figures, Section.raw(measured));
    }

    /** The requests a minute the sync draws at a budget: the shared buckets' guaranteed rate (the budget if none). */
    static double drawnPerMinute(int budget) {
        return BudgetBuckets.forBudget(budget).map(BudgetBuckets::guaranteedPerMinute).orElse((double) budget);
    }

    /**
     * The model at the default schedule and budget, for tenant sizes around budget × 15 minutes: the floor at the
     * budget, and the sync's cycle at the rate its shared buckets hand out.
     */
    static List<Figure> model() {
        List<Figure> figures = new ArrayList<>();
        double tick = DEFAULT_SCHEDULE_MINUTES * 60.0;
        double drawn = drawnPerMinute(DEFAULT_BUDGET);
        for (int documents : new int[] {100, 1_000, 3_000, 3_250, 3_300, 3_500, 3_600, 10_000}) {
            int spaces = Math.max(1, documents / 200);
            long requests = cycleRequests(documents, spaces);
            double floor = requests * 60.0 / DEFAULT_BUDGET;
            double cycle = requests * 60.0 / drawn;
            double worst = worstCase(cycle, tick);
            String name = "model: " + String.format("%,d", documents) + " documents, budget " + DEFAULT_BUDGET
                    + "/min, rate(5 minutes): worst case (floor " + minutes(floor) + ", the sync's cycle "
                    + minutes(cycle) + ")";
            if (documents <= DEFAULT_BUDGET * 15) {
                boolean met = worst <= 15 * 60;
                String why = floor > 15 * 60 ? "the floor itself is above 15 min: the listing comes on top of one"
                        + " request per document" : "the shared buckets hand out " + String.format("%.0f", drawn)
                        + " of the " + DEFAULT_BUDGET + " a minute (no 60-s window may exceed the budget), so the"
                        + " cycle passes 15 min";
                figures.add(Figure.checked(name, minutes(worst), "<= 15 min (N <= budget x 15 min)", met,
                        met ? "plus seconds of processing" : why + "; raise DatasphereRequestsPerMinute a little"
                                + " (Datasphere's limit is about 300 a minute by a third-party account) or filter"
                                + " assets"));
            } else {
                figures.add(Figure.context(name, minutes(worst), "beyond budget x 15 min: freshness is the sync's"
                        + " cycle, rounded up to the tick"));
            }
        }
        figures.add(Figure.checked("model: priority assets, any tenant size, rate(5 minutes)",
                minutes(tick), "within minutes", true, "a sync or a priority pass every tick"));
        return figures;
    }

    private static List<Figure> figures(Measured m) {
        Config c = m.config();
        String setup = c.assets() + " documents, budget " + c.budget() + "/min, tick " + c.tick().toSeconds() + " s";
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.context("measured (" + setup + "): floor F' / the model's worst case W' at the drawn rate",
                seconds(m.floorSeconds()) + " / " + seconds(m.predictedSeconds()),
                m.ticks() + " ticks: " + m.operations() + "; " + m.datasphereRequests() + " Datasphere requests, "
                        + m.rateLimited() + " answered 429"));
        List<Long> ordinary = m.fresh(false);
        List<Long> priority = m.fresh(true);
        figures.add(verdict("measured (" + setup + "): ordinary documents, median / worst", ordinary,
                m.predictedSeconds()));
        if (!priority.isEmpty()) {
            figures.add(verdict("measured (" + setup + "): priority assets, median / worst", priority,
                    m.predictedPrioritySeconds()));
        }
        return figures;
    }

    private static Figure verdict(String name, List<Long> fresh, double predictedSeconds) {
        double limit = predictedSeconds + LATENCY.toSeconds();
        long unseen = fresh.stream().filter(f -> f < 0).count();
        List<Long> seen = fresh.stream().filter(f -> f >= 0).toList();
        if (seen.isEmpty()) {
            return Figure.checked(name, "none seen", "<= " + seconds(limit), false, unseen
                    + " change(s) never reached Glue within the bench's wait");
        }
        long median = seen.get(seen.size() / 2);
        long worst = seen.get(seen.size() - 1);
        boolean met = unseen == 0 && worst / 1000.0 <= limit;
        String note = seen.size() + " changes" + (unseen > 0 ? ", " + unseen + " never seen" : "");
        if (!met) {
            note += "; the syncs took longer than the budget's cycle (see the ticks above: a tick during a sync is a"
                    + " priority pass): the three local worker containers, on this machine's cores beside the"
                    + " emulators, moto and the simulator, drew less than the budget; in AWS more containers"
                    + " (WorkerMaxConcurrency 5) draw it";
        }
        return Figure.checked(name, seconds(median / 1000.0) + " / " + seconds(worst / 1000.0),
                "<= " + seconds(limit), met, note);
    }

    private static String minutes(double seconds) {
        return String.format("%.1f min", seconds / 60);
    }

    private static String seconds(double seconds) {
        return String.format("%.0f s", seconds);
    }

    /** Runs one configuration on a fresh stack. */
    static Measured measure(Config config) throws IOException, InterruptedException {
        StackPaths paths = StackPaths.discover();
        Path dir = Files.createDirectories(paths.projectDir().resolve("bench/target/freshness/n" + config.assets()));
        int motoPort = LambdaEmulator.freePort();
        long moto = MotoServer.start(paths, motoPort, dir.resolve("moto.log"));
        Tenant tenant = Tenant.generated(config.spaces(), config.assets(), 11);
        List<SimAsset> all = tenant.allAssets();
        Random random = new Random(5);
        List<SimAsset> priorityAssets = new ArrayList<>();
        for (int i = 0; i < Math.max(1, config.priorityChanges()); i++) {
            priorityAssets.add(all.get(random.nextInt(all.size())));
        }
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, rulesMarkingPriority(priorityAssets));
        try (DatasphereSimulator simulator = DatasphereSimulator.start(SimulatorOptions.defaults().withTenant(tenant));
             LocalAws aws = new LocalAws(motoPort)) {
            ClientCredentials client = new ClientCredentials(simulator.clientId(), simulator.clientSecret());
            StackResources resources = StackResources.bootstrap(aws, client, rules);
            StackEndpoints endpoints = new StackEndpoints(motoPort, simulator.baseUrl().toString(),
                    simulator.tokenUrl().toString(), client, resources).withParameters(Map.of(
                    "WorkerMaxConcurrency", "2", "PriorityWorkerMaxConcurrency", "1",
                    "DatasphereRequestsPerMinute", Integer.toString(config.budget())));
            SyncRunner runner = new SyncRunner(paths, endpoints, dir);
            SamTemplate template = SamTemplate.read(paths.template());
            Map<String, String> ids = endpoints.physicalIds();
            int spaces = tenant.spaces().size();
            double floor = cycleRequests(config.assets(), spaces) * 60.0 / config.budget();
            double cycle = cycleRequests(config.assets(), spaces) * 60.0 / drawnPerMinute(config.budget());
            double tick = config.tick().toSeconds();
            try (LambdaEmulator discovery = runner.start(template, "DiscoveryFunction", ids);
                 LambdaEmulator priorityWorker = runner.start(template, "WorkerFunction", ids);
                 LambdaEmulator worker = runner.start(template, "WorkerFunction", ids);
                 LambdaEmulator secondWorker = runner.start(template, "WorkerFunction", ids);
                 LambdaEmulator results = runner.start(template, "ResultsFunction", ids)) {
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> sources = List.of(
                        pump(runner.drainer(aws, resources.priorityQueueUrl(), priorityWorker), stop),
                        pump(runner.drainer(aws, resources.assetQueueUrl(), worker), stop),
                        pump(runner.drainer(aws, resources.assetQueueUrl(), secondWorker), stop),
                        pump(runner.drainer(aws, resources.resultsQueueUrl(), results), stop));
                Map<String, Integer> operations = new ConcurrentHashMap<>();
                int[] ticks = {0};
                Thread schedule = new Thread(() -> {
                    Instant next = Instant.now();
                    while (!stop.get()) {
                        try {
                            JsonNode answer = JsonCodec.mapper().readTree(discovery.call(Events.scheduled(
                                    Instant.now(), LocalAws.REGION, LocalAws.ACCOUNT)).payload());
                            String operation = answer.path("status").asText().equals("SKIPPED") ? "skipped"
                                    : answer.path("operation").asText("error");
                            operations.merge(operation, 1, Integer::sum);
                            ticks[0]++;
                            next = next.plus(config.tick());
                            long wait = Duration.between(Instant.now(), next).toMillis();
                            if (wait > 0) {
                                Thread.sleep(wait);
                            }
                        } catch (IOException e) {
                            operations.merge("error", 1, Integer::sum);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                schedule.start();
                // The first sync creates the tables; the changes start once their number stands still.
                List<SimAsset> synced = awaitFirstSync(aws, all, Duration.ofMinutes(10));
                List<SimAsset> chosen = priorityAssets.stream().filter(synced::contains).toList();
                List<Change> changes = changeAndWatch(config, aws, simulator, synced,
                        chosen.isEmpty() ? List.of(synced.get(0)) : chosen, cycle, tick);
                stop.set(true);
                schedule.interrupt();
                schedule.join();
                for (Thread source : sources) {
                    source.join();
                }
                return new Measured(config, floor, worstCase(cycle, tick), tick, changes, ticks[0],
                        new LinkedHashMap<>(operations), simulator.stats().requestsTotal(),
                        simulator.stats().rateLimitedResponses());
            }
        } finally {
            ProcessHandle.of(moto).ifPresent(ProcessHandle::destroy);
        }
    }

    /** The rules: the chosen assets are certified-priority, so they go to the priority queue and its passes. */
    private static String rulesMarkingPriority(List<SimAsset> assets) {
        StringBuilder priorities = new StringBuilder();
        for (SimAsset a : assets) {
            priorities.append(priorities.isEmpty() ? "" : ",\n    ").append("{ \"match\": { \"space\": \"")
                    .append(a.spaceName()).append("\", \"asset\": \"").append(a.name())
                    .append("\" }, \"priority\": 20 }");
        }
        return "{\n  \"version\": 1,\n  \"priorities\": [\n    " + priorities + "\n  ],\n"
                + "  \"priorityQueueThreshold\": 20\n}\n";
    }

    /** An event source: drains its queue again and again until stopped, as Lambda polls SQS. */
    private static Thread pump(QueueDrainer drainer, AtomicBoolean stop) {
        Thread thread = new Thread(() -> {
            while (!stop.get()) {
                try {
                    drainer.drain(Duration.ofMinutes(30));
                    Thread.sleep(200);
                } catch (IOException | RuntimeException e) {
                    System.err.println("freshness: event source: " + e);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Waits until the first sync's tables stand: their number unchanged for 15 s. Answers the assets that have a
     * table (an asset the sync skips, e.g. one without columns, has none and is never changed by the bench).
     */
    private static List<SimAsset> awaitFirstSync(LocalAws aws, List<SimAsset> assets, Duration limit)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        int last = -1;
        Instant stillSince = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            int count = 0;
            for (var page : aws.glue().getDatabasesPaginator(r -> { })) {
                for (var database : page.databaseList()) {
                    for (var tables : aws.glue().getTablesPaginator(r -> r.databaseName(database.name()))) {
                        count += tables.tableList().size();
                    }
                }
            }
            if (count != last) {
                last = count;
                stillSince = Instant.now();
            } else if (count > 0 && Duration.between(stillSince, Instant.now()).toSeconds() >= 15) {
                return assets.stream().filter(a -> version(aws, a) != null).toList();
            }
            Thread.sleep(2_000);
        }
        throw new IllegalStateException("the first sync did not settle within " + limit.toMinutes() + " min");
    }

    /**
     * Changes documents at random moments over two worst cases, each time noting the table's version, and polls
     * Glue until every changed table shows a new version (or three worst cases have passed since its change).
     */
    private static List<Change> changeAndWatch(Config config, LocalAws aws, DatasphereSimulator simulator,
                                               List<SimAsset> all, List<SimAsset> priorityAssets, double cycle,
                                               double tick) throws InterruptedException {
        Random random = new Random(config.assets());
        double window = 2 * worstCase(cycle, tick);
        long start = System.currentTimeMillis();
        List<long[]> times = new ArrayList<>();
        int total = config.changes() + config.priorityChanges();
        for (int i = 0; i < total; i++) {
            times.add(new long[] {start + (long) (random.nextDouble() * window * 1000), i});
        }
        times.sort((a, b) -> Long.compare(a[0], b[0]));
        record Pending(SimAsset asset, boolean priority, String version, long at) {
        }
        List<Pending> pending = new ArrayList<>();
        List<Change> done = new ArrayList<>();
        long deadline = start + (long) ((window + 3 * worstCase(cycle, tick)) * 1000);
        int next = 0;
        while (System.currentTimeMillis() < deadline && (next < times.size() || !pending.isEmpty())) {
            long now = System.currentTimeMillis();
            while (next < times.size() && times.get(next)[0] <= now) {
                boolean priority = times.get(next)[1] >= config.changes();
                SimAsset asset = priority ? priorityAssets.get((int) (times.get(next)[1] % priorityAssets.size()))
                        : ordinary(all, priorityAssets, random);
                String before = version(aws, asset);
                simulator.faults().metadataChanged(asset.spaceName(), asset.name());
                pending.add(new Pending(asset, priority, before, System.currentTimeMillis()));
                next++;
            }
            for (var it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                String version = version(aws, p.asset());
                if (version != null && !version.equals(p.version())) {
                    done.add(new Change(p.asset().spaceName(), p.asset().name(), p.priority(), p.at() - start,
                            System.currentTimeMillis() - p.at()));
                    it.remove();
                }
            }
            Thread.sleep(250);
        }
        pending.forEach(p -> done.add(new Change(p.asset().spaceName(), p.asset().name(), p.priority(),
                p.at() - start, -1)));
        return done;
    }

    private static SimAsset ordinary(List<SimAsset> all, List<SimAsset> priority, Random random) {
        while (true) {
            SimAsset candidate = all.get(random.nextInt(all.size()));
            if (!priority.contains(candidate)) {
                return candidate;
            }
        }
    }

    /** The Glue table's version id, or null while it does not exist. */
    private static String version(LocalAws aws, SimAsset asset) {
        try {
            return aws.glue().getTable(r -> r.databaseName(GlueNames.database("datasphere_", asset.spaceName()))
                    .name(GlueNames.table(asset.name()))).table().versionId();
        } catch (EntityNotFoundException e) {
            return null;
        }
    }
}
