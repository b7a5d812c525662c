package io.dsgluesync.openlineage;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where OpenLineage events go: {@code OPENLINEAGE_URL} (empty: no events, the default), {@code OPENLINEAGE_ENDPOINT}
 * (default {@code /api/v1/lineage}, the path Marquez and the OpenLineage HTTP transport use,
 * https://openlineage.io/docs/client/java/configuration), {@code OPENLINEAGE_API_KEY_SECRET_ARN} (optional: a Secrets
 * Manager secret whose string is sent as {@code Authorization: Bearer <key>}), {@code OPENLINEAGE_TIMEOUT_SECONDS}
 * (default 5: connect, request and response each).
 */
public record OpenLineageSettings(URI url, String endpoint, Optional<String> apiKeySecretArn, Duration timeout) {
    public static final String DEFAULT_ENDPOINT = "/api/v1/lineage";

    public static Optional<OpenLineageSettings> fromEnvironment(Map<String, String> env) {
        String url = env.getOrDefault("OPENLINEAGE_URL", "").trim();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String endpoint = env.getOrDefault("OPENLINEAGE_ENDPOINT", "").trim();
        String secret = env.getOrDefault("OPENLINEAGE_API_KEY_SECRET_ARN", "").trim();
        String timeout = env.getOrDefault("OPENLINEAGE_TIMEOUT_SECONDS", "").trim();
        return Optional.of(new OpenLineageSettings(URI.create(url), endpoint.isEmpty() ? DEFAULT_ENDPOINT : endpoint,
                secret.isEmpty() ? Optional.empty() : Optional.of(secret),
                Duration.ofSeconds(timeout.isEmpty() ? 5 : Long.parseLong(timeout))));
    }
}
