package io.dsgluesync.csdl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one asset's {@code $metadata} says about its main entity type.
 *
 * @param entitySet    the entity set name: the asset name with its dots turned into underscores
 * @param originalName {@code DataIntegration.OriginalName}, the technical name with its dots, or null
 * @param annotations  every entity-level annotation, unknown terms included
 * @param complexTypes complex types of the schema by qualified name, for {@code struct<...>} columns
 */
public record EntityModel(
        String entitySet,
        String entityType,
        String label,
        String originalName,
        String dimensionType,
        List<CsdlColumn> columns,
        List<CsdlHierarchy> hierarchies,
        Map<String, String> annotations,
        Map<String, List<CsdlColumn>> complexTypes) {

    public List<String> keyColumns() {
        return columns.stream().filter(CsdlColumn::key).map(CsdlColumn::name).toList();
    }

    /**
     * Merges the analytical view of the same asset into the relational one: columns and keys stay relational, the
     * dimension/measure semantics and hierarchies of the analytical document are added.
     */
    public EntityModel withAnalytics(EntityModel analytical) {
        Map<String, CsdlColumn> byName = new LinkedHashMap<>();
        analytical.columns.forEach(c -> byName.put(c.name(), c));
        List<CsdlColumn> merged = new ArrayList<>();
        for (CsdlColumn column : columns) {
            CsdlColumn other = byName.get(column.name());
            merged.add(other == null ? column : column.completedBy(other));
        }
        List<CsdlHierarchy> allHierarchies = new ArrayList<>(hierarchies);
        analytical.hierarchies.stream()
                .filter(h -> hierarchies.stream().noneMatch(own -> own.name().equals(h.name())))
                .forEach(allHierarchies::add);
        Map<String, String> allAnnotations = new LinkedHashMap<>(analytical.annotations);
        allAnnotations.putAll(annotations);
        return new EntityModel(entitySet, entityType, label != null ? label : analytical.label,
                originalName != null ? originalName : analytical.originalName,
                dimensionType != null ? dimensionType : analytical.dimensionType,
                List.copyOf(merged), List.copyOf(allHierarchies), Map.copyOf(allAnnotations), complexTypes);
    }
}
