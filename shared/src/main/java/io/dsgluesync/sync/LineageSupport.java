package io.dsgluesync.sync;

import io.dsgluesync.csdl.CsdlException;
import io.dsgluesync.lineage.ColumnLineage;
import io.dsgluesync.lineage.CsnLineage;
import io.dsgluesync.lineage.FlowEdge;
import io.dsgluesync.lineage.FlowLineage;
import io.dsgluesync.lineage.Lineage;
import io.dsgluesync.lineage.LineageParameters;
import io.dsgluesync.lineage.Upstream;
import io.dsgluesync.mapping.GlueNames;
import io.dsgluesync.mapping.GlueTableMapper;
import io.dsgluesync.mapping.TableDefinition;
import io.dsgluesync.model.AssetKind;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.glue.TargetCatalog;
import io.dsgluesync.lineage.LineageSink;
import io.dsgluesync.lineage.SyncedObjects;
import io.dsgluesync.lineage.SyncedTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The worker's lineage step: reads an asset's lineage from the design-time definition the fetcher read (a view's or
 * model's CSN, a replica's flow), names each upstream by its Glue table where this sync keeps one, and adds the
 * lineage parameters ({@link LineageParameters}) to the asset's table definition.
 */
public final class LineageSupport {
    public static final LineageSupport OFF = new LineageSupport(false, "", space -> false, (space, object) -> false,
            LineageSink.NONE, null);

    private final boolean enabled;
    private final String databasePrefix;
    private final Predicate<String> spaceExists;
    private final BiPredicate<String, String> synced;
    private final BiFunction<String, String, List<FlowEdge>> flowsInto;
    private final LineageSink sink;
    private final String defaultRegion;

    /**
     * @param enabled       whether lineage is read from the design-time definitions
     * @param spaceExists   whether a name is a space of the tenant (a dotted reference {@code A.B} names space A's B)
     * @param synced        whether this sync keeps a Glue table for (space, object)
     * @param sink          where each created or updated table is reported (OpenLineage), also with lineage off
     * @param defaultRegion the region of a target that names none (the function's)
     */
    public LineageSupport(boolean enabled, String databasePrefix, Predicate<String> spaceExists,
                          BiPredicate<String, String> synced, LineageSink sink, String defaultRegion) {
        this(enabled, databasePrefix, spaceExists, synced, (space, object) -> List.of(), sink, defaultRegion);
    }

    /** With the index discovery writes: which spaces exist and are synced, and the flows into each object. */
    public LineageSupport(boolean enabled, String databasePrefix, SyncedObjects index, LineageSink sink,
                          String defaultRegion) {
        this(enabled, databasePrefix, index::spaceExists, index::synced, index::flowsInto, sink, defaultRegion);
    }

    /** @param flowsInto the flow edges into (space, object), as discovery indexed them */
    LineageSupport(boolean enabled, String databasePrefix, Predicate<String> spaceExists,
                   BiPredicate<String, String> synced, BiFunction<String, String, List<FlowEdge>> flowsInto,
                   LineageSink sink, String defaultRegion) {
        this.enabled = enabled;
        this.databasePrefix = databasePrefix;
        this.spaceExists = spaceExists;
        this.synced = synced;
        this.flowsInto = flowsInto;
        this.sink = sink;
        this.defaultRegion = defaultRegion;
    }

