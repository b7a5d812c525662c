package io.dsgluesync.lineage;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the latest full sync synced, as discovery indexed it ({@link SyncedObjectIndex}): lineage names an upstream
 * by its Glue table when it is synced, and by space and object otherwise.
 */
public interface SyncedObjects {

    /** Whether the latest full sync could read {@code space} (listed, in scope, and not refused with HTTP 403). */
    boolean spaceExists(String space);

    /** Whether the latest full sync synced {@code object} of {@code space}. */
    boolean synced(String space, String object);

    /**
     * The flow edges into {@code object} of {@code space} (data flows and replication flows that load it), as the
     * latest full sync indexed them; empty when none is known.
     */
    default List<FlowEdge> flowsInto(String space, String object) {
        return List.of();
    }

    /** No index (lineage off, or no audit table): nothing is known to exist or to be synced. */
    static SyncedObjects none() {
        return new SyncedObjects() {
            @Override
            public boolean spaceExists(String space) {
                return false;
            }

            @Override
            public boolean synced(String space, String object) {
                return false;
            }
        };
    }

    /**
     * The index in the audit table {@code table}, each space's entry read with one Query and kept for
     * {@code cacheFor} (per container: one Query per space per few minutes, not per asset).
     */
    static SyncedObjects dynamo(DynamoDbClient dynamo, String table, Clock clock, Duration cacheFor) {
        return new DynamoObjectIndex(dynamo, table, clock, Duration.ZERO).reader(cacheFor);
    }
}
