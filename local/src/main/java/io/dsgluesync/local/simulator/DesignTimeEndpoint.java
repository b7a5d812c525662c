package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The design-time API behind the {@code datasphere} CLI (reference §4.2; the paths are 3P-CLAIM):
 * {@code GET /dwaas-core/api/v1/spaces/<SPACE>/<type>} lists technical names as a bare JSON array, and
 * {@code GET .../<type>/<NAME>} with {@code Accept: application/vnd.sap.datasphere.object.content+json} answers
 * the object's CSN. Errors have the dwaas-core shape of §5.3 with an {@code x-correlationid} header.
 */
final class DesignTimeEndpoint {

    static final String ROOT = "/dwaas-core";
    static final String CSN_TYPE = "application/vnd.sap.datasphere.object.content+json";
    private static final String SPACES = ROOT + "/api/v1/spaces/";

    private final Tenant tenant;
    private final Faults faults;
    private final SimulatorStats stats;

    DesignTimeEndpoint(Tenant tenant, Faults faults, SimulatorStats stats) {
        this.tenant = tenant;
        this.faults = faults;
        this.stats = stats;
    }

    static boolean matches(String rawPath) {
        return rawPath.equals(ROOT) || rawPath.startsWith(ROOT + "/");
    }

    void handle(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            throw new ODataError(405, "Method " + exchange.getRequestMethod() + " not allowed");
        }
        String rawPath = exchange.getRequestURI().getRawPath();
        if (!rawPath.startsWith(SPACES)) {
            throw ODataError.notFound("No resource at " + rawPath);
        }
        List<String> segments = HttpIo.pathSegments(rawPath.substring(SPACES.length() - 1));
        if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
            segments = segments.subList(0, segments.size() - 1);
        }
        if (segments.size() < 2 || segments.size() > 3) {
            throw ODataError.notFound("No resource at " + rawPath);
        }
        String space = segments.get(0);
        DesignObjectType type = DesignObjectType.ofSegment(segments.get(1))
                .orElseThrow(() -> ODataError.notFound("No resource at " + rawPath));
        if (tenant.space(space).isEmpty()) {
            throw ODataError.notFound("Space '" + space + "' not found");
        }
        if (segments.size() == 2) {
            list(exchange, space, type);
        } else {
            read(exchange, space, type, segments.get(2));
        }
    }

    private void list(HttpExchange exchange, String space, DesignObjectType type) throws IOException {
        Integer failing = faults.spaceListingStatus(space);
        if (failing != null) {
            stats.countInjectedError();
            throw new ODataError(failing, FaultPayloads.reason(failing) + ": cannot list " + type.segment()
                    + " of space '" + space + "'");
        }
        ArrayNode body = HttpIo.JSON.createArrayNode();
        tenant.designObjects(space, type).forEach(name -> body.addObject().put("technicalName", name));
        HttpIo.sendJson(exchange, 200, body, false);
    }

    private void read(HttpExchange exchange, String space, DesignObjectType type, String name) throws IOException {
        String accept = HttpIo.header(exchange, "Accept");
        if (!acceptsCsn(accept)) {
            throw new ODataError(406, "Not acceptable: '" + accept + "'; request " + CSN_TYPE);
        }
        DesignObject object = tenant.designObject(space, type, name).orElseThrow(() -> ODataError.notFound(
                "Object '" + name + "' of type '" + type.segment() + "' not found in space '" + space + "'"));
        String csn = faults.csn(space, name, object.csn());
        HttpIo.sendBytes(exchange, 200, CSN_TYPE, csn.getBytes(StandardCharsets.UTF_8));
    }

    /** Only the full-content media type is served; the CLI's other variants (§4.2) and wildcards get 406. */
    static boolean acceptsCsn(String accept) {
        if (accept == null) {
            return false;
        }
        for (String range : accept.split(",")) {
            if (range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals(CSN_TYPE)) {
                return true;
            }
        }
        return false;
    }

    /** {@code {"details":{"message":...,"stack":"See correlation id <id>"}}} plus {@code x-correlationid} (§5.3). */
    static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        String correlationId = UUID.randomUUID().toString();
        exchange.getResponseHeaders().set("x-correlationid", correlationId);
        ObjectNode body = HttpIo.JSON.createObjectNode();
        ObjectNode details = body.putObject("details");
        details.put("message", message);
        details.put("stack", "See correlation id " + correlationId);
        HttpIo.sendJson(exchange, status, body, false);
    }
}
