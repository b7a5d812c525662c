package io.dsgluesync.sync;

import io.dsgluesync.csdl.CsdlException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The worker's lineage step: reads an asset's lineage from the design-time definition the fetcher read (a view's or
 * model's CSN, a replica's flow), names each upstream by its Glue table where this sync keeps one, and adds the
 * lineage parameters ({@link LineageParameters}) to the asset's table definition.
 */
public final class LineageSupport {
    public static final LineageSupport OFF = new LineageSupport(false, "", space -> false, (space, object) -> false);

    private final boolean enabled;
    private final String databasePrefix;
    private final Predicate<String> spaceExists;
    private final BiPredicate<String, String> synced;

    /**
     * @param spaceExists whether a name is a space of the tenant (a dotted reference {@code A.B} names space A's B)
     * @param synced      whether this sync keeps a Glue table for (space, object)
     */
    public LineageSupport(boolean enabled, String databasePrefix, Predicate<String> spaceExists,
                   BiPredicate<String, String> synced) {
        this.enabled = enabled;
        this.databasePrefix = databasePrefix;
        this.spaceExists = spaceExists;
        this.synced = synced;
    }

    boolean enabled() {
        return enabled;
    }

    /** The asset's lineage, or null when lineage is off or there is no definition; an unreadable one is a note. */
    Lineage read(AssetMessage message, MetadataFetcher.Definition definition, List<String> notes) {
        if (!enabled || definition == null) {
            return null;
        }
        try {
            if (message.kind() == AssetKind.REPLICATED_OBJECT) {
                List<FlowEdge> edges = FlowLineage.read(message.space(), definition.name(), definition.type(),
                        definition.json()).stream().filter(e -> e.task().equals(message.replica().task())).toList();
                return edges.isEmpty() ? Lineage.NONE : new Lineage(edges.stream().map(FlowEdge::source).toList(),
                        edges.get(0).columns(), null, null);
            }
            return CsnLineage.read(message.space(), message.asset(), definition.json(), spaceExists);
        } catch (CsdlException e) {
            notes.add("lineage unreadable: " + e.getMessage());
            return null;
        }
    }

    /** The definition with the lineage's parameters, signed again. */
    TableDefinition apply(AssetMessage message, TableDefinition table, Lineage lineage) {
        if (lineage == null) {
            return table;
        }
        LineageParameters.Rendered rendered = LineageParameters.render(lineage, this::glueTable);
        return GlueTableMapper.withParameters(message, table, rendered.table(), rendered.columns());
    }

    /** Each synced Datasphere upstream's Glue table ({@code database.table}). */
    Map<Upstream, String> glueTables(Lineage lineage) {
        Map<Upstream, String> tables = new LinkedHashMap<>();
        if (lineage != null) {
            lineage.upstreams().forEach(u -> {
                String glue = glueTable(u);
                if (glue != null) {
                    tables.put(u, glue);
                }
            });
        }
        return tables;
    }

    String glueTable(Upstream upstream) {
        if (upstream.external() || upstream.space() == null || !synced.test(upstream.space(), upstream.object())) {
            return null;
        }
        return GlueNames.database(databasePrefix, upstream.space()) + "." + GlueNames.table(upstream.object());
    }
}
