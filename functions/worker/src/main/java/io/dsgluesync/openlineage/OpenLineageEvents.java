package io.dsgluesync.openlineage;

import io.dsgluesync.lineage.ColumnLineage;
import io.dsgluesync.lineage.SyncedTable;
import io.dsgluesync.lineage.Upstream;
import io.dsgluesync.mapping.GlueNames;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.dataset.Naming;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A synced table as one OpenLineage {@code RunEvent} (https://openlineage.io/docs/spec/object-model): pure, no I/O.
 *
 * <ul>
 *   <li>Job: the Datasphere object, namespace {@code datasphere://<tenant host>}, name {@code SPACE.OBJECT}.</li>
 *   <li>Output: the Glue table, named as the OpenLineage naming spec names AWS Glue tables
 *       (https://openlineage.io/docs/spec/naming: namespace {@code arn:aws:glue:{region}:{account}}, name
 *       {@code table/{database}/{table}}), with the {@code schema}, {@code columnLineage} and {@code symlinks} (the
 *       Datasphere object it mirrors) facets.</li>
 *   <li>Inputs: an upstream that is synced by its Glue name (with a symlink to its Datasphere object); any other
 *       Datasphere object as {@code datasphere://<tenant host>} / {@code SPACE.OBJECT}; an external source read
 *       through a connection as {@code datasphere://<tenant host>} / {@code connection/SPACE.CONNECTION/ENTITY}, the
 *       only name the definition gives it (the connection's host is not in the definition).</li>
 * </ul>
 *
 * <p>The run id is a name-based UUID of the sync run, the object and the output table, so a retried asset reports the
 * same run again instead of a new one.
 */
public final class OpenLineageEvents {
    /** Identifies this integration as the events' producer (a URI, https://openlineage.io/docs/spec/producers). */
    public static final URI PRODUCER = URI.create("urn:datasphere-glue-sync:worker");
    static final String DATASPHERE_SCHEME = "datasphere://";

    private final OpenLineage ol = new OpenLineage(PRODUCER);

    public OpenLineage.RunEvent event(SyncedTable table) {
        Naming.AWSGlue output = new Naming.AWSGlue(table.region(), table.catalogId(), table.database(), table.table());
        String datasphere = DATASPHERE_SCHEME + table.tenantHost();
        Datasets datasets = new Datasets(table, datasphere);
        return ol.newRunEventBuilder()
                .eventType(OpenLineage.RunEvent.EventType.COMPLETE)
                .eventTime(table.syncedAt().atZone(ZoneOffset.UTC))
                .run(ol.newRunBuilder().runId(runId(table, output)).build())
                .job(ol.newJobBuilder().namespace(datasphere).name(table.space() + "." + table.asset())
                        .facets(jobFacets(table)).build())
                .inputs(inputs(table, datasets))
                .outputs(List.of(ol.newOutputDatasetBuilder()
                        .namespace(output.getNamespace()).name(output.getName())
                        .facets(ol.newDatasetFacetsBuilder()
                                .schema(schema(table))
                                .symlinks(symlink(datasphere, table.space(), table.asset()))
                                .columnLineage(columnLineage(table, datasets))
                                .build())
                        .build()))
                .build();
    }

    static UUID runId(SyncedTable table, Naming.AWSGlue output) {
        String key = String.join("\n", table.runId(), table.tenantHost(), table.space(), table.asset(),
                output.getNamespace(), output.getName());
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    private OpenLineage.JobFacets jobFacets(SyncedTable table) {
        OpenLineage.JobFacetsBuilder facets = ol.newJobFacetsBuilder()
                .jobType(ol.newJobTypeJobFacetBuilder().processingType("BATCH").integration("DATASPHERE")
                        .jobType(table.kind().toUpperCase(Locale.ROOT)).build());
        if ("sql".equals(table.lineage().definitionLanguage())) {
            facets.sql(ol.newSQLJobFacetBuilder().query(table.lineage().definition()).dialect("hana").build());
        }
        return facets.build();
    }

    private List<OpenLineage.InputDataset> inputs(SyncedTable table, Datasets datasets) {
        Map<String, OpenLineage.InputDataset> inputs = new LinkedHashMap<>();
        for (Upstream upstream : table.lineage().upstreams()) {
            Dataset dataset = datasets.of(upstream);
            inputs.computeIfAbsent(dataset.namespace() + " " + dataset.name(), k -> ol.newInputDatasetBuilder()
                    .namespace(dataset.namespace()).name(dataset.name())
                    .facets(dataset.glue() ? ol.newDatasetFacetsBuilder()
                            .symlinks(symlink(datasets.datasphere, upstream.space(), upstream.object())).build()
                            : null)
                    .build());
        }
        return List.copyOf(inputs.values());
    }

    private OpenLineage.SchemaDatasetFacet schema(SyncedTable table) {
        List<OpenLineage.SchemaDatasetFacetFields> fields = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            SyncedTable.Column column = table.columns().get(i);
            fields.add(ol.newSchemaDatasetFacetFieldsBuilder().name(column.name()).type(column.type())
                    .description(column.comment()).ordinal_position((long) i + 1).build());
        }
        return ol.newSchemaDatasetFacetBuilder().fields(fields).build();
    }

    private OpenLineage.SymlinksDatasetFacet symlink(String datasphere, String space, String object) {
        return ol.newSymlinksDatasetFacetBuilder().identifiers(List.of(ol.newSymlinksDatasetFacetIdentifiersBuilder()
                .namespace(datasphere).name(space + "." + object).type("TABLE").build())).build();
    }

    /**
     * One entry per output column the definition maps by reference. Output columns are matched by their Glue name
     * ({@link GlueNames#column}); a mapping for a column the table does not have is left out. A source column is named
     * as its dataset names it: by Glue name in a synced upstream, by Datasphere name otherwise.
     */
    private OpenLineage.ColumnLineageDatasetFacet columnLineage(SyncedTable table, Datasets datasets) {
        Set<String> names = table.columns().stream().map(SyncedTable.Column::name).collect(Collectors.toSet());
        OpenLineage.ColumnLineageDatasetFacetFieldsBuilder fields = ol.newColumnLineageDatasetFacetFieldsBuilder();
        boolean any = false;
        for (ColumnLineage column : table.lineage().columns()) {
            String name = GlueNames.column(column.column());
            if (!names.contains(name) || column.sources().isEmpty()) {
                continue;
            }
            List<OpenLineage.InputField> inputFields = new ArrayList<>();
            for (ColumnLineage.SourceColumn source : column.sources()) {
                Dataset dataset = datasets.of(source.space(), source.object());
                inputFields.add(ol.newInputFieldBuilder().namespace(dataset.namespace()).name(dataset.name())
                        .field(dataset.glue() ? GlueNames.column(source.column()) : source.column())
                        .transformations(List.of(transformation(column))).build());
            }
            fields.put(name, ol.newColumnLineageDatasetFacetFieldsAdditionalBuilder().inputFields(inputFields).build());
            any = true;
        }
        return any ? ol.newColumnLineageDatasetFacetBuilder().fields(fields.build()).build() : null;
    }

    /**
     * The transformation types of https://openlineage.io/docs/spec/facets/dataset-facets/column_lineage_facet: a
     * renamed column is still an identity; a function or expression is a transformation.
     */
    private OpenLineage.InputFieldTransformations transformation(ColumnLineage column) {
        OpenLineage.InputFieldTransformationsBuilder builder = ol.newInputFieldTransformationsBuilder().type("DIRECT");
        return switch (column.transform()) {
            case "identity", "rename" -> builder.subtype("IDENTITY").build();
            case "aggregation" -> builder.subtype("AGGREGATION").description(column.function()).build();
            default -> builder.subtype("TRANSFORMATION")
                    .description(Optional.ofNullable(column.function()).orElse(column.transform())).build();
        };
    }

    private record Dataset(String namespace, String name, boolean glue) {
    }

    /** How a source is named: by its Glue table where it is synced, else by its Datasphere name. */
    private static final class Datasets {
        private final SyncedTable table;
        private final String datasphere;

        Datasets(SyncedTable table, String datasphere) {
            this.table = table;
            this.datasphere = datasphere;
        }

        Dataset of(Upstream upstream) {
            if (upstream.external()) {
                return new Dataset(datasphere,
                        "connection/" + upstream.space() + "." + upstream.connection() + "/" + upstream.remoteEntity(),
                        false);
            }
            return of(upstream.space(), upstream.object());
        }

        Dataset of(String space, String object) {
            for (Map.Entry<Upstream, String> synced : table.upstreamGlueTables().entrySet()) {
                Upstream upstream = synced.getKey();
                if (!upstream.external() && upstream.space().equals(space) && upstream.object().equals(object)) {
                    String glueName = synced.getValue();
                    int dot = glueName.indexOf('.');
                    Naming.AWSGlue glue = new Naming.AWSGlue(table.region(), table.catalogId(),
                            glueName.substring(0, dot), glueName.substring(dot + 1));
                    return new Dataset(glue.getNamespace(), glue.getName(), true);
                }
            }
            return new Dataset(datasphere, space + "." + object, false);
        }
    }
}
