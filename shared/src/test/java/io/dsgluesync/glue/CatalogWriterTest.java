package io.dsgluesync.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.audit.AuditAction;
import io.dsgluesync.mapping.ColumnDefinition;
import io.dsgluesync.mapping.DatabaseDefinition;
import io.dsgluesync.mapping.StorageDefinition;
import io.dsgluesync.mapping.SyncParameters;
import io.dsgluesync.mapping.TableDefinition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/** The upsert's rules against a Glue fake that checks VersionId, paging and field limits as AWS does. */
class CatalogWriterTest {
    private final FakeGlueClient glue = new FakeGlueClient();
    private final GlueCatalog catalog = new GlueCatalog(glue, null);
    private final CatalogWriter writer = new CatalogWriter(catalog,
            Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneOffset.UTC), true, false);

    private static TableDefinition table(String fingerprint, String comment) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put(SyncParameters.MANAGED_BY, SyncParameters.MANAGED_BY_VALUE);
        parameters.put(SyncParameters.FINGERPRINT, fingerprint);
        parameters.put("datasphere.asset", "A");
        return new TableDefinition(new DatabaseDefinition("datasphere_s", "Space S", Map.of()), "a", "Asset A",
                List.of(new ColumnDefinition("id", "int", comment, Map.of())), List.of(),
                StorageDefinition.parquet(null), Map.copyOf(parameters), fingerprint, List.of());
    }

    @Test
    void createsDatabaseAndTableThenLeavesAnUnchangedTableAlone() {
        assertEquals(AuditAction.CREATED, writer.upsert(table("f1", "Id"), "run-1").action());
        assertEquals("0", glue.tables.get("datasphere_s").get("a").versionId());
        assertEquals(AuditAction.UNCHANGED, writer.upsert(table("f1", "Id"), "run-2").action());
        assertEquals(0, glue.updates.get());
    }

    @Test
    void anEqualFingerprintInTheStateDiscoveryReadCausesNoGlueCallAtAll() {
        writer.upsert(table("f1", "Id"), "run-1");
        Optional<StoredTable> known = catalog.getTable("datasphere_s", "a");
        CatalogWriter fresh = new CatalogWriter(catalog, Clock.systemUTC(), true, false);
        glue.denied.addAll(List.of("GetDatabase", "CreateDatabase", "GetTable", "CreateTable", "UpdateTable"));
        assertEquals(AuditAction.UNCHANGED, fresh.upsert(table("f1", "Id"), "run-2", known, Map.of(), false).action());
    }

    @Test
    void updateSendsTheReadVersionAndKeepsForeignParameters() {
        writer.upsert(table("f1", "Id"), "run-1");
        Table created = glue.tables.get("datasphere_s").get("a");
        Map<String, String> edited = new HashMap<>(created.parameters());
        edited.put("owner_team", "lake-ops");
        glue.tables.get("datasphere_s").put("a", created.toBuilder().parameters(edited).build());
        assertEquals(AuditAction.UPDATED, writer.upsert(table("f2", "Identifier"), "run-2").action());
        Table updated = glue.tables.get("datasphere_s").get("a");
        assertEquals("1", updated.versionId());
        assertEquals("lake-ops", updated.parameters().get("owner_team"));
        assertEquals("f2", updated.parameters().get(SyncParameters.FINGERPRINT));
        assertEquals("run-2", updated.parameters().get(SyncParameters.RUN_ID));
    }

    @Test
    void theStateInAMessageCarriesOnlyTheSyncsMarkersAndAWriteReadsTheTableFirst() {
        writer.upsert(table("f1", "Id"), "run-1");
        Table created = glue.tables.get("datasphere_s").get("a");
        Map<String, String> edited = new HashMap<>(created.parameters());
        edited.put("owner_team", "lake-ops");
        edited.put(SyncParameters.COLUMNS, "c".repeat(40_000) + ":int");
        glue.tables.get("datasphere_s").put("a", created.toBuilder().parameters(edited).build());
        io.dsgluesync.model.TableState state = TableStates.of(catalog.getTable("datasphere_s", "a"));
        assertEquals(java.util.Set.of(SyncParameters.MANAGED_BY, SyncParameters.FINGERPRINT,
                        SyncParameters.DEPLOYMENT, "datasphere.asset"),
                state.parameters().keySet(), "no foreign parameter, no column list in the message");
        int reads = glue.getTableCalls.get();

        WriteOutcome outcome = writer.upsert(table("f2", "Identifier"), "run-2",
                TableStates.stored("datasphere_s", "a", state), Map.of(), false);

        assertEquals(AuditAction.UPDATED, outcome.action());
        assertEquals(reads + 1, glue.getTableCalls.get(), "one GetTable, because it writes");
        assertEquals("lake-ops", glue.tables.get("datasphere_s").get("a").parameters().get("owner_team"));
        assertTrue(outcome.replaced().orElseThrow().complete());
    }

    @Test
    void staleVersionIsReReadMergedAndRetried() {
        writer.upsert(table("f1", "Id"), "run-1");
        Optional<StoredTable> readByDiscovery = catalog.getTable("datasphere_s", "a");
        // Someone else updates the table after discovery read it: the worker's VersionId "0" is now stale.
        Table current = glue.tables.get("datasphere_s").get("a");
        Map<String, String> theirs = new HashMap<>(current.parameters());
        theirs.put("classification", "parquet");
        glue.tables.get("datasphere_s").put("a", current.toBuilder().parameters(theirs).versionId("1").build());
        WriteOutcome outcome = writer.upsert(table("f2", "Id"), "run-2", readByDiscovery, Map.of(), false);
        assertEquals(AuditAction.UPDATED, outcome.action());
        Table merged = glue.tables.get("datasphere_s").get("a");
        assertEquals("2", merged.versionId());
        assertEquals("parquet", merged.parameters().get("classification"), "the other writer's parameter survives");
    }

    @Test
    void endlessConcurrentWritersGiveUpAfterThreeAttempts() {
        writer.upsert(table("f1", "Id"), "run-1");
        glue.beforeUpdate = () -> {
            Table t = glue.tables.get("datasphere_s").get("a");
            glue.tables.get("datasphere_s").put("a", t.toBuilder()
                    .versionId(Integer.toString(Integer.parseInt(t.versionId()) + 1)).build());
        };
        CatalogException e = assertThrows(CatalogException.class, () -> writer.upsert(table("f2", "Id"), "run-2"));
        assertEquals(CatalogException.Kind.CONFLICT, e.kind());
    }

    @Test
    void unmanagedTableIsAConflictAndStaysUntouched() {
        glue.createDatabase(r -> r.databaseInput(d -> d.name("datasphere_s")));
        glue.createTable(r -> r.databaseName("datasphere_s").tableInput(TableInput.builder().name("a")
                .parameters(Map.of("created_by", "a-human")).build()));
        WriteOutcome outcome = writer.upsert(table("f1", "Id"), "run-1");
        assertEquals(AuditAction.CONFLICT, outcome.action());
        assertTrue(outcome.detail().contains("not managed by datasphere-glue-sync"), outcome.detail());
        assertEquals(Map.of("created_by", "a-human"), glue.tables.get("datasphere_s").get("a").parameters());
    }

    @Test
    void glueValidationErrorIsRejectedNotRetried() {
        CatalogException e = assertThrows(CatalogException.class,
                () -> writer.upsert(table("f1", "line one\nline two"), "run-1"));
        assertEquals(CatalogException.Kind.REJECTED, e.kind());
        assertTrue(!e.retryable());
        assertTrue(e.getMessage().contains("comment"), e.getMessage());
    }

    @Test
    void listTablesPagesUntilNextTokenIsNullThroughAnEmptyFirstPage() {
        glue.createDatabase(r -> r.databaseInput(d -> d.name("db")));
        for (int i = 0; i < 250; i++) {
            String name = "t" + i;
            glue.createTable(r -> r.databaseName("db").tableInput(TableInput.builder().name(name).build()));
        }
        glue.leadingEmptyPage = true;
        glue.pageCap = 40;
        assertEquals(250, catalog.listTables("db").size());
        assertTrue(glue.getTablesCalls.get() >= 8, "paged: " + glue.getTablesCalls.get());
        assertEquals(List.of(), catalog.listTables("missing"));
    }

    @Test
    void namesAreFoldedToLowerCaseByGlueSoTheSyncSendsLowerCase() {
        glue.createDatabase(r -> r.databaseInput(d -> d.name("Mixed_Case")));
        assertTrue(catalog.databaseExists("mixed_case"));
    }

    private CatalogWriter writer(String deployment, CatalogWriter.DriftPolicy drift, boolean adopt) {
        return new CatalogWriter(catalog, Clock.fixed(Instant.parse("2026-11-26T02:00:00Z"), ZoneOffset.UTC),
                new CatalogWriter.Settings(true, adopt, deployment, drift));
    }

    private static TableDefinition located(String fingerprint, String asset, List<ColumnDefinition> keys) {
        TableDefinition t = table(fingerprint, "Id");
        Map<String, String> parameters = new HashMap<>(t.parameters());
        parameters.put("datasphere.asset", asset);
        parameters.put("datasphere.space", "S");
        parameters.put(SyncParameters.COLUMNS, "id:int,amount:decimal(15,2)");
        return new TableDefinition(t.database(), t.name(), t.description(),
                List.of(new ColumnDefinition("id", "int", "Id", Map.of()), new ColumnDefinition("amount",
                        "decimal(15,2)", null, Map.of())), keys,
                StorageDefinition.parquet("s3://data/datasphere/datasphere_s/a/"), Map.copyOf(parameters),
                fingerprint, List.of());
    }

    private void edit(java.util.function.UnaryOperator<Table> change) {
        Table t = glue.tables.get("datasphere_s").get("a");
        glue.tables.get("datasphere_s").put("a", change.apply(t).toBuilder()
                .versionId(Integer.toString(Integer.parseInt(t.versionId()) + 1)).build());
    }

    @Test
    void anUpdateChangesOnlyWhatTheSyncOwnsAndSaysWhatItChanged() {
        CatalogWriter mine = writer("stack@tenant", null, false);
        mine.upsert(located("f1", "A", List.of()), "run-1");
        edit(t -> t.toBuilder().owner("lake-team").retention(30)
                .storageDescriptor(t.storageDescriptor().toBuilder().parameters(Map.of("sd.kept", "1"))
                        .serdeInfo(t.storageDescriptor().serdeInfo().toBuilder()
                                .parameters(Map.of("serialization.format", "1", "their.serde", "x")).build())
                        .build()).build());
        TableDefinition next = located("f2", "A", List.of());
        next = new TableDefinition(next.database(), next.name(), next.description(), List.of(
                new ColumnDefinition("id", "bigint", "Id", Map.of()), new ColumnDefinition("total", "decimal(15,2)",
                        null, Map.of()), new ColumnDefinition("note", "string", null, Map.of())),
                List.of(), next.storage(), next.parameters(), "f2", List.of());

        WriteOutcome outcome = mine.upsert(next, "run-2");

        Table after = glue.tables.get("datasphere_s").get("a");
        assertEquals(AuditAction.UPDATED, outcome.action());
        assertEquals("lake-team", after.owner());
        assertEquals(30, after.retention());
        assertEquals("1", after.storageDescriptor().parameters().get("sd.kept"));
        assertEquals("x", after.storageDescriptor().serdeInfo().parameters().get("their.serde"));
        assertEquals(List.of("id: int -> bigint"), outcome.diff().get("retyped"));
        assertEquals(List.of("amount -> total"), outcome.diff().get("renamed"));
        assertEquals(List.of("note string"), outcome.diff().get("added"));
        assertEquals("stack@tenant", after.parameters().get(SyncParameters.DEPLOYMENT));
    }

    @Test
    void anotherDeploymentsTableIsAConflictAndAnotherAssetsTableKeepsItsIncumbent() {
        writer("stack-a@tenant", null, false).upsert(located("f1", "A", List.of()), "run-1");
        WriteOutcome other = writer("stack-b@tenant", null, false).upsert(located("f2", "A", List.of()), "run-2");
        assertEquals(AuditAction.CONFLICT, other.action());
        assertTrue(other.detail().contains("stack-a@tenant"), other.detail());

        WriteOutcome newcomer = writer("stack-a@tenant", null, false).upsert(located("f3", "A.", List.of()), "run-3");
        assertEquals(AuditAction.FAILED, newcomer.action());
        assertEquals("asset", newcomer.errorField());
        assertTrue(newcomer.detail().contains("belongs to asset S/A;"), newcomer.detail());
        assertEquals("f1", glue.tables.get("datasphere_s").get("a").parameters().get(SyncParameters.FINGERPRINT));
    }

    @Test
    void driftIsRestoredOrReportedFromWhatGlueHoldsNotTheFingerprint() {
        CatalogWriter restore = writer("d@t", CatalogWriter.DriftPolicy.RESTORE, false);
        restore.upsert(located("f1", "A", List.of()), "run-1");
        edit(t -> t.toBuilder().storageDescriptor(t.storageDescriptor().toBuilder()
                .columns(Column("id", "string"), Column("amount", "decimal(15,2)")).build()).build());
        StoredTable drifted = catalog.getTable("datasphere_s", "a").orElseThrow();
        assertEquals(List.of(Drift.COLUMNS), drifted.drifted());

        WriteOutcome reported = writer("d@t", CatalogWriter.DriftPolicy.REPORT, false)
                .upsert(located("f1", "A", List.of()), "run-2");
        assertEquals(AuditAction.DRIFTED, reported.action());
        assertEquals(List.of("columns: retyped id int -> string"), reported.drift());
        assertEquals("string", glue.tables.get("datasphere_s").get("a").storageDescriptor().columns().get(0).type());

        WriteOutcome restored = restore.upsert(located("f1", "A", List.of()), "run-3");
        assertEquals(AuditAction.UPDATED, restored.action());
        assertEquals(List.of("id: string -> int"), restored.diff().get("retyped"));
        assertEquals("int", glue.tables.get("datasphere_s").get("a").storageDescriptor().columns().get(0).type());
        assertEquals(List.of(), catalog.getTable("datasphere_s", "a").orElseThrow().drifted());
    }

    @Test
    void partitionKeysOfATableWithPartitionsAreNotChanged() {
        CatalogWriter mine = writer("d@t", null, false);
        mine.upsert(located("f1", "A", List.of()), "run-1");
        glue.partitions.put("datasphere_s.a", 3);
        WriteOutcome outcome = mine.upsert(located("f2", "A", List.of(new ColumnDefinition("year", "string", null,
                Map.of()))), "run-2");
        assertEquals(AuditAction.FAILED, outcome.action());
        assertEquals("partitionKeys", outcome.errorField());
        assertEquals(List.of(), glue.tables.get("datasphere_s").get("a").partitionKeys());
    }

    @Test
    void anAdoptedTableKeepsItsStorageAndPartitionKeys() {
        glue.createDatabase(r -> r.databaseInput(d -> d.name("datasphere_s")));
        glue.createTable(r -> r.databaseName("datasphere_s").tableInput(TableInput.builder().name("a")
                .tableType("EXTERNAL_TABLE").partitionKeys(Column("dt", "string"))
                .storageDescriptor(s -> s.location("s3://theirs/a/").inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                        .columns(Column("id", "int"))).build()));
        WriteOutcome outcome = writer("d@t", null, true).upsert(located("f1", "A", List.of()), "run-1");
        Table after = glue.tables.get("datasphere_s").get("a");
        assertEquals(AuditAction.UPDATED, outcome.action());
        assertEquals("s3://theirs/a/", after.storageDescriptor().location());
        assertEquals("org.apache.hadoop.mapred.TextInputFormat", after.storageDescriptor().inputFormat());
        assertEquals(List.of("dt"), after.partitionKeys().stream().map(software.amazon.awssdk.services.glue.model.Column::name).toList());
        assertTrue(after.parameters().containsKey(SyncParameters.ADOPTED_AT));
        assertEquals(List.of("id", "amount"), after.storageDescriptor().columns().stream()
                .map(software.amazon.awssdk.services.glue.model.Column::name).toList());
    }

    @Test
    void aPlanDecidesLikeASyncAndWritesNothing() {
        CatalogWriter mine = writer("d@t", null, false);
        assertEquals(AuditAction.CREATED, mine.upsert(located("f1", "A", List.of()), "run-0", null, Map.of(), true)
                .action());
        assertTrue(glue.tables.isEmpty(), "not even the database");
        mine.upsert(located("f1", "A", List.of()), "run-1");
        WriteOutcome planned = mine.upsert(located("f2", "A", List.of()), "run-2", null, Map.of(), true);
        assertEquals(AuditAction.UPDATED, planned.action());
        assertEquals(0, glue.updates.get());
        assertEquals(AuditAction.DELETED, mine.retire("datasphere_s", "a", "S", "A", CatalogWriter.StalePolicy.DELETE,
                "run-3", true).action());
        assertTrue(glue.tables.get("datasphere_s").containsKey("a"));
    }

    @Test
    void aStaleTableIsDeprecatedOnceAndRevivedWhenItsAssetReturns() {
        CatalogWriter mine = writer("d@t", null, false);
        mine.upsert(located("f1", "A", List.of()), "run-1");
        WriteOutcome deprecated = mine.retire("datasphere_s", "a", "S", "A", CatalogWriter.StalePolicy.DEPRECATE,
                "run-2", false);
        assertEquals(AuditAction.DEPRECATED, deprecated.action());
        Table t = glue.tables.get("datasphere_s").get("a");
        assertTrue(t.description().startsWith("[DEPRECATED 2026-11-26: removed from SAP Datasphere] "), t.description());
        assertEquals("2026-11-26T02:00:00Z", t.parameters().get(SyncParameters.DEPRECATED_AT));
        assertEquals(AuditAction.STALE, mine.retire("datasphere_s", "a", "S", "A",
                CatalogWriter.StalePolicy.DEPRECATE, "run-3", false).action());
        assertEquals(1, glue.updates.get(), "deprecated once");

        WriteOutcome revived = mine.upsert(located("f1", "A", List.of()), "run-4");
        assertEquals(AuditAction.UPDATED, revived.action());
        assertTrue(revived.note().startsWith("revived"), revived.note());
        Table back = glue.tables.get("datasphere_s").get("a");
        assertEquals("Asset A", back.description());
        assertTrue(!back.parameters().containsKey(SyncParameters.DEPRECATED_AT));

        assertEquals(AuditAction.DELETED, mine.retire("datasphere_s", "a", "S", "A", CatalogWriter.StalePolicy.DELETE,
                "run-5", false).action());
        assertTrue(!glue.tables.get("datasphere_s").containsKey("a"));
    }

    @Test
    void equalFingerprintWithStaleMarkersIsRefreshedOnce() {
        CatalogWriter mine = writer("d@t", null, false);
        mine.upsert(located("f1", "A", List.of()), "run-1", null, Map.of(SyncParameters.CONFIG_HASH, "old"), false);
        WriteOutcome refreshed = mine.upsert(located("f1", "A", List.of()), "run-2", null,
                Map.of(SyncParameters.CONFIG_HASH, "new"), false);
        assertEquals(AuditAction.UPDATED, refreshed.action());
        assertTrue(refreshed.note().startsWith("sync markers refreshed"), refreshed.note());
        assertEquals(AuditAction.UNCHANGED, mine.upsert(located("f1", "A", List.of()), "run-3", null,
                Map.of(SyncParameters.CONFIG_HASH, "new"), false).action());
    }

    private static software.amazon.awssdk.services.glue.model.Column Column(String name, String type) {
        return software.amazon.awssdk.services.glue.model.Column.builder().name(name).type(type).build();
    }

    @Test
    void aDeprecationMarkerFitsGluesLimitAndARevivalTakesItOffAgain() {
        Instant at = Instant.parse("2026-11-26T02:00:00Z");
        String marked = CatalogWriter.deprecated(at, "SAP Datasphere space Sales (SALES)");
        assertEquals("[DEPRECATED 2026-11-26: removed from SAP Datasphere] SAP Datasphere space Sales (SALES)", marked);
        assertEquals("SAP Datasphere space Sales (SALES)", CatalogWriter.revived(marked));
        assertEquals(2048, CatalogWriter.deprecated(at, "x".repeat(2048)).length());
        assertEquals("[DEPRECATED] by hand", CatalogWriter.revived("[DEPRECATED] by hand"));
    }
}
