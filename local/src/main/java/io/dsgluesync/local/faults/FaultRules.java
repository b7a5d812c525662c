package io.dsgluesync.local.faults;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The proxy's live rule list; add and clear rules at any time, from any thread: a change applies from the next
 * request. Rules are asked in the order they were added; the first one that fires decides, so rules after it do
 * not see (or count) that request.
 */
public final class FaultRules {
    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();

    /** Adds {@code rule} after the others; answers it, to read its counters later. */
    public FaultRule add(FaultRule rule) {
        rules.add(rule);
        return rule;
    }

    public boolean remove(FaultRule rule) {
        return rules.remove(rule);
    }

    public void clear() {
        rules.clear();
    }

    /** The current rules, in order. */
    public List<FaultRule> list() {
        return List.copyOf(rules);
    }

    /** The fault for {@code call}, if a rule fires. */
    Optional<Fault> decide(AwsCall call) {
        for (FaultRule rule : rules) {
            if (rule.matches(call) && rule.fires()) {
                return Optional.of(rule.fault());
            }
        }
        return Optional.empty();
    }
}
