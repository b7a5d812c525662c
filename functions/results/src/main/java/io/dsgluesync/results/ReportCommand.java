package io.dsgluesync.results;

import io.dsgluesync.audit.AuditStore;
import io.dsgluesync.audit.RunReport;
import io.dsgluesync.aws.AwsClients;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The operator's command line, in the results function's jar:
 * {@code java -jar results.jar report [RUN_ID]} prints a run (the latest by default) with its failed and conflicting
 * assets; {@code java -jar results.jar runs [N]} lists the last N runs;
 * {@code java -jar results.jar plan [RUN_ID] [--format text|json] [--wait SECONDS] [--verbose]} prints what a plan
 * run (discovery invoked with {@code "detail": {"operation": "plan"}}) would change, per target and database
 * ({@link PlanCommand}). The table comes from {@code AUDIT_TABLE_NAME}
 * or {@code --table NAME}; AWS credentials and region as for any AWS tool ({@code AWS_ENDPOINT_URL} for local).
 */
public final class ReportCommand {
    private ReportCommand() {
    }

    public static void main(String[] args) {
        List<String> words = new java.util.ArrayList<>(List.of(args));
        String table = System.getenv("AUDIT_TABLE_NAME");
        int flag = words.indexOf("--table");
        if (flag >= 0 && flag + 1 < words.size()) {
            table = words.get(flag + 1);
            words.subList(flag, flag + 2).clear();
        }
        if (words.isEmpty() || table == null || table.isBlank()) {
            System.err.println("usage: java -jar results.jar report [RUN_ID] | runs [N]"
                    + " | plan [RUN_ID] [--format text|json] [--wait SECONDS] [--verbose]"
                    + "   (--table NAME or AUDIT_TABLE_NAME)");
            System.exit(2);
        }
        Map<String, String> env = System.getenv();
        AwsClients aws = AwsClients.fromEnvironment(env);
        try (DynamoDbClient dynamo = aws.build(DynamoDbClient.builder())) {
            AuditStore store = new AuditStore(dynamo, table, Clock.systemUTC(), Duration.ofDays(30));
            System.out.print(run(store, words));
        }
    }

    /** The command's output for {@code words}; exits through an exception for an unknown run. */
    static String run(AuditStore store, List<String> words) {
        switch (words.get(0)) {
            case "runs" -> {
                int limit = words.size() > 1 ? Integer.parseInt(words.get(1)) : 10;
                return RunReport.renderRuns(store.latestRuns(limit).stream()
                        .map(id -> store.summaryItem(id).orElse(Map.of())).filter(m -> !m.isEmpty()).toList());
            }
            case "report" -> {
                String runId = words.size() > 1 ? words.get(1)
                        : store.latestRuns(1).stream().findFirst().orElseThrow(
                                () -> new IllegalStateException("no runs recorded yet"));
                var summary = store.summaryItem(runId).orElseThrow(
                        () -> new IllegalStateException("no run " + runId + " in the audit table"));
                return RunReport.render(summary, store.assetItems(runId));
            }
            case "plan" -> {
                return PlanCommand.run(store, words.subList(1, words.size()), d -> Thread.sleep(d.toMillis()),
                        System.err);
            }
            default -> throw new IllegalArgumentException("unknown command " + words.get(0) + " (report | runs | plan)");
        }
    }
}
