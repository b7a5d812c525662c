package io.dsgluesync.local;

import io.dsgluesync.local.stack.LambdaEmulator;
import io.dsgluesync.local.stack.LocalPlan;
import io.dsgluesync.local.stack.SamTemplate;
import io.dsgluesync.local.stack.StackEndpoints;
import io.dsgluesync.local.stack.StackPaths;
import io.dsgluesync.local.stack.SyncReport;
import io.dsgluesync.local.stack.SyncRunner;
import io.dsgluesync.local.stack.UserStack;
import io.dsgluesync.local.trino.QueryCommand;
import io.dsgluesync.local.trino.UserTrino;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The local tooling's command line: {@code sync}, {@code plan [--format text|json] [--verbose]}, {@code up},
 * {@code down}, {@code invoke FUNCTION EVENT_FILE}, {@code query SQL}.
 * The scripts in {@code local/bin} call it.
 */
public final class LocalMain {
    private LocalMain() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (UserStack.Conflict e) {
            System.err.println("local stack: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        StackPaths paths = StackPaths.discover();
        UserStack stack = new UserStack(paths);
        Map<String, String> env = System.getenv();
        switch (args[0]) {
            case "up" -> {
                StackEndpoints endpoints = stack.up(env);
                printStack(endpoints);
            }
            case "down" -> {
                stack.down(System.out);
                new UserTrino(paths, env, System.out).stop();
            }
            case "query" -> {
                if (args.length < 2) {
                    usage();
                    System.exit(2);
                }
                String sql = String.join(" ", Arrays.copyOfRange(args, 1, args.length));
                System.exit(QueryCommand.run(paths, env, sql, System.out, System.err));
            }
            case "env" -> {
                // For scripts: the local stack as environment variables of AWS tools (local/bin/report).
                UserStack.State state = stack.read();
                if (state == null) {
                    System.err.println("no local stack is running: local/bin/stack up");
                    System.exit(1);
                }
                System.out.println("export AWS_ENDPOINT_URL=http://127.0.0.1:" + state.motoPort());
                System.out.println("export AWS_REGION=" + io.dsgluesync.local.stack.LocalAws.REGION);
                System.out.println("export AWS_DEFAULT_REGION=" + io.dsgluesync.local.stack.LocalAws.REGION);
                System.out.println("export AWS_ACCESS_KEY_ID=" + io.dsgluesync.local.stack.LocalAws.ACCESS_KEY);
                System.out.println("export AWS_SECRET_ACCESS_KEY=" + io.dsgluesync.local.stack.LocalAws.SECRET_KEY);
                System.out.println("export AUDIT_TABLE_NAME=" + state.resources().auditTable());
            }
            case "sync" -> {
                StackEndpoints endpoints = stack.up(env);
                Path logs = paths.stateDir().resolve("logs");
                SyncReport report = new SyncRunner(paths, endpoints, logs).run();
                report.print(System.out, endpoints.datasphereUrl(), "moto at http://127.0.0.1:" + endpoints.motoPort()
                        + " (" + io.dsgluesync.local.stack.LocalAws.REGION + ")");
                System.out.println("Function logs: " + logs);
                printStack(endpoints);
                System.out.println();
                System.out.println("Run report (java -jar functions/results/target/results.jar report "
                        + report.runId() + "):");
                System.out.print(runReport(endpoints, report.runId()));
                if (!report.summary().getOrDefault("status", "").startsWith("COMPLETE")) {
                    System.exit(1);
                }
            }
            case "plan" -> {
                LocalPlan.Options options;
                try {
                    options = LocalPlan.Options.parse(Arrays.asList(args).subList(1, args.length));
                } catch (IllegalArgumentException e) {
                    System.err.println(e.getMessage());
                    usage();
                    System.exit(2);
                    return;
                }
                StackEndpoints endpoints = stack.up(env);
                Path logs = paths.stateDir().resolve("logs");
                String runId = LocalPlan.run(new SyncRunner(paths, endpoints, logs), endpoints, options, System.out,
                        System.err);
                System.err.println("Function logs: " + logs + "; the plan again: local/bin/report plan " + runId);
            }
            case "invoke" -> {
                if (args.length != 3) {
                    usage();
                    System.exit(2);
                }
                StackEndpoints endpoints = stack.up(env);
                SamTemplate template = SamTemplate.read(paths.template());
                String event = Files.readString(Path.of(args[2]));
                try (LambdaEmulator function = new SyncRunner(paths, endpoints, paths.stateDir().resolve("logs"))
                        .start(template, args[1], endpoints.physicalIds())) {
                    System.out.println(function.invoke(event));
                    System.err.println("function log: " + function.log());
                }
            }
            default -> {
                System.err.println("unknown command " + Arrays.toString(args));
                usage();
                System.exit(2);
            }
        }
    }

    private static String runReport(StackEndpoints endpoints, String runId) {
        try (io.dsgluesync.local.stack.LocalAws aws = new io.dsgluesync.local.stack.LocalAws(endpoints.motoPort())) {
            io.dsgluesync.audit.AuditStore store = new io.dsgluesync.audit.AuditStore(aws.dynamo(),
                    endpoints.resources().auditTable(), java.time.Clock.systemUTC(), java.time.Duration.ofDays(30));
            return io.dsgluesync.audit.RunReport.render(store.summaryItem(runId).orElseThrow(), store.assetItems(runId));
        }
    }

    private static void printStack(StackEndpoints endpoints) {
        System.out.println();
        System.out.println("The local AWS stays up. Look at it with the AWS CLI, e.g.:");
        String cli = "AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing aws --region "
                + io.dsgluesync.local.stack.LocalAws.REGION + " --endpoint-url http://127.0.0.1:" + endpoints.motoPort();
        System.out.println("  " + cli + " glue get-databases");
        System.out.println("  " + cli + " dynamodb scan --table-name " + endpoints.resources().auditTable());
        System.out.println("Stop it with: local/bin/stack down");
    }

    private static void usage() {
        System.err.println("usage: LocalMain up | down | env | sync | plan [--format text|json] [--verbose]"
                + " | invoke FUNCTION_LOGICAL_ID EVENT_FILE | query SQL");
    }
}
