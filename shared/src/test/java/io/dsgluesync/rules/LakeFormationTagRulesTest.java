package io.dsgluesync.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dsgluesync.governance.LfTagRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class LakeFormationTagRulesTest {
    private static SyncRules parse(String tags) {
        return SyncRulesParser.parse("rules.json", "{\"version\": 1, \"lakeFormationTags\": [" + tags + "]}");
    }

    private static String error(String tags) {
        return assertThrows(RulesException.class, () -> parse(tags)).getMessage();
    }

    @Test
    void readsEverySourceWithItsLevel() {
        List<LfTagRule> rules = parse("""
                {"key": "space", "from": "space", "on": "database"},
                {"key": "certification", "from": "certification"},
                {"key": "domain", "from": "property", "property": "domain"},
                {"key": "tier", "from": "tag", "values": {"gold": "gold", "silver": "silver"}},
                {"key": "env", "from": "value", "value": "prod", "on": "database"},
                {"key": "role", "from": "columnRole"}""").lakeFormationTags();
        assertEquals(6, rules.size());
        assertEquals(LfTagRule.Level.DATABASE, rules.get(0).level());
        assertEquals(LfTagRule.Level.TABLE, rules.get(1).level());
        assertEquals("domain", rules.get(2).property());
        assertEquals(List.of("gold", "silver"), List.copyOf(rules.get(3).values().keySet()));
        assertEquals("prod", rules.get(4).value());
        assertEquals(LfTagRule.Level.COLUMN, rules.get(5).level());
    }

    @Test
    void invalidEntriesNameTheField() {
        assertEquals("rules.json: $.lakeFormationTags[0].key 'Tier' must be lower case (Lake Formation stores LF-Tags"
                + " in lower case)", error("{\"key\": \"Tier\", \"from\": \"certification\"}"));
        assertEquals("rules.json: $.lakeFormationTags[0].key '" + "k".repeat(51) + "' is longer than 50 characters",
                error("{\"key\": \"" + "k".repeat(51) + "\", \"from\": \"certification\"}"));
        assertEquals("rules.json: $.lakeFormationTags[0].value 'a*b' has characters an LF-Tag cannot hold (allowed:"
                + " letters, digits, spaces and _ . : / = + - @ %)",
                error("{\"key\": \"k\", \"from\": \"value\", \"value\": \"a*b\"}"));
        assertEquals("rules.json: $.lakeFormationTags[0].on 'owner' gives no value for a database (it can tag:"
                + " [table])", error("{\"key\": \"k\", \"from\": \"owner\", \"on\": \"database\"}"));
        assertEquals("rules.json: $.lakeFormationTags[0].property must be a non-empty string",
                error("{\"key\": \"k\", \"from\": \"property\"}"));
        assertEquals("rules.json: $.lakeFormationTags[0].values.gold 'Gold' must be lower case (Lake Formation"
                + " stores LF-Tags in lower case)",
                error("{\"key\": \"k\", \"from\": \"tag\", \"values\": {\"gold\": \"Gold\"}}"));
        assertEquals("rules.json: $.lakeFormationTags[1].key 'k' is already given to each table by"
                + " $.lakeFormationTags[0] (a resource holds one value per key)",
                error("{\"key\": \"k\", \"from\": \"owner\"}, {\"key\": \"k\", \"from\": \"steward\"}"));
        assertEquals("rules.json: $.lakeFormationTags[0].from must be one of [space, value, kind, owner, steward,"
                + " certification, semanticUsage, property, tag, columnRole, columnSemantics], not 'glossary'",
                error("{\"key\": \"k\", \"from\": \"glossary\"}"));
    }

    @Test
    void atMostFiftyTagsPerLevel() {
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            tags.append(i == 0 ? "" : ",").append("{\"key\": \"k").append(i).append("\", \"from\": \"value\",")
                    .append(" \"value\": \"v\"}");
        }
        assertEquals("rules.json: $.lakeFormationTags[50] is one LF-Tag too many for a table (Lake Formation allows"
                + " 50 per resource)", error(tags.toString()));
    }

    @Test
    void theTagRulesArePartOfTheConfigurationHashOnlyWhenSet() {
        List<LfTagRule> rules = parse("{\"key\": \"certification\", \"from\": \"certification\"}").lakeFormationTags();
        assertEquals(AssetRules.NONE.canonical(), new AssetRules(BusinessContext.NONE, ColumnRules.NONE, List.of())
                .canonical());
        assertNotEquals(AssetRules.NONE.canonical(), new AssetRules(BusinessContext.NONE, ColumnRules.NONE, rules)
                .canonical());
    }
}
