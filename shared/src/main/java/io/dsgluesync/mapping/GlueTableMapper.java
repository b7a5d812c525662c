package io.dsgluesync.mapping;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dsgluesync.csdl.CsdlColumn;
import io.dsgluesync.csdl.CsdlHierarchy;
import io.dsgluesync.csdl.EntityModel;
import io.dsgluesync.csn.CsnParser;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.rules.AssetRules;
import io.dsgluesync.rules.BusinessContext;
import io.dsgluesync.rules.ColumnRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** Asset + its entity model → the Glue database and table. Pure: no clients, no clock, no environment. */
public final class GlueTableMapper {
    private GlueTableMapper() {
    }

    public static DatabaseDefinition database(AssetMessage asset, MappingSettings settings) {
        String label = asset.spaceLabel() == null ? asset.space() : asset.spaceLabel();
        Map<String, String> parameters = new TreeMap<>();
        parameters.put("datasphere.space", asset.space());
        parameters.put("datasphere.space_label", label);
        parameters.put("datasphere.source_system", sourceSystem(asset, settings));
        parameters.put(SyncParameters.MANAGED_BY, SyncParameters.MANAGED_BY_VALUE);
        return new DatabaseDefinition(GlueNames.database(settings.databasePrefix(), asset.space()),
                GlueText.description("SAP Datasphere space " + label + " (" + asset.space() + ")"),
                Map.copyOf(parameters));
    }

    public static TableDefinition map(AssetMessage asset, EntityModel model, MappingSettings settings) {
        return map(asset, model, settings, AssetRules.NONE);
    }

    public static TableDefinition map(AssetMessage asset, EntityModel model, MappingSettings settings,
                                      AssetRules rules) {
        DatabaseDefinition database = database(asset, settings);
        String table = GlueNames.table(asset.asset());
        List<String> warnings = new ArrayList<>();
        List<ColumnDefinition> all = columns(asset, model, rules.columns(), warnings);
        if (asset.replica() != null && asset.replica().bucket() != null) {
            all.addAll(ReplicaLayout.TECHNICAL_COLUMNS);
        }
        List<ColumnDefinition> partitionKeys = PartitionKeys.select(asset, all, rules.columns());
        Set<ColumnDefinition> keys = new HashSet<>(partitionKeys);
        List<ColumnDefinition> columns = all.stream().filter(c -> !keys.contains(c)).toList();
        QueryEngineRules.check(asset, columns, partitionKeys);
        Map<String, String> parameters = tableParameters(asset, model, settings);
        businessContext(parameters, rules.context());
        String location = TableLocation.resolve(settings.locationTemplate(), database.name(), table, asset.space(),
                asset.asset());
        StorageDefinition storage;
        if (asset.replica() != null) {
            location = ReplicaLayout.location(asset, location, warnings);
            storage = asset.replica().bucket() == null ? StorageDefinition.of(settings.storageFormat(), location)
                    : StorageDefinition.ofReplica(asset.replica(), location);
            ReplicaLayout.parameters(asset.replica(), parameters);
        } else {
            storage = StorageDefinition.of(settings.storageFormat(), location);
        }
        parameters.put("classification", storage.classification());
        parameters.put(SyncParameters.COLUMNS, String.join(",", all.stream().map(c -> c.name() + ":" + c.type())
                .toList()));
        if (!partitionKeys.isEmpty()) {
            parameters.put("datasphere.partition_keys",
                    String.join(",", partitionKeys.stream().map(ColumnDefinition::name).toList()));
        }
        String businessName = model.label() != null ? model.label() : asset.label();
        String description = businessName == null ? "" : businessName;
        if (description.length() > GlueLimits.DESCRIPTION) {
            parameters.put("datasphere.description", description);
        }
        TableDefinition unsigned = new TableDefinition(database, table, GlueText.description(description),
                List.copyOf(columns), List.copyOf(partitionKeys), storage, parameters, null, List.copyOf(warnings));
        GlueText.checkParameters(asset, "table " + table, parameters);
        String fingerprint = fingerprint(unsigned);
        parameters.put(SyncParameters.FINGERPRINT, fingerprint);
        return new TableDefinition(database, table, unsigned.description(), unsigned.columns(),
                unsigned.partitionKeys(), unsigned.storage(), Map.copyOf(parameters), fingerprint, unsigned.warnings());
    }

