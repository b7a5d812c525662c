package io.dsgluesync.mapping;

import java.util.Map;

/** A Glue column as the sync wants it: legal name, Hive type, comment of at most 255 characters, parameters. */
public record ColumnDefinition(String name, String type, String comment, Map<String, String> parameters) {
}
