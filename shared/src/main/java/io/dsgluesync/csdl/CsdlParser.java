package io.dsgluesync.csdl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads OData V4 CSDL ({@code $metadata}) into an {@link EntityModel}. Annotations are taken from external
 * {@code <Annotations Target="...">} blocks (the shape Datasphere's consumption services emit) and from inline
 * children alike. DTDs are refused outright, so external entities and entity expansion cannot happen; elements nested
 * deeper than {@value #MAX_ELEMENT_DEPTH} levels are refused while parsing, so no later walk of the tree can exhaust
 * the stack.
 */
public final class CsdlParser {
    /**
     * Real documents nest about a dozen levels (Edmx, DataServices, Schema, Annotations, Annotation, then records and
     * collections). The JDK parser enforces it through {@code jdk.xml.maxElementDepth}, one of its processing limits
     * (https://docs.oracle.com/en/java/javase/17/security/java-api-xml-processing-jaxp-security-guide.html).
     */
    static final int MAX_ELEMENT_DEPTH = 100;
    private static final String MAX_ELEMENT_DEPTH_PROPERTY = "jdk.xml.maxElementDepth";

    private CsdlParser() {
    }

    public static EntityModel parse(String assetName, byte[] xml) {
        Document document = read(assetName, xml);
        Element root = document.getDocumentElement();
        if (!"Edmx".equals(root.getLocalName())) {
            throw new CsdlException("Edmx", "asset " + assetName + ": $metadata root element is <"
                    + root.getNodeName() + ">, not <edmx:Edmx>", null);
        }
        Map<String, String> aliases = new HashMap<>();
        List<Element> schemas = new ArrayList<>();
        List<Element> includes = new ArrayList<>();
        Xml.forEachDescendant(root, element -> {
            if ("Schema".equals(element.getLocalName())) {
                schemas.add(element);
            } else if ("Include".equals(element.getLocalName())) {
                includes.add(element);
            }
        });
        schemas.forEach(schema -> {
            String namespace = schema.getAttribute("Namespace");
            aliases.put(namespace, namespace);
            if (!schema.getAttribute("Alias").isEmpty()) {
                aliases.put(schema.getAttribute("Alias"), namespace);
            }
        });
        if (schemas.isEmpty()) {
            throw new CsdlException("Schema", "asset " + assetName + ": $metadata has no <Schema>", null);
        }
        // Vocabularies may be included under any alias (SAP's ABAP services write SAP__common.Label), so terms are
        // resolved to their namespace before they are compared.
        includes.stream().filter(include -> !include.getAttribute("Alias").isEmpty())
                .forEach(include -> aliases.putIfAbsent(include.getAttribute("Alias"),
                        include.getAttribute("Namespace")));
        SchemaIndex index = new SchemaIndex(assetName, aliases);
        schemas.forEach(index::add);
        return index.mainEntity();
    }

    private static Document read(String assetName, byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setAttribute(MAX_ELEMENT_DEPTH_PROPERTY, Integer.toString(MAX_ELEMENT_DEPTH));
            // The whole tree is read, so building it at once is cheaper than Xerces' default of building each node
            // when first visited (https://xerces.apache.org/xerces2-j/features.html#dom.defer-node-expansion).
            factory.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            // The JDK names the exceeded limit by its property in the message; there is no dedicated exception type.
            if (String.valueOf(e.getMessage()).contains("maxElementDepth")) {
                throw new CsdlException("$metadata", "asset " + assetName + ": CSDL XML nests elements deeper than "
                        + MAX_ELEMENT_DEPTH + " levels at line " + e.getLineNumber() + "; refused", e);
            }
            throw new CsdlException("$metadata", "asset " + assetName + ": malformed CSDL XML at line "
                    + e.getLineNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new CsdlException("$metadata", "asset " + assetName + ": unreadable CSDL XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser lacks secure-processing features", e);
        }
    }

    /** Entity types, complex types, entity sets and annotation blocks of all schemas, by qualified name. */
    private static final class SchemaIndex {
        private final String assetName;
        private final Map<String, String> aliases;
        private final Map<String, Element> entityTypes = new LinkedHashMap<>();
        private final Map<String, Element> complexTypes = new LinkedHashMap<>();
        private final Map<String, String> entitySets = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> annotations = new HashMap<>();
        private final Map<String, List<Map.Entry<String, Element>>> hierarchyAnnotations = new HashMap<>();
        /** Each {@code Term} attribute as written → resolved and normalised; a document repeats a few terms. */
        private final Map<String, String> terms = new HashMap<>();
        /** Each property {@code Type} as written → resolved. */
        private final Map<String, String> types = new HashMap<>();

        SchemaIndex(String assetName, Map<String, String> aliases) {
            this.assetName = assetName;
            this.aliases = aliases;
        }

        void add(Element schema) {
            String namespace = schema.getAttribute("Namespace");
            for (Element type : Xml.children(schema, "EntityType")) {
                String qualified = namespace + "." + type.getAttribute("Name");
                entityTypes.put(qualified, type);
                collectInline(qualified, type);
                for (Element property : Xml.children(type, "Property")) {
                    if (Xml.hasChild(property, "Annotation")) {
                        collectInline(qualified + "/" + property.getAttribute("Name"), property);
                    }
                }
            }
            for (Element type : Xml.children(schema, "ComplexType")) {
                complexTypes.put(namespace + "." + type.getAttribute("Name"), type);
            }
            for (Element container : Xml.children(schema, "EntityContainer")) {
                for (Element set : Xml.children(container, "EntitySet")) {
                    entitySets.put(set.getAttribute("Name"), qualify(set.getAttribute("EntityType")));
                }
            }
            for (Element block : Xml.children(schema, "Annotations")) {
                String target = qualifyTarget(block.getAttribute("Target"));
                for (Element annotation : Xml.children(block, "Annotation")) {
                    record(target, annotation);
                }
            }
        }

        private void collectInline(String target, Element element) {
            for (Element annotation : Xml.children(element, "Annotation")) {
                record(target, annotation);
            }
        }

        /** A qualified annotation is a variant of the term (e.g. a short label) and is kept as {@code term#qualifier}. */
        private void record(String target, Element annotation) {
            String term = terms.computeIfAbsent(annotation.getAttribute("Term"), t -> Terms.normalise(qualify(t)));
            String qualifier = annotation.getAttribute("Qualifier");
            annotations.computeIfAbsent(target, t -> new LinkedHashMap<>())
                    .put(qualifier.isEmpty() ? term : term + "#" + qualifier, Xml.annotationValue(annotation));
            if (term.equals(Terms.LEVELED) || term.equals(Terms.RECURSIVE)) {
                hierarchyAnnotations.computeIfAbsent(target, t -> new ArrayList<>()).add(Map.entry(term, annotation));
            }
        }

        /**
         * {@code self.Address} → {@code StandaloneService.Address}, also inside {@code Collection(...)}; a document
         * repeats a few types.
         */
        private String qualifyType(String type) {
            return types.computeIfAbsent(type, t -> {
                CollectionType parsed = CollectionType.of(t);
                return parsed.withItemType(qualify(parsed.itemType())).text();
            });
        }

        private String qualify(String name) {
            int dot = name.lastIndexOf('.');
            if (dot < 0) {
                return name;
            }
            String namespace = aliases.getOrDefault(name.substring(0, dot), name.substring(0, dot));
            return namespace + name.substring(dot);
        }

        private String qualifyTarget(String target) {
            int slash = target.indexOf('/');
            return slash < 0 ? qualify(target) : qualify(target.substring(0, slash)) + target.substring(slash);
        }

        EntityModel mainEntity() {
            String expectedSet = assetName.replace('.', '_');
            Map.Entry<String, String> chosen = entitySets.entrySet().stream()
                    .filter(e -> e.getKey().equals(expectedSet)).findFirst()
                    .orElse(entitySets.entrySet().stream().findFirst().orElse(null));
            String typeName = chosen != null ? chosen.getValue() : entityTypes.keySet().stream().findFirst().orElse(null);
            Element type = typeName == null ? null : entityTypes.get(typeName);
            if (type == null) {
                throw new CsdlException("EntityType", "asset " + assetName + ": $metadata has no entity type"
                        + (typeName == null ? "" : " named " + typeName), null);
            }
            String setName = chosen != null ? chosen.getKey() : type.getAttribute("Name");
            Map<String, String> entityAnnotations = new LinkedHashMap<>(annotations.getOrDefault(typeName, Map.of()));
            String setSuffix = "/" + setName;
            String typePrefix = typeName + "/";
            annotations.forEach((target, byTerm) -> {
                if (target.endsWith(setSuffix) && !target.startsWith(typePrefix)) {
                    entityAnnotations.putAll(byTerm);
                }
            });
            List<CsdlColumn> columns = Columns.read(assetName, typeName, type, annotations, this::qualifyType);
            Map<String, List<CsdlColumn>> complex = new LinkedHashMap<>();
            complexTypes.forEach((name, element) -> complex.put(name,
                    Columns.read(assetName, name, element, annotations, this::qualifyType)));
            List<CsdlHierarchy> hierarchies = Hierarchies.read(hierarchyAnnotations.getOrDefault(typeName, List.of()));
            return new EntityModel(setName, typeName, entityAnnotations.get(Terms.LABEL),
                    entityAnnotations.get(Terms.ORIGINAL_NAME), stripHash(entityAnnotations.get(Terms.DIMENSION_TYPE)),
                    columns, hierarchies, Map.copyOf(entityAnnotations), Map.copyOf(complex));
        }

        private static String stripHash(String value) {
            if (value == null) {
                return null;
            }
            String last = value.contains("/") ? value.substring(value.lastIndexOf('/') + 1) : value;
            return last.startsWith("#") ? last.substring(1) : last;
        }
    }
}
