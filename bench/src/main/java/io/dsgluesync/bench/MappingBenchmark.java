package io.dsgluesync.bench;

import io.dsgluesync.csdl.EntityModel;
import java.util.concurrent.TimeUnit;
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
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MappingBenchmark {

    @Param({"10", "100", "1000", "5000"})
    public int columns;

    private WorkerMapping work;

    @Setup(Level.Trial)
    public void generate() {
        work = WorkerMapping.analyticModel(columns);
    }

    /** What the worker does per asset on the CPU side: rules, CSDL parse, mapping, the Glue TableInput. */
    @Benchmark
    public TableInput parseAndMap() {
        return work.parseAndMap();
    }

    /** The CSDL parse alone. */
    @Benchmark
    public EntityModel csdlParse() {
        return work.parse();
    }

    /** The floor: the JDK's DOM parse of the same bytes. */
    @Benchmark
    public Document domParseFloor() {
        return work.domParse();
    }
}
