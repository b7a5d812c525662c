package io.dsgluesync.local.trino;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Trino catalog that writes data files (Parquet, ORC, CSV, ...) into one moto's S3, keeping its own table
 * definitions in Trino's file metastore under {@code metastoreDir} (an {@code s3://} folder): the way to put real
 * files where Glue tables point, since writes through {@link HiveGlueCatalog} need Glue actions moto lacks. See
 * https://trino.io/docs/current/object-storage/metastores.html#file-metastore (a testing aid, not for production).
 */
public record HiveFileCatalog(String name, int motoPort, String metastoreDir) {

    public HiveFileCatalog {
        HiveGlueCatalog.requireCatalogName(name);
        if (!metastoreDir.startsWith("s3://")) {
            throw new IllegalArgumentException("metastoreDir must be an s3:// folder: " + metastoreDir);
        }
    }

    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("hive.metastore", "file");
        p.put("hive.metastore.catalog.dir", metastoreDir);
        // CREATE TABLE ... WITH (external_location = ...) AS SELECT writes a non-managed table.
        p.put("hive.non-managed-table-writes-enabled", "true");
        p.putAll(HiveGlueCatalog.s3Properties(motoPort));
        return p;
    }

    public String createStatement() {
        return HiveGlueCatalog.createStatement(name, properties());
    }
}
