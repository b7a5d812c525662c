package io.dsgluesync.bench;

import java.util.List;

/** One benchmark of {@code bench/run}: measures, and reports a {@link Section}; it never fails a build. */
public interface Bench {

    /** The command-line name and the file name under bench/results/. */
    String key();

    /** One line for {@code bench/run --list}. */
    String description();

    /** Runs the benchmark; {@code quick} asks for a smaller, faster variant (fewer runs, a smaller tenant). */
    Section run(boolean quick) throws Exception;
}
