package io.dsgluesync.glue;

import io.dsgluesync.mapping.ColumnDefinition;
import io.dsgluesync.mapping.DatabaseDefinition;
import io.dsgluesync.mapping.SyncParameters;
import io.dsgluesync.mapping.TableDefinition;
import io.dsgluesync.model.WireText;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableInput;

/** Mapped definitions → Glue SDK inputs. Pure and static. */
public final class GlueConverter {
    private GlueConverter() {
    }

    public static DatabaseInput databaseInput(DatabaseDefinition database) {
        return DatabaseInput.builder().name(database.name()).description(WireText.clean(database.description()))
                .parameters(clean(database.parameters())).build();
    }

    /**
     * The complete TableInput: UpdateTable replaces everything, so the parameters that others put on the table
     * ({@code foreign}) are carried over here, as Apache Iceberg's
     * {@code org.apache.iceberg.aws.glue.GlueTableOperations} carries over the table's existing parameters
     * (https://docs.aws.amazon.com/glue/latest/webapi/API_UpdateTable.html).
     */
    public static TableInput tableInput(TableDefinition table, Map<String, String> foreign,
                                        Map<String, String> syncMetadata, String runId, Instant syncedAt) {
        Map<String, String> parameters = new TreeMap<>();
        foreign.forEach((k, v) -> {
            if (!SyncParameters.ownedBySync(k)) {
                parameters.put(k, v);
            }
        });
        parameters.putAll(table.parameters());
        parameters.putAll(syncMetadata);
        parameters.put(SyncParameters.RUN_ID, runId);
        parameters.put(SyncParameters.SYNCED_AT, syncedAt.toString());
        StorageDescriptor.Builder sd = StorageDescriptor.builder()
                .columns(columns(table.columns()))
                .inputFormat(table.storage().inputFormat())
                .outputFormat(table.storage().outputFormat())
                .serdeInfo(SerDeInfo.builder().serializationLibrary(table.storage().serializationLibrary())
                        .parameters(table.storage().serdeParameters()).build());
        if (table.storage().location() != null) {
            sd.location(table.storage().location());
        }
        return TableInput.builder()
                .name(table.name())
                .description(WireText.clean(table.description()))
                .tableType("EXTERNAL_TABLE")
                .storageDescriptor(sd.build())
                // Athena needs at least an empty list of partition keys (TableInput.PartitionKeys doc).
                .partitionKeys(columns(table.partitionKeys()))
                .parameters(clean(parameters))
                .build();
    }

    private static List<Column> columns(List<ColumnDefinition> columns) {
        return columns.stream().map(c -> Column.builder().name(c.name()).type(c.type())
                .comment(WireText.clean(c.comment())).parameters(clean(c.parameters())).build()).toList();
    }

    /** Glue accepts only the XML character set in text; a label with U+FFFF must not fail the write. */
    private static Map<String, String> clean(Map<String, String> parameters) {
        Map<String, String> cleaned = new TreeMap<>();
        parameters.forEach((k, v) -> cleaned.put(WireText.clean(k), WireText.clean(v)));
        return cleaned;
    }
}
