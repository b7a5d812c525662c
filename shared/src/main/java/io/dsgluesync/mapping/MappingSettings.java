package io.dsgluesync.mapping;

import java.util.Map;

/**
 * How assets become tables.
 *
 * @param databasePrefix   prepended to the space name to form the database name
 * @param locationTemplate S3 location with {@code {database}}, {@code {table}}, {@code {space}}, {@code {asset}}
 *                         placeholders (checked by {@link TableLocation#checkTemplate}); every table has a location
 * @param sourceSystem     the tenant host, recorded with the space as the asset's source system
 * @param storageFormat    parquet (default), orc, avro, json or csv: formats and SerDe of the storage descriptor
 */
public record MappingSettings(String databasePrefix, String locationTemplate, String sourceSystem,
                              String storageFormat) {
    public MappingSettings(String databasePrefix, String locationTemplate, String sourceSystem) {
        this(databasePrefix, locationTemplate, sourceSystem, "parquet");
    }

    public MappingSettings {
        locationTemplate = TableLocation.checkTemplate(locationTemplate);
        StorageDefinition.of(storageFormat, null); // fails early, naming the setting, on an unknown format
    }

    /**
     * {@code GLUE_TABLE_LOCATION_TEMPLATE} when set, else {@code s3://<GLUE_DATA_BUCKET>/datasphere/{database}/{table}/}
     * (the stack creates the data bucket unless one is named).
     */
    public static MappingSettings fromEnvironment(Map<String, String> env, String sourceSystem) {
        String template = env.getOrDefault("GLUE_TABLE_LOCATION_TEMPLATE", "");
        String bucket = env.getOrDefault("GLUE_DATA_BUCKET", "");
        if (template.isBlank() && !bucket.isBlank()) {
            template = TableLocation.defaultTemplate(bucket);
        }
        return new MappingSettings(env.getOrDefault("GLUE_DATABASE_PREFIX", "datasphere_"), template, sourceSystem,
                env.getOrDefault("GLUE_STORAGE_FORMAT", "parquet"));
    }
}
