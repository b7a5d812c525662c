package io.dsgluesync.mapping;

import io.dsgluesync.model.S3Replica;
import java.util.Locale;
import java.util.Map;

/**
 * Storage descriptor settings: location, formats, SerDe with its parameters, and the {@code classification} Athena
 * and Glue crawlers use. The format comes from configuration, or from the replication flow that writes the table's
 * files.
 */
public record StorageDefinition(String location, String inputFormat, String outputFormat, String serializationLibrary,
                                String classification, Map<String, String> serdeParameters) {
    private static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    private static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    private static final String LAZY_SIMPLE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    private static final String OPENX_JSON = "org.openx.data.jsonserde.JsonSerDe";

    public StorageDefinition {
        serdeParameters = Map.copyOf(serdeParameters);
    }

    public static StorageDefinition parquet(String location) {
        return of("parquet", location);
    }

    /** {@code parquet} (default), {@code orc}, {@code avro}, {@code json} or {@code csv}. */
    public static StorageDefinition of(String format, String location) {
        return switch (format == null || format.isBlank() ? "parquet" : format.toLowerCase(Locale.ROOT)) {
            case "parquet" -> new StorageDefinition(location,
                    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                    "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", "parquet", Map.of());
            case "orc" -> new StorageDefinition(location, "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
                    "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat", "org.apache.hadoop.hive.ql.io.orc.OrcSerde", "orc",
                    Map.of());
            case "avro" -> new StorageDefinition(location, "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
                    "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat",
                    "org.apache.hadoop.hive.serde2.avro.AvroSerDe", "avro", Map.of());
            case "json" -> new StorageDefinition(location, TEXT_INPUT, TEXT_OUTPUT, OPENX_JSON, "json", Map.of());
            case "csv" -> delimited(location, ",");
            default -> throw new IllegalArgumentException("GLUE_STORAGE_FORMAT must be parquet, orc, avro, json or csv,"
                    + " not '" + format + "'");
        };
    }

    /**
     * The files a replication flow writes: Parquet, delimited text (CSV), or JSON. JSON and JSON Lines both get the
     * OpenX JSON SerDe, which reads one object per line (https://docs.aws.amazon.com/athena/latest/ug/openx-json-serde.html).
     */
    public static StorageDefinition ofReplica(S3Replica replica, String location) {
        return switch (replica.fileType()) {
            case "CSV" -> delimited(location, replica.csvDelimiter());
            case "JSON", "JSONLINES" -> new StorageDefinition(location, TEXT_INPUT, TEXT_OUTPUT, OPENX_JSON, "json",
                    Map.of());
            default -> of("parquet", location);
        };
    }

    /**
     * Delimited text read with LazySimpleSerDe, which both Athena and Trino read with typed columns (OpenCSVSerde
     * makes every column a string in Athena and is read only as varchar by Trino;
     * https://docs.aws.amazon.com/athena/latest/ug/lazy-simple-serde.html). Quoted fields are not unquoted.
     */
    private static StorageDefinition delimited(String location, String delimiter) {
        return new StorageDefinition(location, TEXT_INPUT, TEXT_OUTPUT, LAZY_SIMPLE, "csv",
                Map.of("field.delim", delimiter, "serialization.format", delimiter));
    }
}
