package io.dsgluesync.openlineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** OpenLineage is off unless a URL is given; a base URL gets Marquez's endpoint, a URL with a path is kept. */
class OpenLineageSettingsTest {
    @Test
    void noUrlMeansNoEvents() {
        assertEquals(Optional.empty(), OpenLineageSettings.fromEnvironment(Map.of()));
        assertEquals(Optional.empty(), OpenLineageSettings.fromEnvironment(Map.of("OPENLINEAGE_URL", " ")));
    }

    @Test
    void baseUrlGetsTheDefaultEndpointAndTimeout() {
        OpenLineageSettings settings = OpenLineageSettings.fromEnvironment(
                Map.of("OPENLINEAGE_URL", "http://marquez:5000")).orElseThrow();
        assertEquals(URI.create("http://marquez:5000"), settings.url());
        assertEquals(Optional.of("/api/v1/lineage"), settings.endpoint());
        assertEquals(Duration.ofSeconds(5), settings.timeout());
        assertEquals(Optional.empty(), settings.apiKeySecretArn());
    }

    @Test
    void urlWithAPathIsUsedAsItIs() {
        OpenLineageSettings settings = OpenLineageSettings.fromEnvironment(Map.of(
                "OPENLINEAGE_URL", "https://lineage.example.com/prod/events",
                "OPENLINEAGE_API_KEY_SECRET_ARN", "arn:aws:secretsmanager:eu-central-1:123456789012:secret:ol-key",
                "OPENLINEAGE_TIMEOUT_SECONDS", "2")).orElseThrow();
        assertEquals(Optional.empty(), settings.endpoint());
        assertEquals(Optional.of("arn:aws:secretsmanager:eu-central-1:123456789012:secret:ol-key"),
                settings.apiKeySecretArn());
        assertEquals(Duration.ofSeconds(2), settings.timeout());
    }

    @Test
    void urlWithAPathAndAnEndpointIsRefused() {
        assertThrows(IllegalStateException.class, () -> OpenLineageSettings.fromEnvironment(Map.of(
                "OPENLINEAGE_URL", "https://lineage.example.com/prod", "OPENLINEAGE_ENDPOINT", "/api/v1/lineage")));
    }
}
