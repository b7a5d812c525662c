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
        assertEquals(AuditAction.UNCHANGED, fresh.upsert(table("f1", "Id"), "run-2", known, Map.of()).action());
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
        assertEquals(java.util.Set.of(SyncParameters.MANAGED_BY, SyncParameters.FINGERPRINT),
                state.parameters().keySet(), "no foreign parameter, no column list in the message");
        int reads = glue.getTableCalls.get();

        WriteOutcome outcome = writer.upsert(table("f2", "Identifier"), "run-2",
                TableStates.stored("datasphere_s", "a", state), Map.of());

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
        WriteOutcome outcome = writer.upsert(table("f2", "Id"), "run-2", readByDiscovery, Map.of());
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
}
