package io.dsgluesync.local.simulator;

import java.util.Objects;

/**
 * Settings of one {@link DatasphereSimulator}.
 *
 * @param port                 TCP port on 127.0.0.1; 0 picks a free port
 * @param clientId             the only OAuth client the token endpoint accepts
 * @param clientSecret         its secret
 * @param tenant               spaces and assets served by the catalog
 * @param maxPageSize          server-side page limit of catalog collections (the real catalog uses 500)
 * @param tokenLifetimeSeconds {@code expires_in} of issued tokens; a token is rejected once it has run out
 * @param requestsPerMinute    sliding-window limit over authenticated requests; 0 means unlimited
 */
public record SimulatorOptions(int port, String clientId, String clientSecret, Tenant tenant, int maxPageSize,
                               long tokenLifetimeSeconds, int requestsPerMinute) {

    public static final String DEFAULT_CLIENT_ID = "sb-dsgs-local!b1|client!b3650";
    public static final String DEFAULT_CLIENT_SECRET = "local-secret-change-me";

    public SimulatorOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(tenant, "tenant");
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("maxPageSize must be positive: " + maxPageSize);
        }
        if (tokenLifetimeSeconds < 1) {
            throw new IllegalArgumentException("tokenLifetimeSeconds must be positive: " + tokenLifetimeSeconds);
        }
        if (requestsPerMinute < 0) {
            throw new IllegalArgumentException("requestsPerMinute must be >= 0: " + requestsPerMinute);
        }
    }

    /** Free port, the local client credentials, the sample tenant, 500 rows a page, 1-day tokens, no rate limit. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(0, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, Tenant.sample(), 500, 86399, 0);
    }

    public SimulatorOptions withPort(int newPort) {
        return new SimulatorOptions(newPort, clientId, clientSecret, tenant, maxPageSize, tokenLifetimeSeconds,
                requestsPerMinute);
    }

    public SimulatorOptions withCredentials(String newClientId, String newClientSecret) {
        return new SimulatorOptions(port, newClientId, newClientSecret, tenant, maxPageSize, tokenLifetimeSeconds,
                requestsPerMinute);
    }

    public SimulatorOptions withTenant(Tenant newTenant) {
        return new SimulatorOptions(port, clientId, clientSecret, newTenant, maxPageSize, tokenLifetimeSeconds,
                requestsPerMinute);
    }

    public SimulatorOptions withMaxPageSize(int newMaxPageSize) {
        return new SimulatorOptions(port, clientId, clientSecret, tenant, newMaxPageSize, tokenLifetimeSeconds,
                requestsPerMinute);
    }

    public SimulatorOptions withTokenLifetimeSeconds(long newLifetime) {
        return new SimulatorOptions(port, clientId, clientSecret, tenant, maxPageSize, newLifetime,
                requestsPerMinute);
    }

    public SimulatorOptions withRequestsPerMinute(int newRequestsPerMinute) {
        return new SimulatorOptions(port, clientId, clientSecret, tenant, maxPageSize, tokenLifetimeSeconds,
                newRequestsPerMinute);
    }
}
