package io.dsgluesync.local.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Renders a {@link CsdlEntity} as OData V4 EDMX in the shape of captured tenant documents (relational:
 * https://github.com/datahub-project/datahub,
 * {@code metadata-ingestion/tests/integration/sap_datasphere/fixtures/recorded/edmx/SAP.TIME.VIEW_DIMENSION_DAY.xml};
 * analytical: https://github.com/MarioDeFelipe/sap-datasphere-mcp,
 * {@code tests/fixtures/odata_v4_analytical_ORDER_LINES.xml}): vocabulary references, one entity container with one
 * entity set, and every annotation in an external {@code <Annotations>} block.
 */
final class CsdlWriter {

    enum Flavor {
        RELATIONAL("StandaloneService"), ANALYTICAL("InaApplicationService");

        private final String namespace;

        Flavor(String namespace) {
            this.namespace = namespace;
        }
    }

    private static final Map<String, String[]> VOCABULARIES = new LinkedHashMap<>();

    static {
        String oasis = "https://oasis-tcs.github.io/odata-vocabularies/vocabularies/";
        String sap = "https://sap.github.io/odata-vocabularies/vocabularies/";
        VOCABULARIES.put("Aggregation", new String[] {oasis + "Org.OData.Aggregation.V1.xml", "Org.OData.Aggregation.V1"});
        VOCABULARIES.put("Analytics", new String[] {sap + "Analytics.xml", "com.sap.vocabularies.Analytics.v1"});
        VOCABULARIES.put("Capabilities", new String[] {oasis + "Org.OData.Capabilities.V1.xml", "Org.OData.Capabilities.V1"});
        VOCABULARIES.put("Common", new String[] {sap + "Common.xml", "com.sap.vocabularies.Common.v1"});
        VOCABULARIES.put("Core", new String[] {oasis + "Org.OData.Core.V1.xml", "Org.OData.Core.V1"});
        VOCABULARIES.put("DataIntegration", new String[] {sap + "DataIntegration.xml", "com.sap.vocabularies.DataIntegration.v1"});
        VOCABULARIES.put("Hierarchy", new String[] {sap + "Hierarchy.xml", "com.sap.vocabularies.Hierarchy.v1"});
        VOCABULARIES.put("Measures", new String[] {oasis + "Org.OData.Measures.V1.xml", "Org.OData.Measures.V1"});
    }

    private final CsdlEntity entity;
    private final Flavor flavor;
    private final String ns;
    private final String type;
    private final TreeSet<String> aliases = new TreeSet<>(List.of("Capabilities", "Common", "Core"));

    private CsdlWriter(CsdlEntity entity, Flavor flavor) {
        this.entity = entity;
        this.flavor = flavor;
        this.ns = flavor.namespace;
        this.type = entity.typeName();
    }

    static String write(CsdlEntity entity, Flavor flavor) {
        return new CsdlWriter(entity, flavor).render();
    }

    private String render() {
        StringBuilder schema = new StringBuilder();
        schema.append("    <Schema Namespace=\"").append(ns).append("\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n");
        schema.append("      <EntityContainer Name=\"EntityContainer\">\n");
        schema.append("        <EntitySet Name=\"").append(type).append("\" EntityType=\"").append(ns).append('.')
                .append(type).append("\"/>\n");
        schema.append("      </EntityContainer>\n");
        entityType(schema);
        entityAnnotations(schema);
        containerAnnotations(schema);
        for (CsdlColumn column : entity.columns()) {
            columnAnnotations(schema, column);
        }
        schema.append("    </Schema>\n");

        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        xml.append("<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n");
        for (String alias : aliases) {
            String[] vocabulary = VOCABULARIES.get(alias);
            xml.append("  <edmx:Reference Uri=\"").append(vocabulary[0]).append("\"><edmx:Include Alias=\"")
                    .append(alias).append("\" Namespace=\"").append(vocabulary[1]).append("\"/></edmx:Reference>\n");
        }
        xml.append("  <edmx:DataServices>\n").append(schema).append("  </edmx:DataServices>\n</edmx:Edmx>\n");
        return xml.toString();
    }

    /** Relational types have a {@code <Key>}; analytical types in the captured shape have none (documents above). */
    private void entityType(StringBuilder out) {
        out.append("      <EntityType Name=\"").append(type).append("\">\n");
        List<CsdlColumn> keys = entity.columns().stream().filter(c -> c.role() == CsdlColumn.Role.KEY).toList();
        boolean relational = flavor == Flavor.RELATIONAL;
        if (relational && !keys.isEmpty()) {
            out.append("        <Key>");
            keys.forEach(k -> out.append("<PropertyRef Name=\"").append(k.name()).append("\"/>"));
            out.append("</Key>\n");
        }
        for (CsdlColumn c : entity.columns()) {
            out.append("        <Property Name=\"").append(c.name()).append("\" Type=\"").append(c.edmType()).append('"');
            if (c.maxLength() != null) {
                out.append(" MaxLength=\"").append(c.maxLength()).append('"');
            }
            if (c.precision() != null) {
                out.append(" Precision=\"").append(c.precision()).append('"');
            }
            if (c.scale() != null) {
                out.append(" Scale=\"").append(c.scale()).append('"');
            }
            if (!c.nullable() && (relational || c.role() != CsdlColumn.Role.KEY)) {
                out.append(" Nullable=\"false\"");
            }
            out.append("/>\n");
        }
        out.append("      </EntityType>\n");
    }

