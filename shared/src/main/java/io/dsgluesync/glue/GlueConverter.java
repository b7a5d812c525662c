package io.dsgluesync.glue;

import io.dsgluesync.mapping.ColumnDefinition;
import io.dsgluesync.mapping.DatabaseDefinition;
import io.dsgluesync.mapping.SyncParameters;
import io.dsgluesync.mapping.TableDefinition;
import io.dsgluesync.model.WireText;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.DatabaseIdentifier;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.ViewDefinitionInput;
import software.amazon.awssdk.services.glue.model.ViewRepresentationInput;

/** Mapped definitions → Glue SDK inputs. Pure and static. */
public final class GlueConverter {
    private GlueConverter() {
    }

    public static DatabaseInput databaseInput(DatabaseDefinition database) {
        return DatabaseInput.builder().name(database.name()).description(WireText.clean(database.description()))
                .parameters(clean(database.parameters())).build();
    }

    /**
     * The input that writes a database back as Glue holds it (every field of
     * https://docs.aws.amazon.com/glue/latest/webapi/API_DatabaseInput.html), for updates that change one thing.
     */
    public static DatabaseInput inputOf(Database database) {
        return DatabaseInput.builder().name(database.name()).description(database.description())
                .locationUri(database.locationUri()).parameters(database.parameters())
                .createTableDefaultPermissions(database.createTableDefaultPermissions())
                .targetDatabase(database.targetDatabase() == null ? null : DatabaseIdentifier.builder()
                        .catalogId(database.targetDatabase().catalogId())
                        .databaseName(database.targetDatabase().databaseName())
                        .region(database.targetDatabase().region()).build())
                .federatedDatabase(database.federatedDatabase())
                .build();
    }

    /** A new table's input: everything from the definition, and the sync's markers. */
    public static TableInput tableInput(TableDefinition table, Map<String, String> markers, String runId,
                                        Instant syncedAt) {
        return tableInput(table, null, markers, runId, syncedAt);
    }

    /**
     * The TableInput that updates {@code existing} (null: creates the table) to {@code table}. UpdateTable replaces
     * the whole table (https://docs.aws.amazon.com/glue/latest/webapi/API_UpdateTable.html), so the input starts
     * from what Glue holds and sets only what the sync owns, as Apache Iceberg's
     * {@code org.apache.iceberg.aws.glue.GlueTableOperations} keeps a table's existing parameters and storage
     * descriptor fields. The sync owns: the description, the columns, the parameters under {@code datasphere.} and
     * those the mapping sets, the partition keys, and the storage (location, formats, SerDe library and the SerDe
     * parameters it sets). Everything else survives: owner, retention, view texts, the storage descriptor's other
     * fields and parameters, others' SerDe parameters, others' table parameters. On an adopted table
     * ({@code markers} has {@link SyncParameters#ADOPTED_AT}) the storage and partition keys stay the owner's.
     */
    public static TableInput tableInput(TableDefinition table, Table existing, Map<String, String> markers,
                                        String runId, Instant syncedAt) {
        boolean adopted = markers.containsKey(SyncParameters.ADOPTED_AT);
        Map<String, String> parameters = new TreeMap<>();
        if (existing != null && existing.parameters() != null) {
            existing.parameters().forEach((k, v) -> {
                if (!SyncParameters.ownedBySync(k)) {
                    parameters.put(k, v);
                }
            });
        }
        parameters.putAll(table.parameters());
        parameters.putAll(markers);
        parameters.put(SyncParameters.RUN_ID, runId);
        parameters.put(SyncParameters.SYNCED_AT, syncedAt.toString());
        StorageDescriptor current = existing == null ? null : existing.storageDescriptor();
        StorageDescriptor.Builder sd = current == null ? StorageDescriptor.builder() : current.toBuilder();
        List<Column> partitionKeys = adopted && existing != null && existing.partitionKeys() != null
                ? existing.partitionKeys() : columns(table.partitionKeys());
        Set<String> keyNames = new HashSet<>();
        partitionKeys.forEach(key -> keyNames.add(key.name()));
        sd.columns(columns(table.columns()).stream().filter(c -> !keyNames.contains(c.name())).toList());
        if (!adopted || current == null) {
            Map<String, String> serde = new TreeMap<>();
            if (current != null && current.serdeInfo() != null && current.serdeInfo().parameters() != null) {
                serde.putAll(current.serdeInfo().parameters());
            }
            serde.putAll(table.storage().serdeParameters());
            SerDeInfo.Builder serdeInfo = current == null || current.serdeInfo() == null ? SerDeInfo.builder()
                    : current.serdeInfo().toBuilder();
            sd.inputFormat(table.storage().inputFormat())
                    .outputFormat(table.storage().outputFormat())
                    .serdeInfo(serdeInfo.serializationLibrary(table.storage().serializationLibrary())
                            .parameters(serde).build());
            if (table.storage().location() != null) {
                sd.location(table.storage().location());
            }
        }
        TableInput.Builder input = existing == null ? TableInput.builder() : inputOf(existing).toBuilder();
        input.name(table.name())
                .description(WireText.clean(table.description()))
                .storageDescriptor(sd.build())
                // Athena needs at least an empty list of partition keys (TableInput.PartitionKeys doc).
                .partitionKeys(partitionKeys);
        if (!adopted || existing == null || existing.tableType() == null) {
            input.tableType("EXTERNAL_TABLE");
        }
        TableInput unsigned = input.parameters(clean(parameters)).build();
        parameters.put(SyncParameters.WRITTEN, Drift.signature(unsigned, !adopted));
        return unsigned.toBuilder().parameters(clean(parameters)).build();
    }

