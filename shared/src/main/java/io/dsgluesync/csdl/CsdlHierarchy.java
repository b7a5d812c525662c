package io.dsgluesync.csdl;

import java.util.List;

/** A hierarchy: {@code leveled} with its level columns, or {@code parent-child} with node and parent columns. */
public record CsdlHierarchy(String name, String label, String kind, List<String> levels) {
}