    private void entityAnnotations(StringBuilder out) {
        List<String> lines = new ArrayList<>();
        if (!entity.hierarchies().isEmpty()) {
            lines.add(hierarchies());
        }
        if (entity.label() != null) {
            lines.add(term("Common.Label", "String", entity.label()));
        }
        if (entity.assetName().contains(".")) {
            lines.add(term("DataIntegration.OriginalName", "String", entity.assetName()));
        }
        block(out, ns + "." + type, lines);
    }

    private String hierarchies() {
        aliases.add("Hierarchy");
        StringBuilder h = new StringBuilder("<Annotation Term=\"Hierarchy.leveled\">\n          <Collection>\n");
        for (CsdlEntity.Hierarchy hierarchy : entity.hierarchies()) {
            h.append("            <Record>\n");
            h.append("              <PropertyValue Property=\"name\" String=\"").append(escape(hierarchy.name())).append("\"/>\n");
            h.append("              <PropertyValue Property=\"label\" String=\"").append(escape(hierarchy.label())).append("\"/>\n");
            h.append("              <PropertyValue Property=\"levels\">\n                <Collection>\n");
            for (String level : hierarchy.levels()) {
                h.append("                  <Record><PropertyValue Property=\"element\" Path=\"").append(level)
                        .append("\"/></Record>\n");
            }
            h.append("                </Collection>\n              </PropertyValue>\n            </Record>\n");
        }
        return h.append("          </Collection>\n        </Annotation>").toString();
    }

    /** Insert/Update/Delete restricted everywhere; analytical sets are also not countable (documents above). */
    private void containerAnnotations(StringBuilder out) {
        List<String> lines = new ArrayList<>();
        if (flavor == Flavor.ANALYTICAL) {
            lines.add(restriction("Count", "Countable"));
        }
        lines.add(restriction("Delete", "Deletable"));
        lines.add(restriction("Insert", "Insertable"));
        lines.add(restriction("Update", "Updatable"));
        block(out, ns + ".EntityContainer/" + type, lines);
    }

    private void columnAnnotations(StringBuilder out, CsdlColumn c) {
        List<String> lines = new ArrayList<>();
        boolean measure = flavor == Flavor.ANALYTICAL && c.role() == CsdlColumn.Role.MEASURE;
        if (flavor == Flavor.ANALYTICAL && !measure) {
            // Every non-measure column is a dimension in analytical EDMX, numeric ones too (the analytical
            // document above).
            lines.add(term("Analytics.Dimension", "Bool", "true"));
        } else if (flavor == Flavor.RELATIONAL && entity.dimensionView()
                && (c.role() == CsdlColumn.Role.KEY || c.role() == CsdlColumn.Role.DIMENSION)) {
            lines.add(term("Analytics.dimension", "Bool", "true"));
        }
        if (c.label() != null) {
            lines.add(term("Common.Label", "String", c.label()));
        }
        if (flavor == Flavor.RELATIONAL && c.role() == CsdlColumn.Role.KEY) {
            lines.add(term("Common.FieldControl", "EnumMember", "Common.FieldControlType/Mandatory"));
        }
        if (measure) {
            lines.add(term("Analytics.measure", "Bool", "true"));
            if (c.aggregation() != null) {
                lines.add(term("Aggregation.default", "EnumMember", "Aggregation.AggregationMethod/" + c.aggregation()));
            }
        }
        if (c.semantic().term() != null) {
            lines.add(c.semantic().usesPath() ? term(c.semantic().term(), "Path", c.reference())
                    : term(c.semantic().term(), "Bool", "true"));
        }
        block(out, ns + "." + type + "/" + c.name(), lines);
    }

    private String restriction(String kind, String property) {
        return "<Annotation Term=\"Capabilities." + kind + "Restrictions\"><Record Type=\"Capabilities." + kind
                + "RestrictionsType\"><PropertyValue Property=\"" + property + "\" Bool=\"false\"/></Record></Annotation>";
    }

    private String term(String term, String valueAttribute, String value) {
        aliases.add(term.substring(0, term.indexOf('.')));
        if (valueAttribute.equals("EnumMember")) {
            aliases.add(value.substring(0, value.indexOf('.')));
        }
        return "<Annotation Term=\"" + term + "\" " + valueAttribute + "=\"" + escape(value) + "\"/>";
    }

    private static void block(StringBuilder out, String target, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.append("      <Annotations Target=\"").append(target).append("\">\n");
        lines.forEach(line -> out.append("        ").append(line).append('\n'));
        out.append("      </Annotations>\n");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
