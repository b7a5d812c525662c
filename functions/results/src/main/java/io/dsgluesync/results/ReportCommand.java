package io.dsgluesync.results;

import io.dsgluesync.audit.AuditStore;
import io.dsgluesync.audit.RunExport;
import io.dsgluesync.audit.RunReport;
import io.dsgluesync.aws.AwsClients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The operator's command line, in the results function's jar:
 * {@code java -jar results.jar report [RUN_ID]} prints a run (the latest by default) with its failed and conflicting
 * assets; {@code java -jar results.jar runs [N]} lists the last N runs;
 * {@code java -jar results.jar plan [RUN_ID] [--format text|json] [--wait SECONDS] [--verbose]} prints what a plan
 * run (discovery invoked with {@code "detail": {"operation": "plan"}}) would change, per target and database
 * ({@link PlanCommand}); {@code java -jar results.jar export RUN_ID --format csv|json [--output FILE]} writes a run's
 * summary and asset items for auditors (to standard output by default). The table comes from
 * {@code AUDIT_TABLE_NAME} or {@code --table NAME}; AWS credentials and region as for any AWS tool
 * ({@code AWS_ENDPOINT_URL} for local).
 */
public final class ReportCommand {
    private static final String USAGE = "usage: java -jar results.jar report [RUN_ID] | runs [N]"
            + " | plan [RUN_ID] [--format text|json] [--wait SECONDS] [--verbose]"
            + " | export RUN_ID --format csv|json [--output FILE]   (--table NAME or AUDIT_TABLE_NAME)";

    private ReportCommand() {
    }

    public static void main(String[] args) throws IOException {
        List<String> words = new ArrayList<>(List.of(args));
        String table = option(words, "--table").orElse(System.getenv("AUDIT_TABLE_NAME"));
        Optional<String> output = option(words, "--output");
        if (words.isEmpty() || table == null || table.isBlank()) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Map<String, String> env = System.getenv();
        AwsClients aws = AwsClients.fromEnvironment(env);
        try (DynamoDbClient dynamo = aws.build(DynamoDbClient.builder())) {
            AuditStore store = new AuditStore(dynamo, table, Clock.systemUTC(), Duration.ofDays(30));
            String text = run(store, words);
            if (output.isPresent()) {
                Files.writeString(Path.of(output.get()), text, StandardCharsets.UTF_8);
            } else {
                System.out.print(text);
            }
        }
    }

    /** Removes {@code name VALUE} from the words and answers the value. */
    static Optional<String> option(List<String> words, String name) {
        int flag = words.indexOf(name);
        if (flag < 0) {
            return Optional.empty();
        }
        if (flag + 1 >= words.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        String value = words.get(flag + 1);
        words.subList(flag, flag + 2).clear();
        return Optional.of(value);
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
            case "export" -> {
                List<String> rest = new ArrayList<>(words.subList(1, words.size()));
                String format = option(rest, "--format").orElse("json");
                if (rest.size() != 1) {
                    throw new IllegalArgumentException(USAGE);
                }
                String runId = rest.get(0);
                var summary = store.summaryItem(runId).orElseThrow(
                        () -> new IllegalStateException("no run " + runId + " in the audit table"));
                return switch (format) {
                    case "json" -> RunExport.json(summary, store.assetItems(runId));
                    case "csv" -> RunExport.csv(store.assetItems(runId));
                    default -> throw new IllegalArgumentException("--format must be csv or json, not " + format);
                };
            }
            default -> throw new IllegalArgumentException("unknown command " + words.get(0)
                    + " (report | runs | plan | export)");
        }
    }
}
