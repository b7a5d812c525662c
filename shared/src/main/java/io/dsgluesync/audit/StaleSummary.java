package io.dsgluesync.audit;

import java.util.List;

/**
 * What discovery found about removed assets in one run.
 *
 * @param evaluated       false when the listing was incomplete (or no target could be listed): nothing is stale then
 * @param managedTables   the tables this deployment manages in the targets listed
 * @param staleTables     of those, the ones whose asset (or space) the complete listing no longer has
 * @param failSafeTripped true when the stale share exceeded the threshold or a space listed no assets where it had
 *                        tables: nothing is deprecated or deleted in this run
 * @param reasons         why the fail-safe tripped, or why nothing was evaluated
 * @param databases       what was done, or would be done, with databases of removed spaces
 */
public record StaleSummary(boolean evaluated, int managedTables, int staleTables, boolean failSafeTripped,
                           List<String> reasons, List<String> databases) {
    public static StaleSummary notEvaluated(String reason) {
        return new StaleSummary(false, 0, 0, false, List.of(reason), List.of());
    }
}