    /**
     * Reports a table written to {@code target} to the sink; a problem comes back as a note, never as an exception.
     */
    Optional<String> report(AssetMessage message, TargetCatalog target, TableDefinition table, Lineage lineage,
                            String tenantHost, Instant syncedAt) {
        if (sink == LineageSink.NONE || message.plan()) {
            return Optional.empty();
        }
        List<SyncedTable.Column> columns = table.allColumns().stream()
                .map(c -> new SyncedTable.Column(c.name(), c.type(), c.comment())).toList();
        String catalogId = target.target().catalogId() != null ? target.target().catalogId()
                : target.identity().get().account();
        String region = target.target().region() != null ? target.target().region() : defaultRegion;
        try {
            return sink.synced(new SyncedTable(message.runId(), syncedAt, tenantHost, message.space(), message.asset(),
                    message.kind().label(), catalogId, region, table.database().name(), table.name(), columns,
                    lineage == null ? Lineage.NONE : lineage, glueTables(lineage, new ArrayList<>())));
        } catch (RuntimeException e) {
            // LineageSink promises not to throw; should one still do so, the table write stands.
            return Optional.of("lineage event not sent: " + e);
        }
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * The asset's lineage, or null when lineage is off or nothing is known; an unreadable definition is a note. A
     * Datasphere object's lineage is its definition's, followed by the flows that load it (data flows, replication
     * flows into the space) as discovery indexed them: a local table's CSN names no source.
     */
    Lineage read(AssetMessage message, MetadataFetcher.Definition definition, List<String> notes) {
        if (!enabled) {
            return null;
        }
        if (message.kind() == AssetKind.REPLICATED_OBJECT) {
            return definition == null ? null : replica(message, definition, notes);
        }
        Lineage own = definition == null ? null : readSafely(notes, () -> CsnLineage.read(message.space(),
                message.asset(), definition.json(), space -> exists(space, notes)));
        List<FlowEdge> edges = flowsInto(message, notes);
        if (edges.isEmpty()) {
            return own;
        }
        return merged(own == null ? Lineage.NONE : own, FlowLineage.into(edges, message.space(), message.asset()));
    }

    private static Lineage replica(AssetMessage message, MetadataFetcher.Definition definition, List<String> notes) {
        return readSafely(notes, () -> {
            List<FlowEdge> edges = FlowLineage.read(message.space(), definition.name(), definition.type(),
                    definition.json()).stream().filter(e -> e.task().equals(message.replica().task())).toList();
            return edges.isEmpty() ? Lineage.NONE : new Lineage(edges.stream().map(FlowEdge::source).toList(),
                    edges.get(0).columns(), null, null);
        });
    }

    /** Reads a lineage; an unreadable definition, or one shaped as the readers did not foresee, is a note and null. */
    private static Lineage readSafely(List<String> notes, Supplier<Lineage> reader) {
        try {
            return reader.get();
        } catch (CsdlException e) {
            notes.add("lineage unreadable: " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            // A definition shaped in a way the readers did not foresee costs its lineage, never the table.
            notes.add("lineage unreadable: " + e);
        }
        return null;
    }

    /** The flow edges into the asset; an unreadable index is a note and no edges. */
    private List<FlowEdge> flowsInto(AssetMessage message, List<String> notes) {
        try {
            return flowsInto.apply(message.space(), message.asset());
        } catch (RuntimeException e) {
            noteIndex(notes, e);
            return List.of();
        }
    }

    /** The definition's upstreams and columns, then the flows' that it does not already name. */
    private static Lineage merged(Lineage own, Lineage flows) {
        List<Upstream> upstreams = new ArrayList<>(own.upstreams());
        flows.upstreams().stream().filter(u -> !upstreams.contains(u)).forEach(upstreams::add);
        Map<String, ColumnLineage> columns = new LinkedHashMap<>();
        own.columns().forEach(c -> columns.put(c.column(), c));
        flows.columns().forEach(c -> columns.putIfAbsent(c.column(), c));
        return new Lineage(upstreams, List.copyOf(columns.values()), own.definition(), own.definitionLanguage());
    }

    /** Whether {@code space} is a space; an unreadable index answers no, once noted. */
    private boolean exists(String space, List<String> notes) {
        try {
            return spaceExists.test(space);
        } catch (RuntimeException e) {
            noteIndex(notes, e);
            return false;
        }
    }

    private static void noteIndex(List<String> notes, RuntimeException e) {
        String note = "synced-object index unreadable, upstreams named by space and object only: " + e.getMessage();
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    /** The definition with the lineage's parameters, signed again. */
    TableDefinition apply(AssetMessage message, TableDefinition table, Lineage lineage, List<String> notes) {
        if (lineage == null) {
            return table;
        }
        LineageParameters.Rendered rendered = LineageParameters.render(lineage, u -> glueTable(u, notes));
        return GlueTableMapper.withParameters(message, table, rendered.table(), rendered.columns());
    }

    /**
     * Each synced Datasphere upstream's Glue table ({@code database.table}); an unreadable index is noted once in
     * {@code notes} and leaves the upstreams without one.
     */
    Map<Upstream, String> glueTables(Lineage lineage, List<String> notes) {
        Map<Upstream, String> tables = new LinkedHashMap<>();
        if (lineage != null) {
            for (Upstream u : lineage.upstreams()) {
                String glue = glueTable(u, notes);
                if (glue != null) {
                    tables.put(u, glue);
                }
            }
        }
        return tables;
    }

    /** {@link #glueTable(Upstream)}; an unreadable index is noted once in {@code notes} and answers null. */
    private String glueTable(Upstream upstream, List<String> notes) {
        try {
            return glueTable(upstream);
        } catch (RuntimeException e) {
            noteIndex(notes, e);
            return null;
        }
    }

    String glueTable(Upstream upstream) {
        if (upstream.external() || upstream.space() == null || !synced.test(upstream.space(), upstream.object())) {
            return null;
        }
        return GlueNames.database(databasePrefix, upstream.space()) + "." + GlueNames.table(upstream.object());
    }
}
