package io.dsgluesync.mapping;

/** Storage descriptor settings: location (may be null), formats and SerDe. */
public record StorageDefinition(String location, String inputFormat, String outputFormat, String serializationLibrary) {
    public static StorageDefinition parquet(String location) {
        return new StorageDefinition(location,
                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
    }
}