    /**
     * The input that writes {@code table} back as Glue holds it: every field a TableInput has
     * (https://docs.aws.amazon.com/glue/latest/webapi/API_TableInput.html), for updates that change one thing.
     */
    public static TableInput inputOf(Table table) {
        return TableInput.builder()
                .name(table.name())
                .description(table.description())
                .owner(table.owner())
                .lastAccessTime(table.lastAccessTime())
                .lastAnalyzedTime(table.lastAnalyzedTime())
                .retention(table.retention())
                .storageDescriptor(table.storageDescriptor())
                .partitionKeys(table.partitionKeys())
                .viewOriginalText(table.viewOriginalText())
                .viewExpandedText(table.viewExpandedText())
                .tableType(table.tableType())
                .parameters(table.parameters())
                .targetTable(table.targetTable())
                .viewDefinition(table.viewDefinition() == null ? null : ViewDefinitionInput.builder()
                        .isProtected(table.viewDefinition().isProtected())
                        .definer(table.viewDefinition().definer())
                        .representations(table.viewDefinition().representations().stream()
                                .map(r -> ViewRepresentationInput.builder().dialect(r.dialect())
                                        .dialectVersion(r.dialectVersion()).viewOriginalText(r.viewOriginalText())
                                        .validationConnection(r.validationConnection())
                                        .viewExpandedText(r.viewExpandedText()).build()).toList())
                        .build())
                .build();
    }

    private static List<Column> columns(List<ColumnDefinition> columns) {
        return columns.stream().map(c -> Column.builder().name(c.name()).type(c.type())
                .comment(WireText.clean(c.comment())).parameters(clean(c.parameters())).build()).toList();
    }

    /** Glue accepts only the XML character set in text; a label with U+FFFF must not fail the write. */
    private static Map<String, String> clean(Map<String, String> parameters) {
        if (parameters instanceof SortedMap<String, String> sorted && sorted.comparator() == null
                && isClean(parameters)) {
            return parameters; // the builder copies it anyway, in the same order
        }
        Map<String, String> cleaned = new TreeMap<>();
        parameters.forEach((k, v) -> cleaned.put(WireText.clean(k), WireText.clean(v)));
        return cleaned;
    }

    private static boolean isClean(Map<String, String> parameters) {
        for (String key : parameters.keySet()) {
            if (WireText.clean(key) != key) {
                return false;
            }
        }
        for (String value : parameters.values()) {
            if (WireText.clean(value) != value) {
                return false;
            }
        }
        return true;
    }
}
