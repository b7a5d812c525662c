package io.dsgluesync.datasphere;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.model.Asset;
import io.dsgluesync.model.JsonCodec;
import io.dsgluesync.model.Space;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The catalog and {@code $metadata} APIs of one tenant, as SAP's "OData API Reference" describes them, and the
 * design-time API behind the {@code datasphere} CLI.
 * (https://help.sap.com/docs/SAP_DATASPHERE/43509d67b8b84e66a30851e832f66911/b9098c3a706640189bc1d4eb7d5d5c52.html)
 */
public class DatasphereClient {
    /** The largest page the design-time lists answer (the datasphere CLI's maximum). */
    static final int DESIGN_PAGE = 200;
    /**
     * The newer prefix first, the one SAP's "OData API Reference" documents as fallback on 404/405. DataHub's
     * connector tries them in the same order:
     * https://github.com/datahub-project/datahub/blob/master/metadata-ingestion/src/datahub/ingestion/source/sap_datasphere/client.py
     */
    static final List<String> CATALOG_PREFIXES = List.of(
            "/api/v1/datasphere/consumption/catalog", "/api/v1/dwc/catalog");
    private static final int MAX_PAGES = 100_000;
    /**
     * Without it the design-time API does not answer the full CSN; it is the default {@code --accept} of the
     * {@code datasphere} CLI's {@code objects <type> read} (npm package {@code @sap/datasphere-cli}).
     */
    static final String CSN_CONTENT_TYPE = "application/vnd.sap.datasphere.object.content+json";

    private final DatasphereSettings settings;
    private final DatasphereHttp http;
    private volatile String catalogPrefix;

    public DatasphereClient(DatasphereSettings settings, DatasphereHttp http) {
        this.settings = settings;
        this.http = http;
    }

    public List<Space> listSpaces() {
        return withPrefix(prefix -> page(catalogUri(prefix, "/spaces"), CatalogResponses::spaces));
    }

    public List<Asset> listAssets(String space) {
        String path = "/spaces('" + quote(space) + "')/assets";
        return withPrefix(prefix -> page(catalogUri(prefix, path),
                (rows, source) -> CatalogResponses.assets(rows, space, source)));
    }

    /**
     * Fetches CSDL XML. A URL outside the tenant's origin is refused ({@link DatasphereHttp}), so a catalog can never
     * send us, with our token, elsewhere.
     */
    public MetadataDocument fetchMetadata(URI url, String ifNoneMatch) {
        Map<String, String> headers = ifNoneMatch == null ? Map.of() : Map.of("If-None-Match", ifNoneMatch);
        // $metadata is CSDL XML although SAP's endpoint table lists JSON; a JSON-only Accept has been answered with
        // 406 (https://github.com/SAP/cloud-sdk-java/issues/444).
        HttpResponse<byte[]> response = http.get(url, "application/xml", headers);
        String etag = response.headers().firstValue("ETag").orElse(null);
        if (response.statusCode() == 304) {
            return MetadataDocument.unchanged(ifNoneMatch);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.toLowerCase().contains("html")) {
            throw new DatasphereException(DatasphereException.Kind.BAD_RESPONSE, url + " answered an HTML page instead"
                    + " of CSDL XML (a login page means a wrong OAuth client purpose: use a client of purpose Technical"
                    + " User)");
        }
        return new MetadataDocument(response.body(), etag, false);
    }

    /**
     * Technical names of a space's design-time objects of one type ({@code views}, {@code analyticmodels},
     * {@code localtables}, {@code remotetables}, {@code replicationflows}) through the API the {@code datasphere} CLI
     * uses (npm package {@code @sap/datasphere-cli}). Read in pages of {@value #DESIGN_PAGE} with {@code top}/{@code
     * skip}, as the CLI pages them; a page shorter than asked for is the last, and a longer one means the server
     * ignored the paging and answered the whole list.
     */
    public List<String> listDesignObjects(String space, String type) {
        List<String> names = new ArrayList<>();
        for (int skip = 0; skip < MAX_PAGES * DESIGN_PAGE; skip += DESIGN_PAGE) {
            URI uri = URI.create(settings.tenantUrl() + "/dwaas-core/api/v1/spaces/" + segment(space) + "/" + type
                    + "?top=" + DESIGN_PAGE + "&skip=" + skip);
            int rows = 0;
            for (JsonNode row : CatalogResponses.rows(json(uri), uri)) {
                rows++;
                String name = row.isTextual() ? row.asText() : row.path("technicalName").asText("");
                if (!name.isBlank()) {
                    names.add(name);
                }
            }
            if (rows != DESIGN_PAGE) {
                return names;
            }
        }
        throw new DatasphereException(DatasphereException.Kind.BAD_RESPONSE, "the " + type + " of space " + space
                + " did not end after " + MAX_PAGES + " pages");
    }

    /** One object's CSN, as the CLI reads it, e.g. for semantic usage and text associations the CSDL lacks. */
    public byte[] fetchCsn(String space, String type, String name) {
        URI uri = URI.create(settings.tenantUrl() + "/dwaas-core/api/v1/spaces/" + segment(space) + "/" + type + "/"
                + segment(name));
        HttpResponse<byte[]> response = http.get(uri, CSN_CONTENT_TYPE, Map.of());
        String type2 = response.headers().firstValue("Content-Type").orElse("");
        if (!type2.toLowerCase().contains("json")) {
            throw new DatasphereException(DatasphereException.Kind.BAD_RESPONSE, uri + " answered '" + type2
                    + "' instead of CSN JSON");
        }
        return response.body();
    }

    public int requestCount() {
        return http.requestCount();
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T withPrefix(Function<String, T> call) {
        String known = catalogPrefix;
        if (known != null) {
            return call.apply(known);
        }
        DatasphereException last = null;
        for (String prefix : CATALOG_PREFIXES) {
            try {
                T result = call.apply(prefix);
                catalogPrefix = prefix;
                return result;
            } catch (DatasphereException e) {
                if (e.kind() != DatasphereException.Kind.NOT_FOUND || e.status() == 0) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private URI catalogUri(String prefix, String path) {
        return URI.create(settings.tenantUrl() + prefix + path);
    }

    /** Pages with {@code $top}/{@code $skip}, following {@code @odata.nextLink} whenever the server sends one. */
    private <T> List<T> page(URI first, RowReader<T> reader) {
        List<T> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int top = settings.pageSize();
        int skip = 0;
        URI next = withPaging(first, top, skip);
        for (int pages = 0; next != null; pages++) {
            if (pages >= MAX_PAGES || !seen.add(next.toString())) {
                throw new DatasphereException(DatasphereException.Kind.BAD_RESPONSE, first + ": paging does not end");
            }
            JsonNode body = json(next);
            JsonNode rows = CatalogResponses.rows(body, next);
            all.addAll(reader.read(rows, next));
            String link = CatalogResponses.nextLink(body);
            if (link != null) {
                next = next.resolve(link);
            } else if (rows.size() >= top) {
                skip += rows.size();
                next = withPaging(first, top, skip);
            } else {
                next = null;
            }
        }
        return all;
    }

    private JsonNode json(URI uri) {
        HttpResponse<byte[]> response = http.get(uri, "application/json", Map.of());
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.toLowerCase().contains("json")) {
            throw new DatasphereException(DatasphereException.Kind.BAD_RESPONSE, uri + " answered '" + type
                    + "' instead of JSON (an HTML login page means a wrong OAuth client purpose: use a client of"
                    + " purpose Technical User)");
        }
        try {
            return JsonCodec.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new DatasphereException(DatasphereException.Kind.BAD_RESPONSE, uri + " answered malformed JSON");
        }
    }

    private static URI withPaging(URI base, int top, int skip) {
        return URI.create(base + "?" + enc("$top") + "=" + top + "&" + enc("$skip") + "=" + skip);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * OData string literal inside a path segment: quotes doubled, as OData's URL conventions write a quote inside a
     * string literal (https://docs.oasis-open.org/odata/odata/v4.01/odata-v4.01-part2-url-conventions.html), then
     * percent-encoded, since asset names may contain dots, spaces and quotes.
     */
    static String quote(String name) {
        return URLEncoder.encode(name.replace("'", "''"), StandardCharsets.UTF_8).replace("+", "%20");
    }

    @FunctionalInterface
    interface RowReader<T> {
        List<T> read(JsonNode rows, URI source);
    }
}
