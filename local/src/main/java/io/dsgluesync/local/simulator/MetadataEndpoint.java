package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Consumption services (SAP's "OData API Reference", Consumption Service,
 * https://help.sap.com/docs/SAP_DATASPHERE/43509d67b8b84e66a30851e832f66911/b9098c3a706640189bc1d4eb7d5d5c52.html)
 * under either prefix: {@code .../consumption/{relational|analytical}/<SPACE>/<ASSET>/$metadata} answers the CSDL XML,
 * and the service root {@code .../<SPACE>/<ASSET>[/]} answers the service document. Data queries are not simulated.
 */
final class MetadataEndpoint {

    private final Tenant tenant;
    private final String base;
    private final Faults faults;
    private final SimulatorStats stats;

    MetadataEndpoint(Tenant tenant, URI baseUrl, Faults faults, SimulatorStats stats) {
        this.tenant = tenant;
        this.base = baseUrl.toString();
        this.faults = faults;
        this.stats = stats;
    }

    /** The consumption prefix the raw path starts with, or null. */
    static ApiPrefix prefixOf(String rawPath) {
        for (ApiPrefix prefix : ApiPrefix.values()) {
            String root = prefix.consumptionPath();
            if (rawPath.startsWith(root + "/relational/") || rawPath.startsWith(root + "/analytical/")) {
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
        List<String> segments = HttpIo.pathSegments(rawPath.substring(prefix.consumptionPath().length()));
        if (segments.size() < 3 || segments.size() > 4) {
            throw ODataError.notFound("Resource not found: " + rawPath);
        }
        boolean analytical = "analytical".equals(segments.get(0));
        SimAsset asset = asset(segments.get(1), segments.get(2));
        String csdl = faults.metadata(asset.spaceName(), asset.name(), csdl(asset, analytical));
        String etag = etag(csdl);
        String last = segments.size() == 4 ? segments.get(3) : "";
        if (last.isEmpty()) {
            sendServiceDocument(exchange, asset, prefix, analytical, etag);
        } else if ("$metadata".equals(last)) {
            Integer failing = faults.documentStatus(asset.spaceName(), asset.name());
            if (failing != null) {
                stats.countInjectedError();
                throw new ODataError(failing, FaultPayloads.reason(failing) + ": no access to asset '" + asset.name()
                        + "' of space '" + asset.spaceName() + "'");
            }
            if (faults.corruptsMetadata(asset.spaceName(), asset.name())) {
                stats.countInjectedMetadataFault();
            }
            sendMetadata(exchange, csdl, etag);
        } else if (last.equals(asset.entitySetName())) {
            throw new ODataError(501, "Data queries are not simulated");
        } else {
            throw ODataError.notFound("Entity set '" + last + "' not found");
        }
    }

    private void sendMetadata(HttpExchange exchange, String csdl, String etag) throws IOException {
        if (acceptsOnlyJson(HttpIo.header(exchange, "Accept"))) {
            // $metadata is XML only; a JSON-only Accept header has been answered with 406
            // (https://github.com/SAP/cloud-sdk-java/issues/444).
            throw new ODataError(406, "The requested format 'application/json' is not supported for $metadata");
        }
        exchange.getResponseHeaders().set("OData-Version", "4.0");
        exchange.getResponseHeaders().set("ETag", etag);
        if (matches(HttpIo.header(exchange, "If-None-Match"), etag)) {
            HttpIo.sendEmpty(exchange, 304);
            return;
        }
        HttpIo.sendBytes(exchange, 200, HttpIo.XML_TYPE, csdl.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Service document as SAP's sample shows it, including {@code @odata.metadataEtag} (same value as the ETag;
     * https://github.com/SAP-docs/sap-datasphere/blob/d7e335a2e7ed9b4f85a748167f72c6c0b160729c/docs/Acquiring-Preparing-Modeling-Data/Consuming-Data-Exposed/consumption-relational-spaceid-assetid-ff0e619.md).
     */
    private void sendServiceDocument(HttpExchange exchange, SimAsset asset, ApiPrefix prefix, boolean analytical,
                                     String etag) throws IOException {
        String root = base + prefix.consumptionPath() + (analytical ? "/analytical/" : "/relational/")
                + HttpIo.encodePathSegment(asset.spaceName()) + "/" + HttpIo.encodePathSegment(asset.name()) + "/";
        ObjectNode body = HttpIo.JSON.createObjectNode();
        body.put("@odata.context", root + "$metadata");
        body.put("@odata.metadataEtag", etag);
        body.putArray("value").addObject().put("name", asset.entitySetName()).put("url", asset.entitySetName());
        HttpIo.sendJson(exchange, 200, body, true);
    }

    private SimAsset asset(String space, String name) {
        if (faults.removed(space, name)) {
            throw ODataError.notFound("Asset '" + name + "' not found in space '" + space + "'");
        }
        if (tenant.space(space).isEmpty()) {
            throw ODataError.notFound("Space '" + space + "' not found");
        }
        return tenant.asset(space, name).orElseThrow(
                () -> ODataError.notFound("Asset '" + name + "' not found in space '" + space + "'"));
    }

    /**
     * The requested document. Analytical metadata of an asset without analytical consumption gives 400, as seen on a
     * real tenant (https://github.com/MarioDeFelipe/sap-datasphere-mcp, {@code REMAINING_ISSUES_FOR_CLAUDE.md});
     * relational metadata of an analytic model gives 404, which DataHub's client reads as "not exposed via OData"
     * (https://github.com/datahub-project/datahub,
     * {@code metadata-ingestion/src/datahub/ingestion/source/sap_datasphere/client.py}).
     */
    private static String csdl(SimAsset asset, boolean analytical) {
        if (analytical) {
            if (!asset.kind().hasAnalytical()) {
                throw ODataError.badRequest("Asset '" + asset.name() + "' is not enabled for analytical consumption");
            }
            return asset.analyticalCsdl();
        }
        if (!asset.kind().hasRelational()) {
            throw ODataError.notFound("Asset '" + asset.name() + "' is not exposed for relational consumption");
        }
        return asset.relationalCsdl();
    }

    static boolean acceptsOnlyJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        boolean sawAny = false;
        for (String range : accept.split(",")) {
            String mediaType = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (mediaType.isEmpty()) {
                continue;
            }
            if (!mediaType.equals("application/json")) {
                return false;
            }
            sawAny = true;
        }
        return sawAny;
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String strong = etag.substring(2);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(etag) || tag.equals(strong)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code W/"<base64 of SHA-256 of the body>"}, the shape of the {@code @odata.metadataEtag} in SAP's sample
     * (https://github.com/SAP-docs/sap-datasphere/blob/d7e335a2e7ed9b4f85a748167f72c6c0b160729c/docs/Acquiring-Preparing-Modeling-Data/Consuming-Data-Exposed/consumption-relational-spaceid-assetid-ff0e619.md).
     */
    static String etag(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "W/\"" + Base64.getEncoder().encodeToString(digest) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
