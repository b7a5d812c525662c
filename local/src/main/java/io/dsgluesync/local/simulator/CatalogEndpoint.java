package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The catalog service (SAP's "OData API Reference", Catalog Service,
 * https://help.sap.com/docs/SAP_DATASPHERE/43509d67b8b84e66a30851e832f66911/b9098c3a706640189bc1d4eb7d5d5c52.html)
 * under one of its prefixes: spaces, assets per space, all assets, single entities, and the service document.
 */
final class CatalogEndpoint {

    private static final Set<String> SPACE_FIELDS = Set.of("name", "label");
    private static final Set<String> ASSET_FIELDS = Set.of("name", "label", "spaceName");

    private final Tenant tenant;
    private final String base;
    private final int maxPageSize;
    private final Faults faults;
    private final SimulatorStats stats;

    CatalogEndpoint(Tenant tenant, URI baseUrl, int maxPageSize, Faults faults, SimulatorStats stats) {
        this.tenant = tenant;
        this.base = baseUrl.toString();
        this.maxPageSize = maxPageSize;
        this.faults = faults;
        this.stats = stats;
    }

    /** The catalog prefix the raw path starts with, or null. */
    static ApiPrefix prefixOf(String rawPath) {
        for (ApiPrefix prefix : ApiPrefix.values()) {
            String root = prefix.catalogPath();
            if (rawPath.equals(root) || rawPath.startsWith(root + "/")) {
                return prefix;
            }
        }
        return null;
    }

    void handle(HttpExchange exchange, ApiPrefix prefix) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            throw new ODataError(405, "Method " + exchange.getRequestMethod() + " not allowed");
        }
        String rawPath = exchange.getRequestURI().getRawPath();
        String catalogRoot = base + prefix.catalogPath();
        List<String> segments = HttpIo.pathSegments(rawPath.substring(prefix.catalogPath().length()));
        if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
            segments = segments.subList(0, segments.size() - 1);
        }
        Map<String, String> params = HttpIo.parseForm(exchange.getRequestURI().getRawQuery());
        ObjectNode body = route(segments, params, catalogRoot, rawPath);
        boolean spaceList = segments.size() == 1 && "spaces".equals(segments.get(0));
        // DataHub saw the spaces list of a live tenant as a bare array, without the OData envelope
        // (https://github.com/datahub-project/datahub,
        // metadata-ingestion/src/datahub/ingestion/source/sap_datasphere/client.py).
        HttpIo.sendJson(exchange, 200, spaceList && faults.servesBareArraySpaces() ? body.get("value") : body, true);
    }

    private ObjectNode route(List<String> segments, Map<String, String> params, String catalogRoot, String rawPath) {
        if (segments.isEmpty()) {
            return serviceDocument(catalogRoot);
        }
        ODataSegment first = ODataSegment.parse(segments.get(0));
        if ("spaces".equals(first.name())) {
            if (!first.hasKey()) {
                if (segments.size() == 1) {
                    return collection(catalogRoot, "spaces", tenant.spaces().stream()
                                    .filter(s -> !faults.spaceRemoved(s.name())).toList(), SPACE_FIELDS,
                            s -> Map.of("name", s.name(), "label", s.label()), this::spaceJson, params, rawPath);
                }
            } else {
                SimSpace space = space(first.singleKey());
                if (segments.size() == 1) {
                    return entity(catalogRoot, "spaces", spaceJson(space));
                }
                ODataSegment second = ODataSegment.parse(segments.get(1));
                if (segments.size() == 2 && "assets".equals(second.name())) {
                    if (!second.hasKey()) {
                        failIfPlanned(space.name());
                        return assetCollection(catalogRoot, tenant.assets(space.name()).stream()
                                .filter(a -> !faults.removed(a.spaceName(), a.name())).toList(), params, rawPath);
                    }
                    return entity(catalogRoot, "assets", assetJson(asset(space.name(), second.singleKey())));
                }
            }
        } else if ("assets".equals(first.name()) && segments.size() == 1) {
            if (!first.hasKey()) {
                return assetCollection(catalogRoot, tenant.allAssets().stream()
                        .filter(a -> !faults.removed(a.spaceName(), a.name())).toList(), params, rawPath);
            }
            return entity(catalogRoot, "assets", assetJson(assetByCompoundKey(first.namedKeys())));
        }
        throw ODataError.notFound("Resource not found for the segment '" + String.join("/", segments) + "'");
    }

    private void failIfPlanned(String space) {
        Integer status = faults.spaceListingStatus(space);
        if (status != null) {
            stats.countInjectedError();
            throw new ODataError(status, FaultPayloads.reason(status) + ": cannot list the assets of space '"
                    + space + "'");
        }
    }

    private ObjectNode assetCollection(String catalogRoot, List<SimAsset> assets, Map<String, String> params,
                                       String rawPath) {
        return collection(catalogRoot, "assets", assets, ASSET_FIELDS,
                a -> Map.of("name", a.name(), "label", a.label(), "spaceName", a.spaceName()),
                this::assetJson, params, rawPath);
    }

    private <T> ObjectNode collection(String catalogRoot, String entitySet, List<T> rows, Set<String> filterable,
                                      Function<T, Map<String, String>> fields,
                                      Function<T, ObjectNode> toJson,
                                      Map<String, String> params, String rawPath) {
        CatalogQuery query = CatalogQuery.parse(params);
        CatalogQuery.Page<T> page = query.page(rows, filterable, fields, maxPageSize);
        ObjectNode body = HttpIo.JSON.createObjectNode();
        body.put("@odata.context", catalogRoot + "/$metadata#" + entitySet);
        if (query.count()) {
            body.put("@odata.count", page.total());
        }
        ArrayNode value = body.putArray("value");
        page.rows().forEach(row -> value.add(toJson.apply(row)));
        if (page.truncatedByServer()) {
            body.put("@odata.nextLink", base + rawPath + "?" + query.nextPageQuery(page));
        }
        return body;
    }

    private static ObjectNode entity(String catalogRoot, String entitySet, ObjectNode fields) {
        ObjectNode body = HttpIo.JSON.createObjectNode();
        body.put("@odata.context", catalogRoot + "/$metadata#" + entitySet + "/$entity");
        body.setAll(fields);
        return body;
    }

    private static ObjectNode serviceDocument(String catalogRoot) {
        ObjectNode body = HttpIo.JSON.createObjectNode();
        body.put("@odata.context", catalogRoot + "/$metadata");
        ArrayNode value = body.putArray("value");
        for (String set : List.of("assets", "spaces")) {
            value.addObject().put("name", set).put("kind", "EntitySet").put("url", set);
        }
        return body;
    }

    private SimSpace space(String name) {
        return tenant.space(name).orElseThrow(() -> ODataError.notFound("Space '" + name + "' not found"));
    }

    private SimAsset asset(String space, String name) {
        return tenant.asset(space, name).orElseThrow(
                () -> ODataError.notFound("Asset '" + name + "' not found in space '" + space + "'"));
    }

    /**
     * {@code assets(spaceName='S',name='A')}; SAP's page writes {@code space_name=} in its own sample
     * (https://github.com/SAP-docs/sap-datasphere/blob/d7e335a2e7ed9b4f85a748167f72c6c0b160729c/docs/Acquiring-Preparing-Modeling-Data/Consuming-Data-Exposed/catalog-assets-spacename-spaceid-name-assetid-1ee90a3.md).
     */
    private SimAsset assetByCompoundKey(Map<String, String> keys) {
        String space = keys.containsKey("spaceName") ? keys.get("spaceName") : keys.get("space_name");
        String name = keys.get("name");
        if (space == null || name == null || keys.size() != 2) {
            throw ODataError.badRequest("The key of assets is (spaceName, name)");
        }
        space(space);
        return asset(space, name);
    }

    private ObjectNode spaceJson(SimSpace space) {
        ObjectNode node = HttpIo.JSON.createObjectNode();
        node.put("name", space.name());
        node.put("label", space.label());
        return node;
    }

    /**
     * Exactly the fields SAP documents
     * (https://github.com/SAP-docs/sap-datasphere/blob/d7e335a2e7ed9b4f85a748167f72c6c0b160729c/docs/Acquiring-Preparing-Modeling-Data/Consuming-Data-Exposed/catalog-spaces-spaceid-assets-1c0186c.md)
     * plus {@code hasParameters}, which recorded tenant responses add; URLs of a service the asset lacks are null.
     */
    private ObjectNode assetJson(SimAsset asset) {
        ObjectNode node = HttpIo.JSON.createObjectNode();
        node.put("name", asset.name());
        node.put("label", asset.label());
        node.put("spaceName", asset.spaceName());
        String relational = asset.kind().hasRelational() ? serviceRoot(asset, "relational") : null;
        String analytical = asset.kind().hasAnalytical() ? serviceRoot(asset, "analytical") : null;
        node.put("assetRelationalMetadataUrl", relational == null ? null : relational + "$metadata");
        node.put("assetRelationalDataUrl", relational);
        node.put("assetAnalyticalMetadataUrl", analytical == null ? null : analytical + "$metadata");
        node.put("assetAnalyticalDataUrl", analytical);
        node.put("supportsAnalyticalQueries", asset.kind().hasAnalytical());
        node.put("hasParameters", asset.hasParameters());
        return node;
    }

    /**
     * Absolute service root with the trailing '/' seen in recorded catalog responses
     * (https://github.com/datahub-project/datahub,
     * {@code metadata-ingestion/tests/integration/sap_datasphere/fixtures/recorded/catalog_assets.json}).
     */
    private String serviceRoot(SimAsset asset, String flavor) {
        String foreign = faults.foreignBase(asset.spaceName(), asset.name());
        return (foreign == null ? base : foreign) + asset.urlPrefix().consumptionPath() + "/" + flavor + "/"
                + HttpIo.encodePathSegment(asset.spaceName()) + "/" + HttpIo.encodePathSegment(asset.name()) + "/";
    }
}
