package io.dsgluesync.mapping;

import java.util.Map;

/**
 * How assets become tables.
 *
 * @param databasePrefix   prepended to the space name to form the database name
 * @param locationTemplate S3 location with {@code {database}}, {@code {table}}, {@code {space}}, {@code {asset}}
 *                         placeholders, or empty for tables without a location
 * @param sourceSystem     the tenant host, recorded with the space as the asset's source system
 * @param storageFormat    parquet (default), orc, avro, json or csv: formats and SerDe of the storage descriptor
 */
public record MappingSettings(String databasePrefix, String locationTemplate, String sourceSystem,
                              String storageFormat) {
    public MappingSettings(String databasePrefix, String locationTemplate, String sourceSystem) {
        this(databasePrefix, locationTemplate, sourceSystem, "parquet");
    }

    public MappingSettings {
        StorageDefinition.of(storageFormat, null); // fails early, naming the setting, on an unknown format
    }

    public static MappingSettings fromEnvironment(Map<String, String> env, String sourceSystem) {
        return new MappingSettings(env.getOrDefault("GLUE_DATABASE_PREFIX", "datasphere_"),
                env.getOrDefault("GLUE_TABLE_LOCATION_TEMPLATE", ""), sourceSystem,
                env.getOrDefault("GLUE_STORAGE_FORMAT", "parquet"));
    }
}
