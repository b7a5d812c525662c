package io.dsgluesync.csdl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.w3c.dom.Element;

/** Reads the properties of an entity or complex type, with facets and the semantics of their annotations. */
final class Columns {
    /** As deep as the Glue mapping's Hive type check accepts; a deeper type could never become a column. */
    static final int MAX_COLLECTION_LEVELS = 64;

    private Columns() {
    }

    /** {@code qualifyType} resolves a schema alias in a property's type to the schema's namespace. */
    static List<CsdlColumn> read(String assetName, String typeName, Element type,
                                 Map<String, Map<String, String>> annotations, UnaryOperator<String> qualifyType) {
        Set<String> keys = new HashSet<>();
        for (Element key : Xml.children(type, "Key")) {
            Xml.children(key, "PropertyRef").forEach(ref -> keys.add(ref.getAttribute("Name")));
        }
        List<CsdlColumn> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Element property : Xml.children(type, "Property")) {
            String name = property.getAttribute("Name");
            if (name.isBlank()) {
                throw new CsdlException("Property.Name", "asset " + assetName + ": a property of " + typeName
                        + " has no Name", null);
            }
            if (!seen.add(name)) {
                throw new CsdlException("Property.Name", "asset " + assetName + ": property " + name
                        + " appears twice in " + typeName, null);
            }
            String edmType = property.getAttribute("Type");
            if (edmType.isBlank()) {
                throw new CsdlException("Property.Type", "asset " + assetName + ": property " + name
                        + " has no Type", null);
            }
            if (CollectionType.of(edmType).levels() > MAX_COLLECTION_LEVELS) {
                throw new CsdlException("Property.Type", "asset " + assetName + ": property " + name
                        + " has a Type nested more than " + MAX_COLLECTION_LEVELS + " Collection(...) levels deep;"
                        + " refused", null);
            }
            SortedMap<String, String> terms = new TreeMap<>(annotations.getOrDefault(typeName + "/" + name, Map.of()));
            columns.add(new CsdlColumn(name, qualifyType.apply(edmType),
                    facet(assetName, name, property, "MaxLength"),
                    facet(assetName, name, property, "Precision"),
                    property.hasAttribute("Scale") ? property.getAttribute("Scale") : null,
                    facet(assetName, name, property, "SRID"),
                    !"false".equalsIgnoreCase(property.getAttribute("Nullable")) && !keys.contains(name),
                    keys.contains(name),
                    terms.get(Terms.LABEL),
                    isTrue(terms.get(Terms.DIMENSION)),
                    isTrue(terms.get(Terms.MEASURE)),
                    aggregation(terms.get(Terms.AGGREGATION)),
                    terms.get(Terms.ISO_CURRENCY),
                    terms.get(Terms.UNIT),
                    terms.get(Terms.TEXT),
                    calendar(terms),
                    Collections.unmodifiableSortedMap(terms)));
        }
        return List.copyOf(columns);
    }

    private static Integer facet(String assetName, String property, Element element, String facet) {
        String value = element.getAttribute(facet);
        if (value.isBlank() || "max".equalsIgnoreCase(value) || "variable".equalsIgnoreCase(value)) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new CsdlException("Property." + facet, "asset " + assetName + ": property " + property
                    + " has an invalid " + facet + " '" + value + "'", e);
        }
    }

    private static boolean isTrue(String value) {
        return value != null && !"false".equalsIgnoreCase(value.trim());
    }

    /** {@code Aggregation.AggregationMethod/sum} → {@code sum}. */
    private static String aggregation(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String last = value.substring(value.lastIndexOf('/') + 1);
        return last.replace("#", "").toLowerCase(Locale.ROOT);
    }

    /** {@code Common.IsCalendarYearMonth} → {@code calendaryearmonth}. */
    private static String calendar(Map<String, String> terms) {
        for (Map.Entry<String, String> e : terms.entrySet()) {
            if ((e.getKey().startsWith(Terms.CALENDAR_PREFIX) || e.getKey().equals(Terms.DAY_OF_YEAR))
                    && isTrue(e.getValue())) {
                return e.getKey().substring("common.is".length());
            }
        }
        return null;
    }
}
