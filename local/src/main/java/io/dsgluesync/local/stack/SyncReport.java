package io.dsgluesync.local.stack;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** What one local sync did, read back from DynamoDB and Glue. */
public record SyncReport(String runId, String discoveryResponse, List<AssetLine> assets, Map<String, String> summary,
                         QueueDrainer.Drained workerDrain, QueueDrainer.Drained resultsDrain, List<String> coverage) {

    public SyncReport {
        coverage = List.copyOf(coverage);
    }

    /** One asset as the audit table and Glue show it. */
    public record AssetLine(String space, String asset, String database, String table, int glueColumns,
                            String action, String error) {
    }

    public void print(PrintStream out, String datasphere, String aws) {
        out.println();
        out.println("datasphere-glue-sync: local run " + runId);
        out.println("  Datasphere: " + datasphere);
        out.println("  AWS:        " + aws);
        String space = null;
        for (AssetLine line : assets) {
            if (!line.space().equals(space)) {
                space = line.space();
                out.println();
                out.printf("Space %s -> Glue database %s%n", space, line.database());
                out.printf("  %-40s %7s  %-9s %s%n", "TABLE", "COLUMNS", "ACTION", "NOTE");
            }
            out.printf("  %-40s %7d  %-9s %s%n", line.table(), line.glueColumns(), line.action().toLowerCase(),
                    line.error() == null ? "" : line.error());
        }
        out.println();
        out.printf("Worker: %d invocation(s), %d record(s), %d reported for retry, %d invocation(s) timed out;"
                        + " results: %d invocation(s)%n", workerDrain.invocations(), workerDrain.delivered(),
                workerDrain.failedRecords(), workerDrain.timedOutInvocations(), resultsDrain.invocations());
        if (!coverage.isEmpty()) {
            out.println();
            coverage.forEach(out::println);
        }
    }
}
