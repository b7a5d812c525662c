package io.dsgluesync.mapping;

import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.model.S3Replica;
import java.util.List;
import java.util.Map;

/**
 * What a table gains when a replication flow writes its data to S3 (SAP Datasphere, "Cloud Storage Provider Targets
 * for Replication Flows", https://help.sap.com/doc/c8a54ee704e94e15926551293243fd1d/cloud/en-US/43d93a27150a4a218e3df14e3abdf456.html):
 * the location and file format of the flow's target folder, and the three columns the system appends to every file —
 * {@code __operation_type} (L initial load, I insert, U update/upsert, A upsert, B before image, X delete, M archive,
 * D delete with before image), {@code __sequence_number} (the integer order of a delta row; empty for the initial
 * load) and {@code __timestamp} (the UTC date and time the row was written).
 */
final class ReplicaLayout {
    static final List<ColumnDefinition> TECHNICAL_COLUMNS = List.of(
            technical("__operation_type", "string", "Replication operation: L initial load, I insert, U update,"
                    + " A upsert, B before image, X delete, M archive, D delete with before image"),
            technical("__sequence_number", "bigint", "Order of the delta row among the deltas (empty for the initial"
                    + " load)"),
            technical("__timestamp", "timestamp", "UTC date and time the replication wrote the row"));

    private ReplicaLayout() {
    }

    /** The replica's folder, or, when no bucket is known for its connection, the template's location. */
    static String location(AssetMessage asset, String templateLocation, List<String> warnings) {
        S3Replica replica = asset.replica();
        if (replica.bucket() == null) {
            warnings.add("replication flow " + replica.taskPath() + " writes to connection " + replica.connection()
                    + ", which the rules file's replication.targets does not map to a bucket: the table keeps the"
                    + " location " + templateLocation);
            return templateLocation;
        }
        if (replica.fileType().equals("JSON")) {
            warnings.add("replication flow " + replica.taskPath() + " writes JSON files (one array per file);"
                    + " Athena and Trino read one JSON object per line: choose the file type JSONLines");
        }
        if (!replica.groupDeltaBy().equals("NONE")) {
            // No partition projection: the initial load's files lie beside, not inside, the date or hour folders,
            // and SAP does not document the folders' names.
            warnings.add("replication flow " + replica.taskPath() + " groups deltas by " + replica.groupDeltaBy()
                    + ": Athena reads the date or hour folders below the location, Trino only with"
                    + " hive.recursive-directories=true; nothing is pruned by date (Group Delta By None avoids this)");
        }
        return TableLocation.replica(replica.bucket(), replica.container(), replica.targetObject());
    }

    static void parameters(S3Replica replica, Map<String, String> p) {
        p.put("datasphere.replication.flow", replica.flow());
        p.put("datasphere.replication.task", replica.task());
        p.put("datasphere.replication.connection", replica.connection() == null ? "" : replica.connection());
        p.put("datasphere.replication.load_type", replica.loadType());
        p.put("datasphere.replication.file_type", replica.fileType());
        p.put("datasphere.replication.group_delta_by", replica.groupDeltaBy());
        if (replica.fileType().equals("CSV") && replica.csvHeader() && replica.bucket() != null) {
            // Honoured by Athena and Trino for text files (https://trino.io/docs/current/connector/hive.html).
            p.put("skip.header.line.count", "1");
        }
    }

    private static ColumnDefinition technical(String name, String type, String comment) {
        return new ColumnDefinition(name, type, comment, Map.of("datasphere.original_name", name,
                "datasphere.technical", "replication"));
    }
}
