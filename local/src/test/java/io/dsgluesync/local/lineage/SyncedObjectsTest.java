package io.dsgluesync.local.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.lineage.ColumnLineage;
import io.dsgluesync.lineage.DynamoObjectIndex;
import io.dsgluesync.lineage.FlowEdge;
import io.dsgluesync.lineage.SyncedObjects;
import io.dsgluesync.lineage.Upstream;
import io.dsgluesync.local.stack.LambdaEmulator;
import io.dsgluesync.local.stack.LocalAws;
import io.dsgluesync.local.stack.MotoServer;
import io.dsgluesync.local.stack.StackPaths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The synced-object index written by discovery and read by lineage, over a real DynamoDB API (moto). */
class SyncedObjectsTest {
    private static long motoPid;
    private static LocalAws aws;
    private static int port;

    @BeforeAll
    static void startMoto() throws Exception {
        StackPaths paths = StackPaths.discover();
        port = LambdaEmulator.freePort();
        motoPid = MotoServer.start(paths, port,
                paths.projectDir().resolve("local/target/test-stacks/synced-objects/moto.log"));
        aws = new LocalAws(port);
    }

    @AfterAll
    static void stopMoto() {
        if (aws != null) {
            aws.close();
        }
        ProcessHandle.of(motoPid).ifPresent(ProcessHandle::destroy);
    }

    private static String table() {
        String name = "objects-" + UUID.randomUUID();
        aws.dynamo().createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
        return name;
    }

