package io.dsgluesync.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.w3c.dom.Document;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * JMH benchmarks of {@link WorkerMapping}, one analytic model per column count, generated at {@code @Setup} outside
 * the measurement. Each method returns its result, so that JMH sinks it and the JIT cannot drop the work
 * (https://github.com/openjdk/jmh, {@code jmh-samples/.../JMHSample_08_DeadCode.java}). Run by {@link MappingBench}.
 *
 * <p>Besides JMH's wall-clock score, each call's thread CPU time is summed in {@link CpuTime}, an auxiliary counter
 * ({@code JMHSample_23_AuxCounters}): on a machine shared with other work the wall clock also counts the time the
 * thread waited for a core, the CPU time does not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MappingBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Param({"10", "100", "1000", "5000"})
    public int columns;

    private WorkerMapping work;

    /** Thread CPU nanoseconds and calls of one iteration; JMH reports them as secondary results. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        public long cpuNanos;
        public long calls;

        @Setup(Level.Iteration)
        public void reset() {
            cpuNanos = 0;
            calls = 0;
        }

        long start() {
            return THREADS.getCurrentThreadCpuTime();
        }

        void stop(long start) {
            cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
            calls++;
        }
    }

    @Setup(Level.Trial)
    public void generate() {
        work = WorkerMapping.analyticModel(columns);
    }

    /** What the worker does per asset on the CPU side: rules, CSDL parse, mapping, the Glue TableInput. */
    @Benchmark
    public TableInput parseAndMap(CpuTime cpu) {
        long start = cpu.start();
        TableInput input = work.parseAndMap();
        cpu.stop(start);
        return input;
    }

    /** The floor: the JDK's DOM parse of the same bytes. */
    @Benchmark
    public Document domParseFloor(CpuTime cpu) {
        long start = cpu.start();
        Document document = work.domParse();
        cpu.stop(start);
        return document;
    }
}
