package io.dsgluesync.replication;

import io.dsgluesync.csdl.CsdlException;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereException;
import io.dsgluesync.model.AssetKind;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.model.Space;
import io.dsgluesync.rules.ReplicationTargets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.ToIntBiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds a space's assets to the S3 folders its replication flows write to. Datasphere's replication flows
 * ("premium outbound integration") copy Datasphere objects and other systems' objects (S/4HANA CDS views, ODP) to
 * Amazon S3; this reads the flows through the design-time API and, for each task with an S3 target:
 * <ul>
 *   <li>a Datasphere source already being synced gets the task's location and format ({@link AssetMessage#replica});
 *   <li>a Datasphere source the catalog does not list becomes a local table known from its CSN;
 *   <li>any other source becomes a table of its own, named after the target object ({@link AssetKind#REPLICATED_OBJECT}).
 * </ul>
 * One object replicated by several S3 tasks is bound to the first by flow and task name; the others are logged.
 */
public final class ReplicaBinding {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaBinding.class);
    private final DatasphereClient datasphere;
    private final ReplicationTargets targets;

    public ReplicaBinding(DatasphereClient datasphere, ReplicationTargets targets) {
        this.datasphere = datasphere;
        this.targets = targets;
    }

    /** A space's S3 tasks, and the flows whose definitions could not be read (named with the reason). */
    public record SpaceTasks(List<FlowTask> tasks, List<String> unreadable) {
        public SpaceTasks {
            tasks = List.copyOf(tasks);
            unreadable = List.copyOf(unreadable);
        }
    }

    /**
     * The S3 tasks of every replication flow of the space, in flow and task order. A flow whose definition cannot
     * be read is left out and named; failing requests fail the whole listing ({@link DatasphereException}).
     */
    public SpaceTasks s3Tasks(String space) {
        return s3Tasks(space, FlowDefinitions.read(datasphere, space, List.of(FlowDefinitions.REPLICATION_FLOWS)));
    }

    /** The S3 tasks of the replication flows already read ({@code flows}), as {@link #s3Tasks(String)}. */
    public static SpaceTasks s3Tasks(String space, FlowDefinitions flows) {
        List<FlowTask> tasks = new ArrayList<>();
        List<String> unreadable = new ArrayList<>(flows.unreadable().stream()
                .filter(u -> u.startsWith("space " + space + ": " + FlowDefinitions.REPLICATION_FLOWS + " ")).toList());
        for (FlowDefinitions.Definition flow : flows.ofType(FlowDefinitions.REPLICATION_FLOWS)) {
            try {
                ReplicationFlowParser.parse(flow.name(), flow.json()).stream().filter(FlowTask::targetIsS3)
                        .forEach(tasks::add);
            } catch (CsdlException e) {
                unreadable.add("space " + space + ": " + e.getMessage());
            }
        }
        tasks.sort(Comparator.comparing(FlowTask::flow).thenComparing(FlowTask::task));
        return new SpaceTasks(tasks, unreadable);
    }

    /**
     * The space's messages with their replicas: {@code listed} (one space's messages) with the tasks bound, followed
     * by the messages the tasks add; {@code included} filters (space, asset) as discovery does.
     */
    public List<AssetMessage> bind(String runId, Space space, List<AssetMessage> listed, List<FlowTask> tasks,
                                   BiPredicate<String, String> included, ToIntBiFunction<String, AssetKind> priority) {
        Map<String, AssetMessage> byAsset = new LinkedHashMap<>();
        listed.forEach(m -> byAsset.put(m.asset(), m));
        Map<String, AssetMessage> added = new LinkedHashMap<>();
        for (FlowTask task : tasks) {
            var replica = task.replica(targets.bucket(task.targetConnection()).orElse(null));
            String key = task.sourceIsDatasphere() ? task.sourceObject() : "\u0000" + task.targetObject();
            AssetMessage bound = byAsset.containsKey(key) ? byAsset.get(key) : added.get(key);
            if (bound != null && bound.replica() != null) {
                LOG.warn("{} is replicated to S3 by {} and {}; bound to the first", replica.targetObject(),
                        bound.replica().taskPath(), replica.taskPath());
                continue;
            }
            if (bound != null) {
                (byAsset.containsKey(key) ? byAsset : added).put(key, bound.withReplica(replica));
            } else if (task.sourceIsDatasphere() && included.test(space.name(), task.sourceObject())) {
                added.put(key, AssetMessage.designTime(runId, space, task.sourceObject(), AssetKind.LOCAL_TABLE,
                        priority.applyAsInt(task.sourceObject(), AssetKind.LOCAL_TABLE)).withReplica(replica));
            } else if (!task.sourceIsDatasphere() && included.test(space.name(), task.targetObject())) {
                added.put(key, AssetMessage.replicated(runId, space, replica,
                        priority.applyAsInt(task.targetObject(), AssetKind.REPLICATED_OBJECT)));
            }
        }
        List<AssetMessage> all = new ArrayList<>(byAsset.values());
        all.addAll(added.values());
        return all;
    }
}
