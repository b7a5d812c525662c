package io.dsgluesync.mapping;

import java.util.Map;

/** The Glue database for one Datasphere space. */
public record DatabaseDefinition(String name, String description, Map<String, String> parameters) {
}
