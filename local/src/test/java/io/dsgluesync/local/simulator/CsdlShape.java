package io.dsgluesync.local.simulator;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parses a CSDL document and checks the shape every simulated document follows (see {@link CsdlWriter}). */
final class CsdlShape {

    static final String EDMX = "http://docs.oasis-open.org/odata/ns/edmx";
    static final String EDM = "http://docs.oasis-open.org/odata/ns/edm";

    final Element schema;
    final Element entityType;
    final Set<String> aliases = new HashSet<>();
    /** Annotation terms by target, each term with its value attribute text. */
    final Map<String, Map<String, String>> annotations = new LinkedHashMap<>();

    private CsdlShape(Document document) {
        for (Element include : elements(document.getDocumentElement(), EDMX, "Include")) {
            aliases.add(include.getAttribute("Alias"));
        }
        List<Element> schemas = elements(document.getDocumentElement(), EDM, "Schema");
        assertEquals(1, schemas.size());
        schema = schemas.get(0);
        List<Element> types = elements(schema, EDM, "EntityType");
        assertEquals(1, types.size());
        entityType = types.get(0);
        for (Element block : elements(schema, EDM, "Annotations")) {
            Map<String, String> terms = annotations.computeIfAbsent(block.getAttribute("Target"), t -> new LinkedHashMap<>());
            for (Node child = block.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element annotation) {
                    String value = annotation.getAttribute("Bool") + annotation.getAttribute("String")
                            + annotation.getAttribute("Path") + annotation.getAttribute("EnumMember");
                    terms.put(annotation.getAttribute("Term"), value);
                }
            }
        }
    }

    static CsdlShape parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return new CsdlShape(document);
    }

    /** Checks the structure shared by every relational or analytical document of {@code asset}. */
    static CsdlShape check(SimAsset asset, String xml, boolean analytical) throws Exception {
        CsdlShape shape = parse(xml);
        String ns = analytical ? "InaApplicationService" : "StandaloneService";
        String set = asset.name().replace('.', '_');
        assertEquals(ns, shape.schema.getAttribute("Namespace"));
        List<Element> containers = elements(shape.schema, EDM, "EntityContainer");
        assertEquals(1, containers.size());
        assertEquals("EntityContainer", containers.get(0).getAttribute("Name"));
        List<Element> sets = elements(containers.get(0), EDM, "EntitySet");
        assertEquals(1, sets.size());
        assertEquals(set, sets.get(0).getAttribute("Name"));
        assertEquals(ns + "." + set, sets.get(0).getAttribute("EntityType"));
        assertEquals(set, shape.entityType.getAttribute("Name"));

        assertTrue(elements(shape.entityType, EDM, "Annotation").isEmpty(), "annotations must be external");
        List<Element> keys = elements(shape.entityType, EDM, "PropertyRef");
        if (analytical) {
            assertTrue(keys.isEmpty(), "analytical types have no key");
        }
        Set<String> keyNames = new HashSet<>();
        keys.forEach(k -> keyNames.add(k.getAttribute("Name")));
        for (Element property : shape.properties()) {
            if (keyNames.contains(property.getAttribute("Name"))) {
                assertEquals("false", property.getAttribute("Nullable"), "key " + property.getAttribute("Name"));
            }
        }
        for (String target : shape.annotations.keySet()) {
            assertTrue(target.startsWith(ns + "."), target);
            String path = target.substring(ns.length() + 1);
            assertTrue(path.equals(set) || path.equals("EntityContainer/" + set)
                    || (path.startsWith(set + "/") && shape.propertyNames().contains(path.substring(set.length() + 1))),
                    "annotation target " + target);
            for (String term : shape.annotations.get(target).keySet()) {
                assertTrue(shape.aliases.contains(term.substring(0, term.indexOf('.'))), "undeclared alias in " + term);
            }
        }
        Map<String, String> entityTerms = shape.entityTerms();
        assertEquals(asset.label(), entityTerms.get("Common.Label"));
        if (asset.name().contains(".")) {
            assertEquals(asset.name(), entityTerms.get("DataIntegration.OriginalName"));
        } else {
            assertFalse(entityTerms.containsKey("DataIntegration.OriginalName"));
        }
        return shape;
    }

    List<Element> properties() {
        return elements(entityType, EDM, "Property");
    }

    List<String> propertyNames() {
        return properties().stream().map(p -> p.getAttribute("Name")).toList();
    }

    List<String> keyNames() {
        return elements(entityType, EDM, "PropertyRef").stream().map(p -> p.getAttribute("Name")).toList();
    }

    Element property(String name) {
        return properties().stream().filter(p -> p.getAttribute("Name").equals(name)).findFirst().orElseThrow();
    }

    Map<String, String> entityTerms() {
        return annotations.getOrDefault(schema.getAttribute("Namespace") + "." + entityType.getAttribute("Name"), Map.of());
    }

    Map<String, String> columnTerms(String column) {
        return annotations.getOrDefault(schema.getAttribute("Namespace") + "." + entityType.getAttribute("Name") + "/"
                + column, Map.of());
    }

    /** Level lists of every Hierarchy.leveled record on the entity type. */
    List<List<String>> hierarchies() {
        List<List<String>> result = new ArrayList<>();
        for (Element annotation : elements(schema, EDM, "Annotation")) {
            if (annotation.getAttribute("Term").equals("Hierarchy.leveled")) {
                for (Element levels : elements(annotation, EDM, "PropertyValue")) {
                    if (levels.getAttribute("Property").equals("levels")) {
                        result.add(elements(levels, EDM, "PropertyValue").stream()
                                .map(e -> e.getAttribute("Path")).toList());
                    }
                }
            }
        }
        return result;
    }

    static List<Element> elements(Element root, String ns, String local) {
        NodeList nodes = root.getElementsByTagNameNS(ns, local);
        List<Element> result = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add((Element) nodes.item(i));
        }
        return result;
    }
}
