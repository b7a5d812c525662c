package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the stack protects: the catalog beyond its prefix, the audit trail and secret, one discovery at a time. */
class TemplateHardeningTest {
    private final Map<String, Object> template;

    TemplateHardeningTest() throws Exception {
        template = CfnYaml.read(StackPaths.discover().template());
    }

    @Test
    void theDatabasePrefixCannotBeEmpty() {
        Map<String, Object> prefix = map(map(template.get("Parameters")).get("GlueDatabasePrefix"));
        assertEquals(1, prefix.get("MinLength"));
        assertEquals("^[a-z0-9_]+$", prefix.get("AllowedPattern"));
    }

    @Test
    void theAuditTableAndTheSecretOutliveTheStack() {
        for (String id : List.of("AuditTable", "DatasphereClientSecret")) {
            assertEquals("Retain", resource(id).get("DeletionPolicy"), id);
            assertEquals("Retain", resource(id).get("UpdateReplacePolicy"), id);
        }
    }

    @Test
    void discoveryRunsOnceAtATimeAndEveryQueueCapsItsMessageSize() {
        assertEquals(1, properties("DiscoveryFunction").get("ReservedConcurrentExecutions"));
        for (String queue : List.of("AssetQueue", "PriorityAssetQueue", "AssetDeadLetterQueue", "ResultsQueue",
                "ResultsDeadLetterQueue")) {
            assertEquals(262144, properties(queue).get("MaximumMessageSize"), queue);
        }
    }

    @Test
    void everyFunctionHasALogGroupWithRetention() {
        for (String function : List.of("Discovery", "Worker", "Results")) {
            Map<String, Object> group = properties(function + "LogGroup");
            assertEquals(Map.of("Fn::Sub", "/aws/lambda/${" + function + "Function}"), group.get("LogGroupName"));
            assertEquals(Map.of("Ref", "LogRetentionDays"), group.get("RetentionInDays"));
        }
    }

    @Test
    void theResultsFunctionMayOnlyReadAndWriteItemsOfTheAuditTable() {
        List<?> policies = (List<?>) properties("ResultsFunction").get("Policies");
        assertEquals(1, policies.size());
        List<?> statements = (List<?>) map(policies.get(0)).get("Statement");
        Map<String, Object> statement = map(statements.get(0));
        assertEquals(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"),
                statement.get("Action"));
        assertEquals(Map.of("Fn::GetAtt", List.of("AuditTable", "Arn")), statement.get("Resource"));
        assertTrue(statements.size() == 1);
    }

    /**
     * The sync's role may delete audit items only of the synced-object index (the chunks a smaller index no longer
     * needs): never a run's records, its summary or the budget's buckets.
     */
    @Test
    void theSyncRoleDeletesOnlyTheSyncedObjectIndexsItems() {
        List<?> policies = (List<?>) properties("SyncRole").get("Policies");
        List<Map<String, Object>> deleting = policies.stream()
                .flatMap(p -> ((List<?>) map(map(p).get("PolicyDocument")).get("Statement")).stream())
                .map(TemplateHardeningTest::map)
                .filter(st -> String.valueOf(st.get("Action")).contains("dynamodb:DeleteItem")).toList();
        assertEquals(1, deleting.size(), deleting.toString());
        assertEquals("dynamodb:DeleteItem", deleting.get(0).get("Action"));
        assertEquals(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys",
                List.of("OBJECTS", "OBJECTS#*", "FLOWS#*"))), deleting.get(0).get("Condition"));
    }

    private Map<String, Object> resource(String id) {
        return map(map(template.get("Resources")).get(id));
    }

    private Map<String, Object> properties(String id) {
        return map(resource(id).get("Properties"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