    /**
     * The definition with more table parameters and more column parameters (keyed by the column's Datasphere name,
     * {@code datasphere.original_name}), signed again: what the mapping adds from sources beside the
     * {@code $metadata}, e.g. lineage from the design-time definition. Columns the map does not name are unchanged;
     * names of no column are ignored.
     */
    public static TableDefinition withParameters(AssetMessage asset, TableDefinition table,
                                                 Map<String, String> tableParameters,
                                                 Map<String, Map<String, String>> columnParameters) {
        if (tableParameters.isEmpty() && columnParameters.isEmpty()) {
            return table;
        }
        Map<String, String> parameters = new HashMap<>(table.parameters());
        parameters.remove(SyncParameters.FINGERPRINT);
        parameters.putAll(tableParameters);
        GlueText.checkParameters(asset, "table " + table.name(), parameters);
        TableDefinition unsigned = new TableDefinition(table.database(), table.name(), table.description(),
                withColumnParameters(asset, table.columns(), columnParameters),
                withColumnParameters(asset, table.partitionKeys(), columnParameters), table.storage(), parameters,
                null, table.warnings());
        String fingerprint = fingerprint(unsigned);
        parameters.put(SyncParameters.FINGERPRINT, fingerprint);
        return new TableDefinition(unsigned.database(), unsigned.name(), unsigned.description(), unsigned.columns(),
                unsigned.partitionKeys(), unsigned.storage(), Map.copyOf(parameters), fingerprint, unsigned.warnings());
    }

    private static List<ColumnDefinition> withColumnParameters(AssetMessage asset, List<ColumnDefinition> columns,
                                                               Map<String, Map<String, String>> added) {
        List<ColumnDefinition> result = new ArrayList<>(columns.size());
        for (ColumnDefinition column : columns) {
            Map<String, String> more = column.parameters() == null ? null
                    : added.get(column.parameters().get("datasphere.original_name"));
            if (more == null || more.isEmpty()) {
                result.add(column);
                continue;
            }
            SortedMap<String, String> parameters = new TreeMap<>(column.parameters());
            parameters.putAll(more);
            GlueText.checkParameters(asset, "column " + column.name(), parameters);
            result.add(new ColumnDefinition(column.name(), column.type(), column.comment(),
                    Collections.unmodifiableSortedMap(parameters)));
        }
        return List.copyOf(result);
    }

    private static void businessContext(Map<String, String> p, BusinessContext context) {
        putIfPresent(p, "datasphere.steward", context.steward());
        putIfPresent(p, "datasphere.owner", context.owner());
        putIfPresent(p, "datasphere.certification", context.certification());
        if (!context.tags().isEmpty()) {
            p.put("datasphere.tags", String.join(",", context.tags()));
        }
        context.properties().forEach((k, v) -> p.put("datasphere.property." + k, v));
    }

    private static List<ColumnDefinition> columns(AssetMessage asset, EntityModel model, ColumnRules rules,
                                                  List<String> warnings) {
        if (model.columns().isEmpty() || model.columns().stream().allMatch(c -> rules.excluded().contains(c.name()))) {
            throw new MappingException("columns", "asset " + asset.space() + "/" + asset.asset()
                    + ": entity type " + model.entityType() + " has no properties");
        }
        Map<String, String> taken = new HashMap<>();
        List<ColumnDefinition> columns = new ArrayList<>();
        for (CsdlColumn column : model.columns()) {
            if (rules.excluded().contains(column.name())) {
                continue;
            }
            String name = rules.renames().getOrDefault(column.name(), GlueNames.column(column.name()));
            String clash = taken.putIfAbsent(name, column.name());
            if (clash != null) {
                throw new MappingException("columns." + column.name(), "asset " + asset.space() + "/"
                        + asset.asset() + ": columns '" + clash + "' and '" + column.name()
                        + "' both become Glue column '" + name + "'");
            }
            HiveType mapped = EdmTypes.toHive(column, model.complexTypes());
            String override = rules.types().get(column.name());
            HiveType type = override == null ? mapped : new HiveType(override, null);
            SortedMap<String, String> parameters = columnParameters(column, type);
            if (override != null) {
                parameters.put("datasphere.type_override", mapped.type() + " -> " + override);
            }
            if (type.note() != null) {
                warnings.add(column.name() + ": " + type.note());
            }
            String label = column.label();
            if (label != null && GlueText.needsFullCopy(label)) {
                parameters.put("datasphere.label", label);
            }
            GlueText.checkParameters(asset, "column " + column.name(), parameters);
            // Sorted, so that the fingerprint's JSON (ORDER_MAP_ENTRIES_BY_KEYS) need not sort a copy of each column's.
            columns.add(new ColumnDefinition(name, type.type(), GlueText.comment(label),
                    Collections.unmodifiableSortedMap(parameters)));
        }
        return columns;
    }

