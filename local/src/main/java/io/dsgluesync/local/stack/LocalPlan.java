package io.dsgluesync.local.stack;

import io.dsgluesync.audit.AuditStore;
import io.dsgluesync.audit.PlanReport;
import io.dsgluesync.audit.RunStarted;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code LocalMain plan [--format text|json] [--verbose]}: a plan run on the local stack — discovery invoked with
 * {@code "detail": {"operation": "plan"}}, the queues drained as for a sync — then the plan ({@link PlanReport}) read
 * back from the audit table, and the Glue writes the run's workers made (a plan makes none). With JSON, the standard
 * output is the document alone; everything else goes to the error stream.
 */
public final class LocalPlan {
    private LocalPlan() {
    }

    public record Options(boolean json, boolean verbose) {
        /** The words after {@code plan}. */
        public static Options parse(List<String> words) {
            boolean json = false;
            boolean verbose = false;
            for (int i = 0; i < words.size(); i++) {
                switch (words.get(i)) {
                    case "--verbose" -> verbose = true;
                    case "--format" -> {
                        String format = i + 1 < words.size() ? words.get(++i) : "";
                        if (!format.equals("text") && !format.equals("json")) {
                            throw new IllegalArgumentException("--format is text or json, not '" + format + "'");
                        }
                        json = format.equals("json");
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + words.get(i)
                            + " (plan [--format text|json] [--verbose])");
                }
            }
            return new Options(json, verbose);
        }
    }

    /** Runs the plan and prints it; returns the run id. */
    public static String run(SyncRunner runner, StackEndpoints stack, Options options, PrintStream out,
                             PrintStream err) throws IOException, InterruptedException {
        err.println("plan: invoking discovery with {\"operation\": \"plan\"} and draining the queues");
        SyncReport report = runner.withOperation(RunStarted.PLAN).run();
        String runId = report.runId();
        Map<String, AttributeValue> summary;
        List<Map<String, AttributeValue>> assets;
        try (LocalAws aws = stack.localAws()) {
            AuditStore store = new AuditStore(aws.dynamo(), stack.resources().auditTable(), Clock.systemUTC(),
                    Duration.ofDays(30));
            summary = store.summaryItem(runId).orElse(Map.of("runId", AttributeValue.fromS(runId)));
            assets = store.assetItems(runId);
        }
        out.print(options.json() ? PlanReport.json(summary, assets) : PlanReport.text(summary, assets,
                options.verbose()));
        PrintStream notes = options.json() ? err : out;
        notes.println();
        notes.println(writesLine(PlanReport.glueWrites(assets)));
        AttributeValue operation = summary.get("operation");
        if (operation == null || !RunStarted.PLAN.equals(operation.s())) {
            err.println("plan: run " + runId + " was recorded as a sync, not a plan: this discovery function does"
                    + " not know the plan operation, and the writes above were made");
        }
        return runId;
    }

    static String writesLine(Map<String, Integer> writes) {
        return "Glue writes made by the run's workers: " + (writes.isEmpty() ? "none" : writes.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
    }
}