    private static List<Map<String, AttributeValue>> items(String table, String pk) {
        return aws.dynamo().query(r -> r.tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items();
    }

    private static Set<String> many(int count) {
        // ~200 bytes a name: 4,000 names are about 800 KB, three chunks
        return IntStream.range(0, count).mapToObj(i -> String.format("V_%05d_%s", i, "X".repeat(190)))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aFullSyncsIndexIsReadBackPerSpaceAndALaterSmallerOneDeletesTheChunksItNoLongerNeeds() {
        String table = table();
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        DynamoObjectIndex index = new DynamoObjectIndex(aws.dynamo(), table, clock, Duration.ofDays(30));
        index.write("run-1", Map.of("BIG", many(4_000), "S", Set.of("SAP.TIME.M_TIME_DIMENSION", "V1")),
                Set.of("BIG", "S"));

        List<Map<String, AttributeValue>> big = items(table, "OBJECTS#BIG");
        assertEquals(3, big.size(), "4,000 names of ~200 bytes in chunks of 300 KB");
        big.forEach(i -> {
            assertEquals("run-1", i.get("runId").s());
            assertEquals("3", i.get("chunks").n());
            assertEquals(Long.toString(Instant.parse("2026-12-31T10:00:00Z").getEpochSecond()),
                    i.get("expiresAt").n());
        });
        SyncedObjects read = SyncedObjects.dynamo(aws.dynamo(), table, clock, Duration.ofMinutes(5));
        assertTrue(read.spaceExists("BIG"));
        assertTrue(read.spaceExists("S"));
        assertFalse(read.spaceExists("SPACE_A"));
        assertTrue(read.synced("S", "SAP.TIME.M_TIME_DIMENSION"));
        assertTrue(read.synced("BIG", String.format("V_%05d_%s", 3_999, "X".repeat(190))), "from the last chunk");
        assertFalse(read.synced("S", "V2"));
        assertFalse(read.synced("NOPE", "V1"));

        index.write("run-2", Map.of("BIG", Set.of("ONLY")), Set.of("BIG"));

        List<Map<String, AttributeValue>> rewritten = items(table, "OBJECTS#BIG");
        assertEquals(1, rewritten.size(), "chunks 1 and 2 deleted");
        assertEquals("run-2", rewritten.get(0).get("runId").s());
        assertEquals(1, items(table, "OBJECTS#S").size(), "a space this run did not list keeps its entry");
        SyncedObjects fresh = SyncedObjects.dynamo(aws.dynamo(), table, clock, Duration.ofMinutes(5));
        assertTrue(fresh.synced("BIG", "ONLY"));
        assertFalse(fresh.synced("BIG", String.format("V_%05d_%s", 0, "X".repeat(190))));
        assertFalse(fresh.spaceExists("S"), "no longer readable");
        assertTrue(fresh.synced("S", "V1"), "its last index stays until a sync lists it again");
    }

    private static FlowEdge edgeInto(String object, int index, String padding) {
        return edgeInto("S", object, index, padding);
    }

    private static FlowEdge edgeInto(String space, String object, int index, String padding) {
        Upstream source = Upstream.external("S", "CAMPUS_MSSQL", "dbo.T" + index + padding, "dataflow",
                "DF_" + index + "/target1");
        return new FlowEdge("DF_" + index, "target1", source, space, object, null, null, List.of(new ColumnLineage(
                "FEES", List.of(new ColumnLineage.SourceColumn("S", "dbo.T" + index + padding, "FEE_AMOUNT")),
                "function", "TO_DECIMAL")));
    }

    @Test
    void theFlowEdgesIntoASpaceAreReadBackPerObjectCutToTheBoundAndRewrittenByTheNextSync() {
        String table = table();
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
        DynamoObjectIndex index = new DynamoObjectIndex(aws.dynamo(), table, clock, Duration.ofDays(30));
        // ~1 KB an edge: 300 edges exceed the 200 KB a space may hold.
        List<FlowEdge> many = IntStream.range(0, 300)
                .mapToObj(i -> edgeInto("BIG", "RAW_" + (i % 3), i, "X".repeat(400)))
                .toList();
        index.writeFlows("run-1", Map.of("BIG", many, "S", List.of(edgeInto("RAW", 1, ""), edgeInto("RAW", 2, "")),
                "EMPTY", List.of()));

        List<Map<String, AttributeValue>> big = items(table, "FLOWS#BIG");
        assertEquals(1, big.size());
        int kept = big.get(0).get("edges").l().size();
        assertTrue(kept > 100 && kept < 300, "cut by whole edges: " + kept);
        assertEquals(Integer.toString(300 - kept), big.get(0).get("cut").n(), "what was cut is counted");
        assertTrue(big.get(0).get("edges").l().stream().mapToInt(v -> v.s().length() + 1).sum() <= 200_000);
        assertEquals("0", items(table, "FLOWS#S").get(0).get("cut").n());

        SyncedObjects read = SyncedObjects.dynamo(aws.dynamo(), table, clock, Duration.ofMinutes(5));
        assertEquals(List.of(edgeInto("RAW", 1, ""), edgeInto("RAW", 2, "")), read.flowsInto("S", "RAW"),
                "the edges come back whole, in order");
        assertEquals(List.of(), read.flowsInto("S", "OTHER"));
        assertEquals(List.of(), read.flowsInto("EMPTY", "RAW"));
        assertEquals(List.of(), read.flowsInto("NOPE", "RAW"));
        assertEquals(many.subList(0, kept).stream().filter(e -> e.targetObject().equals("RAW_0")).map(FlowEdge::flow)
                .toList(), read.flowsInto("BIG", "RAW_0").stream().map(FlowEdge::flow).toList(), "the first edges kept");
        assertEquals(many.get(0), read.flowsInto("BIG", "RAW_0").get(0));
        assertEquals(List.of(), SyncedObjects.none().flowsInto("S", "RAW"));

        index.writeFlows("run-2", Map.of("S", List.of()));
        SyncedObjects fresh = SyncedObjects.dynamo(aws.dynamo(), table, clock, Duration.ofMinutes(5));
        assertEquals(List.of(), fresh.flowsInto("S", "RAW"), "a flow removed since is forgotten");
        assertEquals(read.flowsInto("BIG", "RAW_0"), fresh.flowsInto("BIG", "RAW_0"),
                "a space not rewritten keeps its entry");
    }

    @Test
    void theReaderQueriesEachSpaceOncePerCachePeriodNotPerAsset() {
        String table = table();
        new DynamoObjectIndex(aws.dynamo(), table, Clock.systemUTC(), Duration.ofDays(1))
                .write("run-1", Map.of("S", Set.of("A", "B")), Set.of("S"));
        int[] queries = {0};
        Instant[] now = {Instant.parse("2026-12-01T10:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        try (DynamoDbClient counting = DynamoDbClient.builder().endpointOverride(aws.endpoint())
                .region(Region.of(LocalAws.REGION)).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalAws.ACCESS_KEY,
                        LocalAws.SECRET_KEY)))
                .overrideConfiguration(c -> c.addExecutionInterceptor(
                new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof QueryRequest) {
                            queries[0]++;
                        }
                    }
                })).build()) {
            SyncedObjects read = SyncedObjects.dynamo(counting, table, clock, Duration.ofMinutes(5));
            for (int i = 0; i < 100; i++) {
                assertTrue(read.synced("S", i % 2 == 0 ? "A" : "B"));
                assertTrue(read.spaceExists("S"));
            }
            assertEquals(2, queries[0], "one Query for the space's objects, one for the readable spaces");
            for (int i = 0; i < 100; i++) {
                assertEquals(List.of(), read.flowsInto("S", i % 2 == 0 ? "A" : "B"));
            }
            assertEquals(3, queries[0], "one Query for the flows into the space's objects");
            now[0] = now[0].plus(Duration.ofMinutes(6));
            assertTrue(read.synced("S", "A"));
            assertEquals(4, queries[0], "read again after the cache period");
        }
    }
}