    private static SortedMap<String, String> columnParameters(CsdlColumn column, HiveType type) {
        SortedMap<String, String> p = new TreeMap<>();
        p.put("datasphere.original_name", column.name());
        p.put("datasphere.edm_type", edmTypeWithFacets(column));
        p.put("datasphere.nullable", Boolean.toString(column.nullable()));
        if (column.key()) {
            p.put("datasphere.key", "true");
        }
        if (column.measure()) {
            p.put("datasphere.role", "measure");
        } else if (column.dimension()) {
            p.put("datasphere.role", "dimension");
        }
        putIfPresent(p, "datasphere.aggregation", column.aggregation());
        putIfPresent(p, "datasphere.currency_ref", column.currencyRef());
        putIfPresent(p, "datasphere.unit_ref", column.unitRef());
        putIfPresent(p, "datasphere.text_ref", column.textRef());
        putIfPresent(p, "datasphere.calendar", column.calendar());
        putIfPresent(p, "datasphere.type_note", type.note());
        return p;
    }

    private static String edmTypeWithFacets(CsdlColumn c) {
        List<String> facets = new ArrayList<>();
        if (c.maxLength() != null) {
            facets.add("MaxLength=" + c.maxLength());
        }
        if (c.precision() != null) {
            facets.add("Precision=" + c.precision());
        }
        if (c.scale() != null) {
            facets.add("Scale=" + c.scale());
        }
        if (c.srid() != null) {
            facets.add("SRID=" + c.srid());
        }
        return facets.isEmpty() ? c.edmType() : c.edmType() + "(" + String.join(",", facets) + ")";
    }

    private static Map<String, String> tableParameters(AssetMessage asset, EntityModel model, MappingSettings s) {
        Map<String, String> p = new TreeMap<>();
        p.put("datasphere.space", asset.space());
        p.put("datasphere.asset", asset.asset());
        p.put("datasphere.kind", asset.kind().label());
        putIfPresent(p, "datasphere.business_name", model.label() != null ? model.label() : asset.label());
        p.put("datasphere.entity_set", model.entitySet());
        p.put("datasphere.source_system", sourceSystem(asset, s));
        p.put("datasphere.has_parameters", Boolean.toString(asset.hasParameters()));
        putIfPresent(p, "datasphere.dimension_type", model.dimensionType());
        putIfPresent(p, "datasphere.semantic_usage", model.annotations().get(CsnParser.SEMANTIC_USAGE));
        List<String> keys = model.keyColumns();
        if (!keys.isEmpty()) {
            p.put("datasphere.key_columns", String.join(",", keys));
        }
        List<String> dimensions = model.columns().stream().filter(c -> c.dimension() && !c.measure())
                .map(CsdlColumn::name).toList();
        if (!dimensions.isEmpty()) {
            p.put("datasphere.dimensions", String.join(",", dimensions));
        }
        ArrayNode measures = JsonCodec.mapper().createArrayNode();
        for (CsdlColumn c : model.columns()) {
            if (c.measure()) {
                ObjectNode m = measures.addObject().put("name", c.name());
                putIfPresent(m, "aggregation", c.aggregation());
                putIfPresent(m, "currency", c.currencyRef());
                putIfPresent(m, "unit", c.unitRef());
            }
        }
        if (!measures.isEmpty()) {
            p.put("datasphere.measures", measures.toString());
        }
        if (!model.hierarchies().isEmpty()) {
            ArrayNode hierarchies = JsonCodec.mapper().createArrayNode();
            for (CsdlHierarchy h : model.hierarchies()) {
                ObjectNode node = hierarchies.addObject().put("kind", h.kind());
                putIfPresent(node, "name", h.name());
                putIfPresent(node, "label", h.label());
                h.levels().forEach(node.putArray("levels")::add);
            }
            p.put("datasphere.hierarchies", hierarchies.toString());
        }
        putIfPresent(p, "datasphere.relational_metadata_url", asset.relationalMetadataUrl());
        putIfPresent(p, "datasphere.analytical_metadata_url", asset.analyticalMetadataUrl());
        p.put(SyncParameters.MANAGED_BY, SyncParameters.MANAGED_BY_VALUE);
        return p;
    }

    private static String sourceSystem(AssetMessage asset, MappingSettings s) {
        return (s.sourceSystem() == null ? "" : s.sourceSystem() + "/") + asset.space();
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    private static void putIfPresent(ObjectNode node, String key, String value) {
        if (value != null && !value.isBlank()) {
            node.put(key, value);
        }
    }

    /** SHA-256 over the canonical JSON of the mapped definition; run id and time are not part of it. */
    static String fingerprint(TableDefinition table) {
        return Fingerprints.sha256(JsonCodec.write(table));
    }
}
