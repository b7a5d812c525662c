package io.dsgluesync.datasphere;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;

/**
 * Where the tenant is and how politely to talk to it. Only HTTPS is accepted, except plain HTTP to a loopback
 * address (the local simulator).
 *
 * @param maxMetadataBytes the largest response body read from the tenant, whatever the API: a {@code $metadata}
 *                         document, a CSN, one page of a listing (DATASPHERE_MAX_METADATA_BYTES, 20 MiB by default,
 *                         the consumption service's own maximum document size). Reading stops there.
 */
public record DatasphereSettings(URI tenantUrl, URI tokenUrl, int pageSize, int maxAttempts,
                                 Duration requestTimeout, int maxMetadataBytes, int requestsPerMinute,
                                 int budgetShares) {

    public static final int DEFAULT_PAGE_SIZE = 500;

    public DatasphereSettings {
        requireSafe("DATASPHERE_URL", tenantUrl);
        requireSafe("DATASPHERE_TOKEN_URL", tokenUrl);
        if (pageSize < 1 || pageSize > 5000) {
            throw new IllegalArgumentException("DATASPHERE_PAGE_SIZE must be 1..5000, not " + pageSize);
        }
    }

    /** Settings without a request budget. */
    public DatasphereSettings(URI tenantUrl, URI tokenUrl, int pageSize, int maxAttempts, Duration requestTimeout,
                              int maxMetadataBytes) {
        this(tenantUrl, tokenUrl, pageSize, maxAttempts, requestTimeout, maxMetadataBytes, 0, 1);
    }

    /**
     * The budget's shares are the containers that may call Datasphere at once: the worker's and the priority
     * worker's SQS maximum concurrency plus one discovery.
     */
    public static DatasphereSettings fromEnvironment(Map<String, String> env) {
        int shares = intValue(env, "WORKER_MAX_CONCURRENCY", 5) + intValue(env, "PRIORITY_WORKER_MAX_CONCURRENCY", 0) + 1;
        return new DatasphereSettings(
                uri(env, "DATASPHERE_URL"),
                uri(env, "DATASPHERE_TOKEN_URL"),
                intValue(env, "DATASPHERE_PAGE_SIZE", DEFAULT_PAGE_SIZE),
                intValue(env, "DATASPHERE_MAX_ATTEMPTS", 4),
                Duration.ofSeconds(intValue(env, "DATASPHERE_TIMEOUT_SECONDS", 30)),
                intValue(env, "DATASPHERE_MAX_METADATA_BYTES", 20 * 1024 * 1024),
                intValue(env, "DATASPHERE_REQUESTS_PER_MINUTE", 0),
                intValue(env, "DATASPHERE_BUDGET_SHARES", shares));
    }

    private static URI uri(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        return URI.create(trimmed);
    }

    static int intValue(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, not '" + value + "'");
        }
    }

    private static void requireSafe(String name, URI uri) {
        if (uri == null || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an absolute URL");
        }
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return;
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && isLoopback(uri.getHost())) {
            return;
        }
        throw new IllegalArgumentException(name + " must use https (plain http only to a loopback address): " + uri);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** True when {@code url} has the tenant's scheme, host and port: the only origin metadata is fetched from. */
    public boolean isTenantOrigin(URI url) {
        return url.getScheme() != null && url.getScheme().equalsIgnoreCase(tenantUrl.getScheme())
                && url.getHost() != null && url.getHost().equalsIgnoreCase(tenantUrl.getHost())
                && port(url) == port(tenantUrl);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
