package io.dsgluesync.csdl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** DOM navigation by local name, and the value of a CSDL annotation in any of its notations. */
final class Xml {
    private static final List<String> VALUE_ATTRIBUTES = List.of("String", "Bool", "Int", "Decimal", "Float",
            "EnumMember", "Path", "PropertyPath", "NavigationPropertyPath", "Date", "DateTimeOffset", "Guid");
    private static final Set<String> VALUE_ELEMENTS = Set.copyOf(VALUE_ATTRIBUTES);

    private Xml() {
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    static boolean hasChild(Element parent, String localName) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every element below {@code root} in document order, as {@code getElementsByTagNameNS("*", ...)} lists them, in
     * one walk without recursion.
     */
    static void forEachDescendant(Element root, Consumer<Element> action) {
        Node node = root.getFirstChild();
        while (node != null) {
            if (node instanceof Element element) {
                action.accept(element);
            }
            Node next = node.getFirstChild();
            while (next == null && node != root) {
                next = node.getNextSibling();
                if (next == null) {
                    node = node.getParentNode();
                }
            }
            node = next;
        }
    }

    static Element firstChild(Element parent) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                return element;
            }
        }
        return null;
    }

    /** Scalar annotations as their text; records and collections as compact JSON, so nothing is dropped. */
    static String annotationValue(Element annotation) {
        for (String attribute : VALUE_ATTRIBUTES) {
            if (annotation.hasAttribute(attribute)) {
                return annotation.getAttribute(attribute);
            }
        }
        Element child = firstChild(annotation);
        if (child == null) {
            return "true"; // a bare tag term such as <Annotation Term="Core.Computed"/> means true
        }
        JsonNode value = toJson(child);
        return value.isTextual() ? value.asText() : value.toString();
    }

    static JsonNode toJson(Element element) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String name = element.getLocalName();
        if ("Collection".equals(name)) {
            ArrayNode array = f.arrayNode();
            for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element item) {
                    array.add(toJson(item));
                }
            }
            return array;
        }
        if ("Record".equals(name)) {
            ObjectNode object = f.objectNode();
            for (Element property : children(element, "PropertyValue")) {
                object.set(property.getAttribute("Property"), propertyValue(property));
            }
            return object;
        }
        if (VALUE_ELEMENTS.contains(name)) {
            return f.textNode(element.getTextContent().trim());
        }
        return f.textNode(element.getTextContent().trim());
    }

    static JsonNode propertyValue(Element property) {
        for (String attribute : VALUE_ATTRIBUTES) {
            if (property.hasAttribute(attribute)) {
                return JsonNodeFactory.instance.textNode(property.getAttribute(attribute));
            }
        }
        Element child = firstChild(property);
        return child == null ? JsonNodeFactory.instance.nullNode() : toJson(child);
    }
}
