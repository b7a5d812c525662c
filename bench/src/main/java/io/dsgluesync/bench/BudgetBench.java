package io.dsgluesync.bench;

import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.local.simulator.Tenant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Datasphere requests against the budget: the simulator with a requests-per-minute limit above the sync's budget,
 * the workers running concurrently as Lambda runs them, each container with the share the template gives it. Per
 * phase (discovery, the workers together): the achieved rate as a share of the budget and the 429 answers.
 */
final class BudgetBench implements Bench {
    static final double TARGET_SHARE = 0.90;
    private static final long SEED = 42;
    private static final int SPACES = 10;
    /** The simulator's limit, the "about 300 a minute" of template.yaml's DatasphereRequestsPerMinute. */
    private static final int LIMIT = 300;
    /** The template's defaults (template.yaml Parameters), set over the local stack's one-worker defaults. */
    private static final int BUDGET = 240;
    private static final int WORKERS = 5;
    private static final int PRIORITY_WORKERS = 2;

    @Override
    public String key() {
        return "budget";
    }

    @Override
    public String description() {
        return "Datasphere requests against the budget: achieved rate as a share of the budget and 429 answers,"
                + " discovery and the concurrent workers";
    }

    record PhaseResult(String phase, long admitted, long rateLimited, double seconds, double perMinute,
                       long peakWindow, double shareOfBudget, double peakShareOfBudget) {
    }

    @Override
    public Section run(boolean quick) throws Exception {
        int assets = quick ? 200 : 1000;
        Tenant tenant = Tenant.generated(SPACES, assets, SEED);
        Map<String, String> parameters = Map.of("WorkerMaxConcurrency", Integer.toString(WORKERS),
                "PriorityWorkerMaxConcurrency", Integer.toString(PRIORITY_WORKERS),
                "DatasphereRequestsPerMinute", Integer.toString(BUDGET));
        List<PhaseResult> phases = new ArrayList<>();
        Map<String, Long> counts;
        ConcurrentSync.Run run;
        try (BenchStack stack = BenchStack.start("budget", SimulatorOptions.defaults().withTenant(tenant)
                .withRequestsPerMinute(LIMIT), parameters)) {
            try (ConcurrentSync sync = new ConcurrentSync(stack, stack.endpoints, WORKERS, PRIORITY_WORKERS, 0);
                 RequestSampler sampler = new RequestSampler(stack.simulator.stats())) {
                run = sync.run();
                phases.add(result("discovery", sampler.phase(run.discoveryStart(), run.discoveryEnd())));
                phases.add(result("workers", sampler.phase(run.discoveryEnd(), run.workersEnd())));
            }
            counts = CallsBench.datasphere(stack.simulator.stats());
        }
        phases.forEach(p -> System.err.println("budget: " + p));
        return section(phases, counts, run, assets, quick);
    }

    private static PhaseResult result(String name, RequestSampler.Phase phase) {
        return new PhaseResult(name, phase.admitted(), phase.rateLimited(), phase.busy().toMillis() / 1000.0,
                phase.perMinute(), phase.peakWindow(), phase.perMinute() / BUDGET,
                (double) phase.peakWindow() / BUDGET);
    }

    private static Section section(List<PhaseResult> phases, Map<String, Long> counts, ConcurrentSync.Run run,
                                   int assets, boolean quick) {
        List<Figure> figures = new ArrayList<>();
        for (PhaseResult p : phases) {
            boolean met = p.shareOfBudget() >= TARGET_SHARE;
            String why = met ? "" : p.phase().equals("discovery")
                    ? String.format(Locale.ROOT, "each container takes a fixed budget / shares slice (shares = %d"
                    + " + %d + 1), a slice of %.0f requests/min for discovery (measured: %.1f); a budget shared by"
                    + " all containers (one counter for the sync) would let it use what the idle workers do not",
                    WORKERS, PRIORITY_WORKERS, (double) BUDGET / (WORKERS + PRIORITY_WORKERS + 1), p.perMinute())
                    : "each worker container takes a fixed budget / shares slice; " + WORKERS + " asset-queue"
                    + " containers reach at most " + WORKERS + "/" + (WORKERS + PRIORITY_WORKERS + 1)
                    + " of the budget while discovery and the priority workers' slices lie idle; a budget shared by"
                    + " all containers would fix it";
            figures.add(Figure.checked(p.phase() + ": achieved rate / budget",
                    String.format(Locale.ROOT, "%.0f %% (%.1f requests/min over %.0f s busy, %d requests)",
                            100 * p.shareOfBudget(), p.perMinute(), p.seconds(), p.admitted()),
                    ">= " + Math.round(TARGET_SHARE * 100) + " %", met, why));
            figures.add(Figure.context(p.phase() + ": peak 60-s window / budget",
                    String.format(Locale.ROOT, "%.0f %% (%d requests)", 100 * p.peakShareOfBudget(),
                            p.peakWindow()), "1-second resolution"));
            figures.add(Figure.checked(p.phase() + ": 429 answers", Long.toString(p.rateLimited()), "0",
                    p.rateLimited() == 0, p.rateLimited() == 0 ? "" : "the sync passed the tenant's limit"));
        }
        figures.add(Figure.context("requests by kind (whole run)", counts.toString(), "run " + run.runId()));
        String method = """
                A generated tenant (%d catalog assets in %d spaces, seed %d, plus the tables its replication flows \
                add; rules `local/sync-rules.json`) synced once into an empty catalog. The simulator refuses more \
                than %d requests in any sliding 60-s window with 429; the sync runs with the template's defaults: \
                `DatasphereRequestsPerMinute` %d, `WorkerMaxConcurrency` %d, `PriorityWorkerMaxConcurrency` %d, and \
                the functions get exactly the environment template.yaml gives them (so a budget setting added to the \
                template reaches them unchanged). Discovery runs first; then %d worker containers (separate emulators \
                and JVMs) drain the asset queue and %d the priority queue in parallel threads, as Lambda's \
                event-source maximum concurrency lets them. The simulator's counters are sampled once a second: the \
                achieved rate is the requests admitted over the phase's busy period (first to last second with a \
                request), the peak is the most admitted in any 60-s window. Target: ≥ %.0f %% of the budget, 0 \
                answers 429, for discovery and for the workers together. SQS is ElasticMQ and the results function \
                is not run (it makes no Datasphere request; see the `calls` section for both).
                """.formatted(assets, SPACES, SEED, LIMIT, BUDGET, WORKERS, PRIORITY_WORKERS, WORKERS,
                PRIORITY_WORKERS, TARGET_SHARE * 100);
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("assets", assets);
        raw.put("limit", LIMIT);
        raw.put("budget", BUDGET);
        raw.put("phases", phases);
        raw.put("requests", counts);
        return new Section("budget", "Datasphere requests against the budget" + (quick ? " (quick)" : ""), method,
                figures, Section.raw(raw));
    }
}
