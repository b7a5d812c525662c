package io.dsgluesync.rules;

import io.dsgluesync.governance.LfTagRule;
import io.dsgluesync.model.AssetKind;
import java.util.List;

/**
 * The sync's versioned rules file: business context, priorities and field mapping, each a list of rules applied in
 * order (later rules override earlier ones field by field), and the buckets behind replication flows' S3
 * connections, and the Lake Formation LF-Tags the sync assigns. See README "Rules file".
 */
public record SyncRules(int version, List<Rule<BusinessContext>> businessContext, List<Rule<Integer>> priorities,
                        int priorityQueueThreshold, List<Rule<ColumnRules>> columns, ReplicationTargets replication,
                        List<LfTagRule> lakeFormationTags) {

    public SyncRules {
        lakeFormationTags = lakeFormationTags == null ? List.of() : List.copyOf(lakeFormationTags);
    }

    /** Without LF-Tags. */
    public SyncRules(int version, List<Rule<BusinessContext>> businessContext, List<Rule<Integer>> priorities,
                     int priorityQueueThreshold, List<Rule<ColumnRules>> columns, ReplicationTargets replication) {
        this(version, businessContext, priorities, priorityQueueThreshold, columns, replication, List.of());
    }

    public static final SyncRules EMPTY = new SyncRules(1, List.of(), List.of(), Integer.MAX_VALUE, List.of(),
            ReplicationTargets.NONE);

    /** Without a rules file: certified assets first, then analytic models; no priority queue. */
    public static final List<Rule<Integer>> DEFAULT_PRIORITIES = List.of(
            new Rule<>(new AssetMatch(null, null, null, "certified"), 20),
            new Rule<>(new AssetMatch(null, null, AssetKind.ANALYTIC_MODEL, null), 10),
            new Rule<>(new AssetMatch(null, null, AssetKind.ANALYTICAL_DATASET, null), 5));
    public static final SyncRules DEFAULT = new SyncRules(1, List.of(), DEFAULT_PRIORITIES, Integer.MAX_VALUE,
            List.of(), ReplicationTargets.NONE);

    /** A value for the assets that {@code match} selects. */
    public record Rule<T>(AssetMatch match, T value) {
    }

    public BusinessContext businessContext(String space, String asset, AssetKind kind) {
        return overlay(businessContext, space, asset, kind, BusinessContext.NONE, BusinessContext::overlaidWith);
    }

    /** The highest priority of all matching rules; 0 when none matches. */
    public int priority(String space, String asset, AssetKind kind) {
        String certification = businessContext(space, asset, kind).certification();
        int priority = 0;
        for (Rule<Integer> rule : priorities) {
            if (rule.match().matches(space, asset, kind, certification)) {
                priority = Math.max(priority, rule.value());
            }
        }
        return priority;
    }

    public boolean isPriority(int priority) {
        return priority >= priorityQueueThreshold;
    }

    /** Whether any rule gives assets a priority at or above the priority queue's threshold. */
    public boolean hasPriorityAssets() {
        return priorities.stream().anyMatch(rule -> isPriority(rule.value()));
    }

    public ColumnRules columns(String space, String asset, AssetKind kind) {
        return overlay(columns, space, asset, kind, ColumnRules.NONE, ColumnRules::overlaidWith);
    }

    /** Every matching rule's value laid over the previous ones, in order. */
    private static <T> T overlay(List<Rule<T>> rules, String space, String asset, AssetKind kind, T start,
                                 java.util.function.BinaryOperator<T> over) {
        T value = start;
        for (Rule<T> rule : rules) {
            if (rule.match().matches(space, asset, kind, null)) {
                value = over.apply(value, rule.value());
            }
        }
        return value;
    }
}
