package io.dsgluesync.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.model.JsonCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The audit export as an auditor's spreadsheet or script reads it. */
class RunExportTest {
    private static final Map<String, AttributeValue> ASSET = Map.ofEntries(
            Map.entry("pk", AttributeValue.fromS("RUN#r1")), Map.entry("sk", AttributeValue.fromS("ASSET#S/A")),
            Map.entry("runId", AttributeValue.fromS("r1")), Map.entry("space", AttributeValue.fromS("S")),
            Map.entry("asset", AttributeValue.fromS("A")), Map.entry("action", AttributeValue.fromS("FAILED")),
            Map.entry("columnCount", AttributeValue.fromN("12")),
            Map.entry("error", AttributeValue.fromS("asset S/A: bad \"Edm.Foo\" type, column X\nsecond line")),
            Map.entry("warnings", AttributeValue.fromL(List.of(AttributeValue.fromS("w1"),
                    AttributeValue.fromS("w,2")))),
            Map.entry("calls", AttributeValue.fromM(Map.of("glue.GetTable", AttributeValue.fromN("1")))),
            Map.entry("expiresAt", AttributeValue.fromN("1800000000")));

    @Test
    void csvQuotesCommasQuotesAndLineBreaksAsRfc4180Says() {
        String csv = RunExport.csv(List.of(ASSET));
        String[] lines = csv.split("\r\n", -1);
        assertEquals(String.join(",", RunExport.COLUMNS) + ",expiresAt", lines[0]);
        assertEquals("", lines[lines.length - 1], "every record ends in CRLF");
        String row = csv.substring(lines[0].length() + 2, csv.length() - 2);
        assertEquals("r1,S,A,,FAILED,,,12,,,,,,,"
                + "\"asset S/A: bad \"\"Edm.Foo\"\" type, column X\nsecond line\",,"
                + "\"[\"\"w1\"\",\"\"w,2\"\"]\",\"{\"\"glue.GetTable\"\":1}\",,,,,1800000000", row);
    }

    @Test
    void aFieldWithoutSpecialCharactersIsNotQuoted() {
        assertEquals("plain text", RunExport.quote("plain text"));
        assertEquals("\"a\rb\"", RunExport.quote("a\rb"));
    }

    @Test
    void jsonHoldsPlainValuesWithoutTheTableKeys() throws Exception {
        Map<String, AttributeValue> summary = Map.of("pk", AttributeValue.fromS("RUN#r1"),
                "sk", AttributeValue.fromS("SUMMARY"), "runId", AttributeValue.fromS("r1"),
                "listingComplete", AttributeValue.fromBool(true), "processed", AttributeValue.fromN("1"),
                "targetAccounts", AttributeValue.fromSs(List.of("222", "111")));
        JsonNode export = JsonCodec.mapper().readTree(RunExport.json(summary, List.of(ASSET)));

        assertEquals(JsonCodec.mapper().readTree("{\"listingComplete\":true,\"processed\":1,\"runId\":\"r1\","
                + "\"targetAccounts\":[\"111\",\"222\"]}"), export.get("summary"));
        JsonNode asset = export.get("assets").get(0);
        assertEquals(12, asset.get("columnCount").intValue());
        assertEquals("w,2", asset.get("warnings").get(1).asText());
        assertEquals(1, asset.get("calls").get("glue.GetTable").intValue());
        assertEquals(false, asset.has("pk") || asset.has("sk"));
    }
}
