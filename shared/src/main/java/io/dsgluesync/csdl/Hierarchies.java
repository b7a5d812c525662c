package io.dsgluesync.csdl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Reads {@code Hierarchy.leveled} (records with name, label and levels, as Datasphere emits it for dimension views;
 * see the fixture {@code SAP.TIME.VIEW_DIMENSION_DAY.relational.xml}) and the parent-child form
 * {@code Hierarchy.RecursiveHierarchy} of SAP's vocabulary
 * (https://sap.github.io/odata-vocabularies/vocabularies/Hierarchy.html).
 */
final class Hierarchies {
    private Hierarchies() {
    }

    /** {@code annotations}: each hierarchy annotation with its term, resolved and normalised. */
    static List<CsdlHierarchy> read(List<Map.Entry<String, Element>> annotations) {
        List<CsdlHierarchy> hierarchies = new ArrayList<>();
        for (Map.Entry<String, Element> entry : annotations) {
            String term = entry.getKey();
            Element annotation = entry.getValue();
            Element body = Xml.firstChild(annotation);
            if (body == null) {
                continue;
            }
            List<Element> records = "Collection".equals(body.getLocalName())
                    ? Xml.children(body, "Record") : List.of(body);
            for (Element record : records) {
                if (term.equals(Terms.LEVELED)) {
                    hierarchies.add(leveled(record));
                } else {
                    hierarchies.add(parentChild(annotation.getAttribute("Qualifier"), record));
                }
            }
        }
        return List.copyOf(hierarchies);
    }

    private static CsdlHierarchy leveled(Element record) {
        String name = null;
        String label = null;
        List<String> levels = new ArrayList<>();
        for (Element property : Xml.children(record, "PropertyValue")) {
            switch (property.getAttribute("Property").toLowerCase(java.util.Locale.ROOT)) {
                case "name" -> name = property.getAttribute("String");
                case "label" -> label = property.getAttribute("String");
                case "levels" -> {
                    Element collection = Xml.firstChild(property);
                    if (collection != null) {
                        for (Element level : Xml.children(collection, "Record")) {
                            for (Element element : Xml.children(level, "PropertyValue")) {
                                String path = element.getAttribute("Path");
                                levels.add(path.isEmpty() ? element.getAttribute("PropertyPath") : path);
                            }
                        }
                    }
                }
                default -> { }
            }
        }
        return new CsdlHierarchy(name, label, "leveled", List.copyOf(levels));
    }

    private static CsdlHierarchy parentChild(String qualifier, Element record) {
        List<String> columns = new ArrayList<>();
        String label = null;
        for (Element property : Xml.children(record, "PropertyValue")) {
            String value = Xml.propertyValue(property).asText();
            if ("label".equalsIgnoreCase(property.getAttribute("Property"))) {
                label = value;
            } else if (!value.isBlank()) {
                columns.add(property.getAttribute("Property") + "=" + value);
            }
        }
        return new CsdlHierarchy(qualifier.isEmpty() ? null : qualifier, label, "parent-child", List.copyOf(columns));
    }
}
