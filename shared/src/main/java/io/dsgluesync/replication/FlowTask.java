package io.dsgluesync.replication;

import io.dsgluesync.model.S3Replica;
import java.util.Locale;
import java.util.Map;

/**
 * One replication task of a replication flow: which object it copies from which connection to which target.
 *
 * @param properties     the target's write properties, the flow's overlaid with the task's own
 * @param targetElements the target object's columns in CSN element form as the flow carries them, as JSON; null when
 *                       the definition carries none
 */
public record FlowTask(String flow, String task, String loadType, String sourceConnection, String sourceObject,
                       String targetConnection, String targetConnectionType, String targetContainer,
                       String targetObject, Map<String, String> properties, String targetElements) {
    /** Write property keys of cloud storage targets; SAP does not publish their CSN spelling (our inference). */
    static final String FILE_TYPE = "com.sap.rms.write.fileType";
    static final String GROUP_DELTA_BY = "com.sap.rms.write.groupDeltaBy";
    static final String CSV_DELIMITER = "com.sap.rms.write.csvDelimiter";
    static final String CSV_HEADER = "com.sap.rms.write.csvHeaderLine";

    public FlowTask {
        properties = Map.copyOf(properties);
    }

    /** {@code $DWC} (or no connection) is the flow's own space in Datasphere. */
    public boolean sourceIsDatasphere() {
        return sourceConnection == null || sourceConnection.isBlank() || "$DWC".equals(sourceConnection);
    }

    /** Amazon S3 connections have the type id {@code S3} in the connections API. */
    public boolean targetIsS3() {
        return targetConnectionType != null && targetConnectionType.toUpperCase(Locale.ROOT).equals("S3");
    }

    /**
     * Where and how this task writes, with the bucket the rules file gives for its connection (null for none).
     * Defaults are SAP's: Parquet, no delta grouping, comma, a header line ("Cloud Storage Provider Targets for
     * Replication Flows").
     */
    public S3Replica replica(String bucket) {
        return new S3Replica(flow, task, targetConnection, bucket, targetContainer, targetObject,
                upper(properties.get(FILE_TYPE), "PARQUET"), upper(loadType, "REPLICATE"),
                upper(properties.get(GROUP_DELTA_BY), "NONE"), properties.getOrDefault(CSV_DELIMITER, ","),
                !"false".equalsIgnoreCase(properties.getOrDefault(CSV_HEADER, "true")));
    }

    private static String upper(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim().toUpperCase(Locale.ROOT);
    }
}
