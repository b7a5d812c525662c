package io.dsgluesync.mapping;

import java.util.Locale;

/**
 * Storage descriptor settings: location (may be null), formats, SerDe, and the {@code classification} Athena and
 * Glue crawlers use. The format comes from configuration; the tables describe Datasphere data exported elsewhere.
 */
public record StorageDefinition(String location, String inputFormat, String outputFormat, String serializationLibrary,
                                String classification) {
    private static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    private static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

    public static StorageDefinition parquet(String location) {
        return of("parquet", location);
    }

    /** {@code parquet} (default), {@code orc}, {@code avro}, {@code json} or {@code csv}. */
    public static StorageDefinition of(String format, String location) {
        return switch (format == null || format.isBlank() ? "parquet" : format.toLowerCase(Locale.ROOT)) {
            case "parquet" -> new StorageDefinition(location,
                    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                    "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", "parquet");
            case "orc" -> new StorageDefinition(location, "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
                    "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat", "org.apache.hadoop.hive.ql.io.orc.OrcSerde", "orc");
            case "avro" -> new StorageDefinition(location, "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
                    "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat",
                    "org.apache.hadoop.hive.serde2.avro.AvroSerDe", "avro");
            case "json" -> new StorageDefinition(location, TEXT_INPUT, TEXT_OUTPUT, "org.openx.data.jsonserde.JsonSerDe",
                    "json");
            case "csv" -> new StorageDefinition(location, TEXT_INPUT, TEXT_OUTPUT,
                    "org.apache.hadoop.hive.serde2.OpenCSVSerde", "csv");
            default -> throw new IllegalArgumentException("GLUE_STORAGE_FORMAT must be parquet, orc, avro, json or csv,"
                    + " not '" + format + "'");
        };
    }
}
