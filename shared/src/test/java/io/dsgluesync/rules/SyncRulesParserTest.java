package io.dsgluesync.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.model.AssetKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules file: business context, priorities and field mapping, validated with errors that name the path. */
class SyncRulesParserTest {

    private static SyncRules sample() throws Exception {
        return SyncRulesParser.parse("sample-rules.json",
                Files.readString(Path.of("src/test/resources/rules/sample-rules.json")));
    }

    @Test
    void laterRulesOverrideEarlierOnesFieldByFieldAndTagsAccumulate() throws Exception {
        BusinessContext sales = sample().businessContext("SAP_CONTENT", "SALES_AM_ORDER_ITEMS", AssetKind.ANALYTIC_MODEL);
        assertEquals("jane.doe@example.com", sales.steward());
        assertEquals("Central BI team", sales.owner());
        assertEquals("certified", sales.certification());
        assertEquals(List.of("sap-content", "sales", "gold"), sales.tags());
        assertEquals(Map.of("domain", "sales", "retention", "7y"), sales.properties());
        BusinessContext time = sample().businessContext("SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY", AssetKind.VIEW);
        assertNull(time.steward());
        assertEquals(List.of("sap-content"), time.tags());
    }

    @Test
    void certifiedAssetsOutrankAnalyticModelsAndReachThePriorityQueue() throws Exception {
        SyncRules rules = sample();
        int certified = rules.priority("SAP_CONTENT", "SALES_AM_ORDER_ITEMS", AssetKind.ANALYTIC_MODEL);
        int model = rules.priority("SPACE_A", "ENROLLMENT_AM", AssetKind.ANALYTIC_MODEL);
        assertEquals(20, certified);
        assertEquals(10, model);
        assertEquals(0, rules.priority("SPACE_A", "SAP_TEL_CVM_IL_SERVICE_USAGE", AssetKind.VIEW));
        assertTrue(rules.isPriority(certified));
        assertTrue(!rules.isPriority(model));
    }

    @Test
    void columnRulesRenameAndExclude() throws Exception {
        ColumnRules columns = sample().columns("SPACE_A", "SAP_TEL_CVM_IL_SERVICE_USAGE", AssetKind.VIEW);
        assertEquals("usage_date_key", columns.renames().get("DATE_TIME"));
        assertTrue(columns.excluded().contains("IS_ROAMING"));
        assertEquals(ColumnRules.NONE, sample().columns("SPACE_A", "OTHER", AssetKind.VIEW));
    }

    @Test
    void replicationTargetsMapConnectionsToBuckets() {
        SyncRules rules = SyncRulesParser.parse("r.json", "{\"version\":1,\"replication\":{\"targets\":["
                + "{\"connection\":\"S3_DATALAKE\",\"bucket\":\"lake-bucket\"}]}}");
        assertTrue(rules.replication().enabled());
        assertEquals("lake-bucket", rules.replication().bucket("S3_DATALAKE").orElseThrow());
        assertTrue(rules.replication().bucket("S3_ARCHIVE").isEmpty());
        assertTrue(SyncRulesParser.parse("r.json", "{\"version\":1}").replication().bucket("S3_DATALAKE").isEmpty());
    }

    @Test
    void withoutAPrioritiesSectionTheDefaultsApply() {
        SyncRules rules = SyncRulesParser.parse("r.json", "{\"version\":1}");
        assertEquals(10, rules.priority("S", "A", AssetKind.ANALYTIC_MODEL));
        assertEquals(0, rules.priority("S", "A", AssetKind.VIEW));
        assertTrue(!rules.isPriority(1000), "no priority queue without a threshold");
    }

    @Test
    void globsMatchCaseInsensitivelyWithStarAndQuestionMark() {
        assertTrue(Glob.of("sap_*").matches("SAP_CONTENT"));
        assertTrue(Glob.of("SPACE_?").matches("SPACE_A"));
        assertTrue(!Glob.of("SPACE_?").matches("SPACE_AB"));
        assertTrue(Glob.of("a.b*").matches("A.B.C"), "dots are literal");
        assertTrue(!Glob.of("a.b").matches("axb"));
    }

    @Test
    void invalidFilesNameTheSourceAndThePath() {
        assertMessage("{\"version\":2}", "r.json: $.version must be 1");
        assertMessage("{\"version\":1,\"businesContext\":[]}", "r.json: $.businesContext is not a known setting");
        assertMessage("{\"version\":1,\"businessContext\":[{\"tags\":\"gold\"}]}",
                "r.json: $.businessContext[0].tags must be a list of strings");
        assertMessage("{\"version\":1,\"priorities\":[{\"match\":{\"kind\":\"TABLE\"},\"priority\":1}]}",
                "r.json: $.priorities[0].match.kind must be one of");
        assertMessage("{\"version\":1,\"priorities\":[{\"priority\":\"high\"}]}",
                "r.json: $.priorities[0].priority must be an integer");
        assertMessage("{\"version\":1,\"columns\":[{\"rename\":{\"A\":\"Not Legal\"}}]}",
                "r.json: $.columns[0].rename.A 'Not Legal' is not a Glue column name");
        assertMessage("{\"version\":1,\"columns\":[{\"types\":{\"A\":\"DECIMAL(10, 2)\"}}]}",
                "r.json: $.columns[0].types.A is not a type Athena and Trino read: 'DECIMAL(10, 2)' must be lower case");
        assertMessage("{\"version\":1,\"columns\":[{\"types\":{\"A\":\"varchar\"}}]}",
                "r.json: $.columns[0].types.A is not a type Athena and Trino read: 'varchar': varchar needs a length");
        assertMessage("{\"version\":1,\"replication\":{\"targets\":[{\"connection\":\"S3\",\"bucket\":\"Bad_Bucket\"}]}}",
                "r.json: $.replication.targets[0].bucket 'Bad_Bucket' is not an S3 bucket name");
        assertMessage("{\"version\":1,\"replication\":{\"targets\":[{\"connection\":\"S3\"}]}}",
                "r.json: $.replication.targets[0].bucket must be a non-empty string");
        assertMessage("not json", "r.json: not valid JSON");
    }

    @Test
    void assetFilterIncludesAndExcludesBySpaceAndAsset() {
        AssetFilter filter = AssetFilter.fromEnvironment(Map.of("DATASPHERE_INCLUDE_SPACES", "SAP_*, SPACE_A",
                "DATASPHERE_EXCLUDE_ASSETS", "SAP_CONTENT/SAP.TIME.*,*_TMP"));
        assertTrue(filter.includesSpace("SAP_CONTENT"));
        assertTrue(!filter.includesSpace("HR"));
        assertTrue(!filter.includesAsset("SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY"));
        assertTrue(filter.includesAsset("SPACE_A", "SAP.TIME.VIEW_DIMENSION_DAY"), "space-qualified exclude");
        assertTrue(!filter.includesAsset("SPACE_A", "ORDERS_TMP"));
        assertTrue(AssetFilter.ALL.includesAsset("ANY", "THING"));
    }

    private static void assertMessage(String json, String expected) {
        RulesException e = assertThrows(RulesException.class, () -> SyncRulesParser.parse("r.json", json));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
