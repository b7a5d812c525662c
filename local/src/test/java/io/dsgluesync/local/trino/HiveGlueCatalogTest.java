package io.dsgluesync.local.trino;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HiveGlueCatalogTest {

    @Test
    void createStatementQuotesPropertyNamesAndPointsGlueAndS3AtMoto() {
        String sql = new HiveGlueCatalog("moto_15500", 15500).createStatement();

        assertTrue(sql.startsWith("CREATE CATALOG IF NOT EXISTS moto_15500 USING hive WITH ("), sql);
        assertTrue(sql.contains("\"hive.metastore\" = 'glue'"), sql);
        assertTrue(sql.contains("\"hive.metastore.glue.endpoint-url\" = 'http://127.0.0.1:15500'"), sql);
        assertTrue(sql.contains("\"s3.endpoint\" = 'http://127.0.0.1:15500'"), sql);
        assertTrue(sql.contains("\"s3.path-style-access\" = 'true'"), sql);
    }

    @Test
    void catalogNameMustBeAPlainLowerCaseIdentifier() {
        assertThrows(IllegalArgumentException.class, () -> new HiveGlueCatalog("glue; DROP CATALOG x", 15500));
        assertThrows(IllegalArgumentException.class, () -> new HiveGlueCatalog("Glue", 15500));
    }

    @Test
    void fileCatalogKeepsItsMetastoreInS3() {
        String sql = new HiveFileCatalog("files", 15500, "s3://bucket/_metastore/").createStatement();

        assertTrue(sql.contains("\"hive.metastore\" = 'file'"), sql);
        assertTrue(sql.contains("\"hive.metastore.catalog.dir\" = 's3://bucket/_metastore/'"), sql);
    }
}
