package io.dsgluesync.mapping;

/**
 * Glue Data Catalog limits, checked here because neither the SDK nor moto checks them
 * (https://docs.aws.amazon.com/glue/latest/webapi/API_TableInput.html).
 */
public final class GlueLimits {
    /**
     * The conservative database name length Apache Iceberg enforces ({@code GLUE_DB_PATTERN} in
     * {@code org.apache.iceberg.aws.glue.IcebergToGlueConverter}, after Athena's Glue best practices).
     */
    public static final int DATABASE_NAME = 252;
    /** NameString: 1–255, tables and columns. */
    public static final int NAME = 255;
    /** Column.Comment: 0–255, no CR/LF (https://docs.aws.amazon.com/glue/latest/webapi/API_Column.html). */
    public static final int COMMENT = 255;
    /** TableInput.Description and DatabaseInput.Description: 0–2,048. */
    public static final int DESCRIPTION = 2048;
    /** Parameters map key: 1–255. */
    public static final int PARAMETER_KEY = 255;
    /** Parameters map value: up to 512,000 characters. */
    public static final int PARAMETER_VALUE = 512_000;
    /**
     * Hive decimal precision (HiveDecimal.MAX_PRECISION; https://docs.aws.amazon.com/athena/latest/ug/data-types.html).
     */
    public static final int DECIMAL_PRECISION = 38;
    /** Hive varchar length (HiveVarchar.MAX_VARCHAR_LENGTH). */
    public static final int VARCHAR_LENGTH = 65_535;
    /** GetTables MaxResults: 1–100 (https://docs.aws.amazon.com/glue/latest/webapi/API_GetTables.html). */
    public static final int TABLES_PAGE = 100;

    private GlueLimits() {
    }
}
