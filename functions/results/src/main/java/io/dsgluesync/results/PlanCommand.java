package io.dsgluesync.results;

import io.dsgluesync.audit.AuditStore;
import io.dsgluesync.audit.PlanReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code plan [RUN_ID] [--format text|json] [--wait SECONDS] [--verbose]}: a run's plan ({@link PlanReport}), the
 * latest run by default. {@code --wait} polls the run's summary until the results function has marked it final; when
 * the time is up first, what is recorded so far is printed and marked as not finished.
 */
final class PlanCommand {
    static final Duration POLL = Duration.ofSeconds(5);

    /** How the command waits between two reads of the summary; a test passes one that does not sleep. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    record Options(Optional<String> runId, boolean json, Duration waitFor, boolean verbose) {
        static Options parse(List<String> words) {
            List<String> rest = new ArrayList<>(words);
            String format = take(rest, "--format").orElse("text");
            if (!format.equals("text") && !format.equals("json")) {
                throw new IllegalArgumentException("--format is text or json, not " + format);
            }
            Duration wait = take(rest, "--wait").map(s -> Duration.ofSeconds(Long.parseLong(s))).orElse(Duration.ZERO);
            boolean verbose = rest.remove("--verbose");
            if (rest.size() > 1 || rest.stream().anyMatch(w -> w.startsWith("--"))) {
                throw new IllegalArgumentException("usage: plan [RUN_ID] [--format text|json] [--wait SECONDS]"
                        + " [--verbose], not " + String.join(" ", words));
            }
            return new Options(rest.stream().findFirst(), format.equals("json"), wait, verbose);
        }

        private static Optional<String> take(List<String> words, String flag) {
            int at = words.indexOf(flag);
            if (at < 0) {
                return Optional.empty();
            }
            if (at + 1 >= words.size()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = words.get(at + 1);
            words.subList(at, at + 2).clear();
            return Optional.of(value);
        }
    }

    private PlanCommand() {
    }

    /** The plan of the run {@code words} name (after the word {@code plan}); a note on {@code err} if unfinished. */
    static String run(AuditStore store, List<String> words, Sleeper sleeper, PrintStream err) {
        Options options = Options.parse(words);
        String runId = options.runId().orElseGet(() -> store.latestRuns(1).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no runs recorded yet")));
        Optional<Map<String, AttributeValue>> summary = store.summaryItem(runId);
        Duration waited = Duration.ZERO;
        while (!finished(summary) && waited.compareTo(options.waitFor()) < 0) {
            Duration step = POLL.compareTo(options.waitFor().minus(waited)) < 0 ? POLL : options.waitFor().minus(waited);
            try {
                sleeper.sleep(step);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            waited = waited.plus(step);
            summary = store.summaryItem(runId);
        }
        if (summary.isEmpty() && options.waitFor().isZero()) {
            throw new IllegalStateException("no run " + runId + " in the audit table");
        }
        // A run not yet announced has no summary: its plan is empty and marked as not finished.
        Map<String, AttributeValue> item = summary.orElse(Map.of("runId", AttributeValue.fromS(runId)));
        if (!finished(summary)) {
            err.printf("plan: run %s has not finished%s; the plan below is partial%n", runId,
                    options.waitFor().isZero() ? "" : " after " + options.waitFor().toSeconds() + " s");
        }
        List<Map<String, AttributeValue>> assets = store.assetItems(runId);
        return options.json() ? PlanReport.json(item, assets) : PlanReport.text(item, assets, options.verbose());
    }

    private static boolean finished(Optional<Map<String, AttributeValue>> summary) {
        return summary.map(s -> s.get("status")).map(AttributeValue::s)
                .filter(status -> !status.equals("RUNNING")).isPresent();
    }
}
