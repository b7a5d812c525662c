package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.local.simulator.SimulatorOptions;
import io.dsgluesync.model.JsonCodec;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Database;

/**
 * Two Glue targets: this account's catalog with the function's own credentials, and another account's reached by
 * assuming a role with an External ID. moto's AssumeRole switches the account
 * (https://github.com/getmoto/moto/blob/master/docs/docs/services/sts.rst), so the second catalog really is another
 * account's.
 */
class CrossAccountSyncTest {
    private static final String OTHER_ACCOUNT = "210987654321";
    private static final String TARGETS = "[{\"name\":\"home\"},{\"name\":\"analytics\",\"roleArn\":"
            + "\"arn:aws:iam::" + OTHER_ACCOUNT + ":role/glue-writer\",\"externalId\":\"dsgs-7f3a\","
            + "\"sessionName\":\"datasphere-glue-sync\",\"durationSeconds\":900}]";
    private static TestStack stack;
    private static SyncReport report;

    @BeforeAll
    static void sync() throws Exception {
        stack = TestStack.start("cross-account", SimulatorOptions.defaults());
        StackEndpoints twoTargets = stack.endpoints.withParameters(Map.of("GlueTargets", TARGETS));
        report = new SyncRunner(stack.paths, twoTargets, stack.logDir).run();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void everyAssetIsWrittenToBothAccounts() {
        assertEquals("COMPLETE", report.summary().get("status"));
        // The demo: 10 assets, of which the replicated I_SUPPLIER is skipped (its flow carries no columns).
        assertEquals("9", report.summary().get("created"));
        try (GlueClient other = glueAs(OTHER_ACCOUNT)) {
            assertEquals(List.of("datasphere_sap_content", "datasphere_space_a"), other.getDatabases(r -> { })
                    .databaseList().stream().map(Database::name).sorted().toList());
            assertEquals(5, other.getTables(r -> r.databaseName("datasphere_sap_content")).tableList().size());
            assertEquals(OTHER_ACCOUNT, other.getDatabase(r -> r.name("datasphere_space_a")).database().catalogId());
        }
        assertEquals(2, stack.aws.glue().getDatabases(r -> { }).databaseList().size());
    }

    @Test
    void auditRecordsNameBothCallerIdentitiesAndTheActionPerTarget() {
        List<Map<String, AttributeValue>> items = new ArrayList<>(stack.aws.dynamo().query(r -> r
                .tableName(stack.endpoints.resources().auditTable())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :a)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("RUN#" + report.runId()),
                        ":a", AttributeValue.fromS("ASSET#")))).items());
        assertEquals(10, items.size());
        items.removeIf(item -> item.get("action").s().equals("SKIPPED"));
        assertEquals(9, items.size());
        for (Map<String, AttributeValue> item : items) {
            assertEquals("123456789012," + OTHER_ACCOUNT, item.get("targetAccount").s());
            Map<String, AttributeValue> actions = item.get("targetActions").m();
            assertEquals("CREATED", actions.get("home").s());
            assertEquals("CREATED", actions.get("analytics").s());
        }
    }

    @Test
    void validateReportsTheIdentityOfEachTargetAndNoMissingPermission() throws Exception {
        SamTemplate template = SamTemplate.read(stack.paths.template());
        StackEndpoints twoTargets = stack.endpoints.withParameters(Map.of("GlueTargets", TARGETS));
        try (LambdaEmulator discovery = new SyncRunner(stack.paths, twoTargets, stack.logDir)
                .start(template, "DiscoveryFunction", twoTargets.physicalIds())) {
            JsonNode response = JsonCodec.mapper().readTree(discovery.invoke(
                    Files.readString(stack.paths.eventsDir().resolve("discovery-validate.json"))));
            assertEquals("validate", response.get("operation").asText(), response.toString());
            assertTrue(response.get("ok").asBoolean(), response.toString());
            JsonNode analytics = response.get("targets").get(1);
            assertEquals("analytics", analytics.get("target").asText());
            assertEquals(OTHER_ACCOUNT, analytics.get("account").asText());
            assertTrue(analytics.get("arn").asText().contains(":assumed-role/glue-writer/datasphere-glue-sync"));
            List<String> permissions = new java.util.ArrayList<>();
            analytics.get("checks").forEach(c -> permissions.add(c.get("permission").asText()));
            assertTrue(permissions.containsAll(List.of("sts:AssumeRole", "glue:GetTables", "glue:UpdateTable",
                    "glue:CreateTable", "glue:CreateDatabase")), permissions.toString());
        }
    }

    /**
     * A Glue client in another moto account (moto's x-moto-account-id header,
     * https://github.com/getmoto/moto/blob/master/docs/docs/multi_account.rst).
     */
    private static GlueClient glueAs(String account) {
        return GlueClient.builder().endpointOverride(stack.aws.endpoint()).region(Region.of(LocalAws.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.putHeader("x-moto-account-id", account)).build();
    }
}
