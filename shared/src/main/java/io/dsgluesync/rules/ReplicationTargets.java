package io.dsgluesync.rules;

import java.util.Map;
import java.util.Optional;

/**
 * The S3 bucket behind each Datasphere connection that replication flows write to. Datasphere's connections API
 * answers a connection's name and type but not its bucket, so the rules file says it ({@code replication.targets}).
 * Without any entry, replication flows are not read at all.
 */
public record ReplicationTargets(Map<String, String> bucketsByConnection) {
    public static final ReplicationTargets NONE = new ReplicationTargets(Map.of());

    public ReplicationTargets {
        bucketsByConnection = Map.copyOf(bucketsByConnection);
    }

    public boolean enabled() {
        return !bucketsByConnection.isEmpty();
    }

    public Optional<String> bucket(String connection) {
        return Optional.ofNullable(connection == null ? null : bucketsByConnection.get(connection));
    }
}
