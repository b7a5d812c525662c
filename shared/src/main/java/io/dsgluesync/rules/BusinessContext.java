package io.dsgluesync.rules;

import java.util.List;
import java.util.Map;

/**
 * What Datasphere's public APIs do not expose (steward, owner, certification, tags, custom properties: the catalog app
 * serves its governance fields only to browser sessions, see "Catalog business-enrichment metadata is not extracted" in
 * https://github.com/datahub-project/datahub,
 * {@code metadata-ingestion/docs/sources/sap-datasphere/sap-datasphere_post.md}), assigned by our own configuration.
 */
public record BusinessContext(String steward, String owner, String certification, List<String> tags,
                              Map<String, String> properties) {
    public static final BusinessContext NONE = new BusinessContext(null, null, null, List.of(), Map.of());

    /** This context with every field that {@code other} sets laid over it (tags and properties are merged). */
    BusinessContext overlaidWith(BusinessContext other) {
        java.util.LinkedHashSet<String> allTags = new java.util.LinkedHashSet<>(tags);
        allTags.addAll(other.tags);
        java.util.TreeMap<String, String> allProperties = new java.util.TreeMap<>(properties);
        allProperties.putAll(other.properties);
        return new BusinessContext(other.steward != null ? other.steward : steward,
                other.owner != null ? other.owner : owner,
                other.certification != null ? other.certification : certification,
                List.copyOf(allTags), Map.copyOf(allProperties));
    }
}
