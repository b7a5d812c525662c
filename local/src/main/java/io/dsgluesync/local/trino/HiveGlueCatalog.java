package io.dsgluesync.local.trino;

import io.dsgluesync.local.stack.LocalAws;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Trino catalog that reads the Glue Data Catalog and S3 of one moto server through the Hive connector, the way
 * Athena reads Glue tables: https://trino.io/docs/current/connector/hive.html with the Glue metastore
 * (https://trino.io/docs/current/object-storage/metastores.html#aws-glue-catalog-configuration-properties) and
 * native S3 (https://trino.io/docs/current/object-storage/file-system-s3.html).
 *
 * <p>Reading only: every write (INSERT, CREATE TABLE AS) ends in Glue's column statistics actions
 * (GetColumnStatisticsForTable, UpdateColumnStatisticsForTable, DeleteColumnStatisticsForTable), which moto 5.2.5
 * answers with "has not been implemented", so Trino fails the write with {@code HIVE_METASTORE_ERROR}. Files are
 * written through a {@link HiveFileCatalog} instead.
 */
public record HiveGlueCatalog(String name, int motoPort) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public HiveGlueCatalog {
        requireCatalogName(name);
    }

    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("hive.metastore", "glue");
        p.put("hive.metastore.glue.region", LocalAws.REGION);
        p.put("hive.metastore.glue.endpoint-url", endpoint(motoPort));
        p.put("hive.metastore.glue.aws-access-key", LocalAws.ACCESS_KEY);
        p.put("hive.metastore.glue.aws-secret-key", LocalAws.SECRET_KEY);
        // Every query sees what the sync just wrote.
        p.put("hive.metastore-cache-ttl", "0s");
        // Planning asks Glue for column statistics, which moto does not implement (see above); without statistics
        // Trino may not collect them on write either.
        p.put("hive.table-statistics-enabled", "false");
        p.put("hive.collect-column-statistics-on-write", "false");
        // The sync's tables are EXTERNAL_TABLEs; on a real Glue, INSERT into them needs this.
        p.put("hive.non-managed-table-writes-enabled", "true");
        p.putAll(s3Properties(motoPort));
        return p;
    }

    /**
     * {@code CREATE CATALOG} of dynamic catalog management (https://trino.io/docs/current/sql/create-catalog.html).
     */
    public String createStatement() {
        return createStatement(name, properties());
    }

    public String dropStatement() {
        return "DROP CATALOG IF EXISTS " + name;
    }

    /** moto's S3: one endpoint for every bucket, so path-style requests. */
    static Map<String, String> s3Properties(int motoPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("fs.native-s3.enabled", "true");
        p.put("s3.endpoint", endpoint(motoPort));
        p.put("s3.region", LocalAws.REGION);
        p.put("s3.path-style-access", "true");
        p.put("s3.aws-access-key", LocalAws.ACCESS_KEY);
        p.put("s3.aws-secret-key", LocalAws.SECRET_KEY);
        return p;
    }

    /** Property names are quoted identifiers (they hold dots), values string literals. */
    static String createStatement(String name, Map<String, String> properties) {
        return "CREATE CATALOG IF NOT EXISTS " + name + " USING hive WITH ("
                + properties.entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\" = '" + e.getValue().replace("'", "''") + "'")
                        .collect(Collectors.joining(", "))
                + ")";
    }

    static void requireCatalogName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("catalog name must match " + NAME + ": " + name);
        }
    }

    private static String endpoint(int motoPort) {
        return "http://127.0.0.1:" + motoPort;
    }
}
