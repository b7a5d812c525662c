package io.dsgluesync.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.datasphere.ClientCredentials;
import io.dsgluesync.model.JsonCodec;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Reads the Datasphere OAuth client from a Secrets Manager secret holding
 * {@code {"clientId": "...", "clientSecret": "..."}}. Errors never quote the secret's value.
 */
public final class DatasphereSecret {
    private DatasphereSecret() {
    }

    public static ClientCredentials read(SecretsManagerClient secrets, String secretArn) {
        String json;
        try {
            json = secrets.getSecretValue(r -> r.secretId(secretArn)).secretString();
        } catch (SecretsManagerException e) {
            throw new IllegalStateException("cannot read the Datasphere client secret " + secretArn + ": "
                    + e.awsErrorDetails().errorCode(), e);
        }
        JsonNode node;
        try {
            node = JsonCodec.mapper().readTree(json == null ? "" : json);
        } catch (Exception e) {
            throw new IllegalStateException("secret " + secretArn + " is not a JSON object with clientId and clientSecret");
        }
        String id = node == null ? null : node.path("clientId").asText(null);
        String secret = node == null ? null : node.path("clientSecret").asText(null);
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalStateException("secret " + secretArn + " lacks a non-empty clientId or clientSecret");
        }
        return new ClientCredentials(id, secret);
    }
}
