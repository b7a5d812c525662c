package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The design-time API behind the {@code datasphere} CLI, at the paths DataHub's Datasphere source uses
 * (https://github.com/datahub-project/datahub, {@code metadata-ingestion/src/datahub/ingestion/source/sap_datasphere/
 * client.py}; SAP does not document them): {@code GET /dwaas-core/api/v1/spaces/<SPACE>/<type>} lists technical
 * names as a bare JSON array, and {@code GET .../<type>/<NAME>} with
 * {@code Accept: application/vnd.sap.datasphere.object.content+json} answers the object's CSN, or a flow's
 * definition. Errors have the shape the CLI reads, {@code details.message} (npm package {@code @sap/datasphere-cli}),
 * with an {@code x-correlationid} header.
 *
 * <p>Lists page with {@code top} and {@code skip}, the CLI's {@code --top} and {@code --skip} of
 * {@code datasphere objects <type> list} (https://help.sap.com/doc/d0ecd6f297ac40249072a44df0549c1a/cloud/en-US/e3b2cbef9d1f4b38b51c64fe9e88c0aa.html).
 * Without {@code top} the whole list is answered, as DataHub expects from its single unpaged request.
 */
final class DesignTimeEndpoint {

    static final String ROOT = "/dwaas-core";
    static final String CSN_TYPE = "application/vnd.sap.datasphere.object.content+json";
    /** The largest page; SAP's page gives only the CLI's default of 25, the cap comes from third-party CLI notes. */
    static final int MAX_TOP = 200;
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
        Map<String, String> query = HttpIo.parseForm(exchange.getRequestURI().getRawQuery());
        OptionalInt top = count(query, "top");
        int skip = count(query, "skip").orElse(0);
        Integer failing = faults.spaceListingStatus(space);
        if (failing != null) {
            stats.countInjectedError();
            throw new ODataError(failing, FaultPayloads.reason(failing) + ": cannot list " + type.segment()
                    + " of space '" + space + "'");
        }
        ArrayNode body = HttpIo.JSON.createArrayNode();
        page(tenant.designObjects(space, type).stream().filter(name -> !faults.removed(space, name)).toList(), top,
                skip).forEach(name -> body.addObject().put("technicalName", name));
        HttpIo.sendJson(exchange, 200, body, false);
    }

    /** At most {@code min(top, MAX_TOP)} names from {@code skip} on; everything from {@code skip} without a top. */
    static List<String> page(List<String> names, OptionalInt top, int skip) {
        int from = Math.min(skip, names.size());
        int size = top.isPresent() ? Math.min(top.getAsInt(), MAX_TOP) : names.size();
        return names.subList(from, (int) Math.min((long) from + size, names.size()));
    }

    /** A non-negative count from the query, absent when not given; 400 for anything else. Huge counts saturate. */
    private static OptionalInt count(Map<String, String> query, String parameter) {
        String value = query.get(parameter);
        if (value == null) {
            return OptionalInt.empty();
        }
        if (!value.matches("[0-9]{1,100}")) {
            throw ODataError.badRequest("Invalid value '" + value + "' for query parameter '" + parameter
                    + "': expected a non-negative integer");
        }
        String digits = value.replaceFirst("^0+(?=.)", "");
        return OptionalInt.of(digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits));
    }

    private void read(HttpExchange exchange, String space, DesignObjectType type, String name) throws IOException {
        String accept = HttpIo.header(exchange, "Accept");
        if (!acceptsCsn(accept)) {
            throw new ODataError(406, "Not acceptable: '" + accept + "'; request " + CSN_TYPE);
        }
        DesignObject object = tenant.designObject(space, type, name).filter(o -> !faults.removed(space, name))
                .orElseThrow(() -> ODataError.notFound(
                "Object '" + name + "' of type '" + type.segment() + "' not found in space '" + space + "'"));
        Integer failing = faults.documentStatus(space, name);
        if (failing != null) {
            stats.countInjectedError();
            throw new ODataError(failing, FaultPayloads.reason(failing) + ": no access to " + type.segment() + " '"
                    + name + "' of space '" + space + "'");
        }
        String content = type.isFlow() ? object.csn() : faults.csn(space, name, object.csn());
        HttpIo.sendBytes(exchange, 200, CSN_TYPE, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Only the full-content media type is served; the CLI's other variants of {@code --accept} (simplified,
     * design-time, run-time) and wildcards get 406.
     */
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

    /** {@code {"details":{"message":...,"stack":"See correlation id <id>"}}} plus {@code x-correlationid}. */
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
