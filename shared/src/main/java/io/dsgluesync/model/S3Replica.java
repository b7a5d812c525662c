package io.dsgluesync.model;

/**
 * Where a replication flow task writes an object's data in Amazon S3, as discovery read it from the flow's
 * definition: the folder {@code s3://<bucket>/<container>/<targetObject>/} and how the files are written (SAP
 * Datasphere: "Cloud Storage Provider Targets for Replication Flows").
 *
 * @param bucket       the bucket the rules file gives for {@code connection}; null when it gives none, and then the
 *                     table keeps its default location and the audit record says why
 * @param fileType     {@code PARQUET} (SAP's default), {@code CSV}, {@code JSON} or {@code JSONLINES}
 * @param loadType     {@code INITIAL} (initial only) or {@code REPLICATE} (initial and delta)
 * @param groupDeltaBy {@code NONE}, {@code DATE} or {@code HOUR}
 * @param csvDelimiter the CSV column delimiter (comma by default)
 * @param csvHeader    whether CSV files start with a header line (true by default)
 */
public record S3Replica(String flow, String task, String connection, String bucket, String container,
                        String targetObject, String fileType, String loadType, String groupDeltaBy,
                        String csvDelimiter, boolean csvHeader) {

    public boolean delta() {
        return !"INITIAL".equals(loadType);
    }

    /** {@code flow/task}, for messages. */
    public String taskPath() {
        return flow + "/" + task;
    }
}
