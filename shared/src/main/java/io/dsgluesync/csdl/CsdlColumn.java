package io.dsgluesync.csdl;

import java.util.Map;

/**
 * One property of an entity type with its Edm type, facets and the business semantics its annotations carry.
 *
 * @param scale      the {@code Scale} facet as written: a number or {@code "variable"}
 * @param aggregation default aggregation of a measure ({@code sum}, {@code max}, ...), or null
 * @param calendar   the calendar semantics term ({@code IsCalendarDate}, ...), or null
 * @param annotations every annotation on the property, term → value, unknown terms included
 */
public record CsdlColumn(
        String name,
        String edmType,
        Integer maxLength,
        Integer precision,
        String scale,
        Integer srid,
        boolean nullable,
        boolean key,
        String label,
        boolean dimension,
        boolean measure,
        String aggregation,
        String currencyRef,
        String unitRef,
        String textRef,
        String calendar,
        Map<String, String> annotations) {

    /**
     * This column with what it lacks taken from another description of the same column (the analytical
     * {@code $metadata}, or the CSN): semantics are added, types and facets stay this column's.
     */
    public CsdlColumn completedBy(CsdlColumn analytical) {
        return new CsdlColumn(name, edmType, maxLength, precision, scale, srid, nullable, key,
                label != null ? label : analytical.label,
                dimension || analytical.dimension, measure || analytical.measure,
                aggregation != null ? aggregation : analytical.aggregation,
                currencyRef != null ? currencyRef : analytical.currencyRef,
                unitRef != null ? unitRef : analytical.unitRef,
                textRef != null ? textRef : analytical.textRef,
                calendar != null ? calendar : analytical.calendar,
                merged(annotations, analytical.annotations));
    }

    private static Map<String, String> merged(Map<String, String> first, Map<String, String> second) {
        java.util.TreeMap<String, String> all = new java.util.TreeMap<>(second);
        all.putAll(first);
        return Map.copyOf(all);
    }
}
