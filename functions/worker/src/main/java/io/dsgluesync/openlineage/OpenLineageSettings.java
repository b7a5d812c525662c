package io.dsgluesync.openlineage;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where OpenLineage events go, from the environment (https://openlineage.io/docs/client/java/configuration names the
 * same settings of the HTTP transport):
 * <ul>
 *   <li>{@code OPENLINEAGE_URL}: empty for no events (the default). A base URL ({@code http://marquez:5000}) gets
 *       {@code OPENLINEAGE_ENDPOINT} appended (default {@code /api/v1/lineage}, Marquez's); a URL with a path is used
 *       as it is, and then {@code OPENLINEAGE_ENDPOINT} must be unset (the transport refuses both).</li>
 *   <li>{@code OPENLINEAGE_API_KEY_SECRET_ARN}: optional Secrets Manager secret whose string is sent as
 *       {@code Authorization: Bearer <key>}.</li>
 *   <li>{@code OPENLINEAGE_TIMEOUT_SECONDS}: connect, request and response timeout each, default 5.</li>
 * </ul>
 */
public record OpenLineageSettings(URI url, Optional<String> endpoint, Optional<String> apiKeySecretArn,
                                  Duration timeout) {
    public static final String DEFAULT_ENDPOINT = "/api/v1/lineage";

    public static Optional<OpenLineageSettings> fromEnvironment(Map<String, String> env) {
        String url = env.getOrDefault("OPENLINEAGE_URL", "").trim();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri = URI.create(url);
        boolean hasPath = uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/");
        String endpoint = env.getOrDefault("OPENLINEAGE_ENDPOINT", "").trim();
        if (hasPath && !endpoint.isEmpty()) {
            throw new IllegalStateException("OPENLINEAGE_URL has a path (" + uri.getPath()
                    + "): leave OPENLINEAGE_ENDPOINT unset, or give OPENLINEAGE_URL without a path");
        }
        String secret = env.getOrDefault("OPENLINEAGE_API_KEY_SECRET_ARN", "").trim();
        String timeout = env.getOrDefault("OPENLINEAGE_TIMEOUT_SECONDS", "").trim();
        return Optional.of(new OpenLineageSettings(uri,
                hasPath ? Optional.empty() : Optional.of(endpoint.isEmpty() ? DEFAULT_ENDPOINT : endpoint),
                secret.isEmpty() ? Optional.empty() : Optional.of(secret),
                Duration.ofSeconds(timeout.isEmpty() ? 5 : Long.parseLong(timeout))));
    }
}
