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

/** The catalog and {@code $metadata} APIs of one tenant (reference datasphere-api.md §2–§3). */
public class DatasphereClient {
    /** The largest page the design-time lists answer (the datasphere CLI's maximum). */
    static final int DESIGN_PAGE = 200;
    /** Newer prefix first, the documented (deprecated) one as fallback on 404/405 (§2.1). */
    static final List<String> CATALOG_PREFIXES = List.of(
            "/api/v1/datasphere/consumption/catalog", "/api/v1/dwc/catalog");
    private static final int MAX_PAGES = 100_000;
    /** Without it the design-time API does not answer the full CSN (reference §4.2). */
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

    /** Fetches CSDL XML; refuses URLs outside the tenant's origin so a catalog can never redirect us elsewhere. */
    public MetadataDocument fetchMetadata(URI url, String ifNoneMatch) {
        if (!settings.isTenantOrigin(url)) {
            throw new DatasphereException(DatasphereException.Kind.REFUSED, "metadata URL " + url
                    + " is not on the tenant's origin " + settings.tenantUrl() + "; refused");
        }
        Map<String, String> headers = ifNoneMatch == null ? Map.of() : Map.of("If-None-Match", ifNoneMatch);
        // $metadata is CSDL XML whatever SAP's table says; a JSON-only Accept can earn a 406 (P16).
        HttpResponse<byte[]> response = http.get(url, "application/xml", headers);
        String etag = response.headers().firstValue("ETag").orElse(null);
        if (response.statusCode() == 304) {
            return MetadataDocument.unchanged(ifNoneMatch);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.toLowerCase().contains("html")) {
            throw new DatasphereException(DatasphereException.Kind.BAD_RESPONSE, url + " answered an HTML page instead"
                    + " of CSDL XML (a login page: check the OAuth client's purpose, reference §5.2)");
        }
        if (response.body().length > settings.maxMetadataBytes()) {
            throw new DatasphereException(DatasphereException.Kind.BAD_RESPONSE, url + " is " + response.body().length
                    + " bytes, over the limit of " + settings.maxMetadataBytes());
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

    /** One object's CSN (reference §4.3), e.g. for semantic usage and text associations the CSDL lacks (P9). */
    public byte[] fetchCsn(String space, String type, String name) {
        URI uri = URI.create(settings.tenantUrl() + "/dwaas-core/api/v1/spaces/" + segment(space) + "/" + type + "/"
                + segment(name));
        HttpResponse<byte[]> response = http.get(uri, CSN_CONTENT_TYPE, Map.of());
        String type2 = response.headers().firstValue("Content-Type").orElse("");
        if (!type2.toLowerCase().contains("json")) {
            throw new DatasphereException(DatasphereException.Kind.BAD_RESPONSE, uri + " answered '" + type2
                    + "' instead of CSN JSON");
        }
        if (response.body().length > settings.maxMetadataBytes()) {
            throw new DatasphereException(DatasphereException.Kind.BAD_RESPONSE, uri + " is over the size limit");
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
                    + "' instead of JSON (an HTML login page means a wrong OAuth client purpose, reference §5.2)");
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

    /** OData string literal inside a path segment: quotes doubled, then percent-encoded (P26). */
    static String quote(String name) {
        return URLEncoder.encode(name.replace("'", "''"), StandardCharsets.UTF_8).replace("+", "%20");
    }

    @FunctionalInterface
    interface RowReader<T> {
        List<T> read(JsonNode rows, URI source);
    }
}
