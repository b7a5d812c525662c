package io.dsgluesync.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

class AwsClientsTest {
    private static final Map<String, String> BASE = Map.of("AWS_REGION", "eu-central-1",
            "DSGS_CREDENTIALS", "static", "DSGS_ACCESS_KEY_ID", "testing", "DSGS_SECRET_ACCESS_KEY", "testing");

    private static AwsClients clients(Map<String, String> endpoints) {
        Map<String, String> env = new HashMap<>(BASE);
        env.putAll(endpoints);
        return AwsClients.fromEnvironment(env);
    }

    @Test
    void serviceSpecificEndpointWinsOverTheGlobalOne() {
        AwsClients aws = clients(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:5055",
                "AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9324"));

        assertEquals(Optional.of(URI.create("http://127.0.0.1:9324")), aws.endpointFor(SqsClient.builder()));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:5055")), aws.endpointFor(GlueClient.builder()));
        assertEquals(Optional.of(URI.create("http://127.0.0.1:5055")), aws.endpointFor(DynamoDbClient.builder()));
    }

    @Test
    void serviceVariableUsesTheSdkServiceIdNotThePackageName() {
        AwsClients aws = clients(Map.of("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:4000"));

        assertEquals(Optional.of(URI.create("http://127.0.0.1:4000")), aws.endpointFor(SecretsManagerClient.builder()));
        assertTrue(aws.endpointFor(GlueClient.builder()).isEmpty());
    }

    @Test
    void noVariableLeavesTheSdkToResolveThePublicEndpoint() {
        AwsClients aws = clients(Map.of("AWS_ENDPOINT_URL_SQS", " "));

        assertTrue(aws.endpointFor(SqsClient.builder()).isEmpty());
        assertTrue(aws.endpointFor(DynamoDbClient.builder()).isEmpty());
    }

    @Test
    void clientsAreBuiltAgainstTheServiceEndpoint() {
        AwsClients aws = clients(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:5055",
                "AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9324"));

        try (SqsClient sqs = aws.build(SqsClient.builder())) {
            assertEquals(Optional.of(URI.create("http://127.0.0.1:9324")),
                    sqs.serviceClientConfiguration().endpointOverride());
        }
    }
}
