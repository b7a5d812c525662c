package io.dsgluesync.datasphere;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.model.Asset;
import io.dsgluesync.model.Space;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure readers for catalog JSON: the OData envelope {@code {"value":[...]}} that SAP's "OData API Reference" describes,
 * or a bare array, which some tenants answer for the list of spaces.
 * (https://help.sap.com/docs/SAP_DATASPHERE/43509d67b8b84e66a30851e832f66911/b9098c3a706640189bc1d4eb7d5d5c52.html)
 */
final class CatalogResponses {
    private CatalogResponses() {
    }

    static JsonNode rows(JsonNode body, URI source) {
        if (body.isArray()) {
            return body;
        }
        JsonNode value = body.get("value");
        if (value != null && value.isArray()) {
            return value;
        }
        throw new DatasphereException(DatasphereException.Kind.BAD_RESPONSE,
                source + ": expected a JSON array or an object with a 'value' array");
    }

    static String nextLink(JsonNode body) {
        JsonNode link = body.isObject() ? body.get("@odata.nextLink") : null;
        return link == null || link.isNull() ? null : link.asText();
    }

    static List<Space> spaces(JsonNode rows, URI source) {
        List<Space> spaces = new ArrayList<>();
        for (JsonNode row : rows) {
            String name = row.path("name").asText("");
            if (name.isBlank()) {
                throw new DatasphereException(DatasphereException.Kind.BAD_RESPONSE,
                        source + ": a space has no 'name'");
            }
            spaces.add(new Space(name, row.path("label").asText(name)));
        }
        return spaces;
    }

    static List<Asset> assets(JsonNode rows, String space, URI source) {
        List<Asset> assets = new ArrayList<>();
        for (JsonNode row : rows) {
            String name = row.path("name").asText("");
            if (name.isBlank()) {
                throw new DatasphereException(DatasphereException.Kind.BAD_RESPONSE,
                        source + ": an asset of space " + space + " has no 'name'");
            }
            assets.add(new Asset(row.path("spaceName").asText(space), name, row.path("label").asText(name),
                    url(row, "assetRelationalMetadataUrl", source), url(row, "assetAnalyticalMetadataUrl", source),
                    row.path("supportsAnalyticalQueries").asBoolean(false), row.path("hasParameters").asBoolean(false)));
        }
        return assets;
    }

    private static URI url(JsonNode row, String field, URI source) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            return null;
        }
        try {
            return source.resolve(value.asText());
        } catch (IllegalArgumentException e) {
            throw new DatasphereException(DatasphereException.Kind.BAD_RESPONSE, source + ": asset "
                    + row.path("name").asText() + " has an invalid " + field);
        }
    }
}
