package io.dsgluesync.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LfTagPlanTest {
    private static LfTags table(Map<String, String> tags) {
        return new LfTags(Map.of(), tags, Map.of());
    }

    @Test
    void newTagsAreAddedAndTheirValuesRequired() {
        LfTagPlan plan = LfTagPlan.of(new LfTags(Map.of("space", "sap_content"), Map.of("certification", "certified"),
                Map.of("amount", Map.of("role", "measure"))), LfTags.NONE, LfTags.NONE);
        assertEquals(List.of("space=sap_content on database", "certification=certified on table",
                "role=measure on column amount"), plan.adds().stream().map(Object::toString).toList());
        assertTrue(plan.removes().isEmpty());
        assertEquals(Map.of("space", Set.of("sap_content"), "certification", Set.of("certified"),
                "role", Set.of("measure")), plan.required());
        assertEquals(Map.of("certification", "certified"), plan.attached().table());
    }

    @Test
    void aChangedValueRemovesTheSyncsOldTagAndAddsTheNewOne() {
        LfTags before = table(Map.of("certification", "certified"));
        LfTagPlan plan = LfTagPlan.of(table(Map.of("certification", "in-review")), before, before);
        assertEquals(List.of("certification=certified on table"),
                plan.removes().stream().map(Object::toString).toList());
        assertEquals(List.of("certification=in-review on table"), plan.adds().stream().map(Object::toString).toList());
        assertEquals(Map.of("certification", "in-review"), plan.attached().table());
    }

    @Test
    void aTagNoLongerGivenIsRemovedOnlyWhileItHasTheValueTheSyncAttached() {
        LfTags before = table(Map.of("steward", "jane", "tier", "gold"));
        LfTags now = table(Map.of("steward", "jane", "tier", "silver"));
        LfTagPlan plan = LfTagPlan.of(LfTags.NONE, before, now);
        assertEquals(List.of("steward=jane on table"), plan.removes().stream().map(Object::toString).toList());
        assertTrue(plan.adds().isEmpty());
    }

    @Test
    void tagsAUserAttachedAreNeitherRemovedNorOverwritten() {
        LfTags current = table(Map.of("pii", "yes", "certification", "gold-standard"));
        LfTagPlan plan = LfTagPlan.of(table(Map.of("certification", "certified")), LfTags.NONE, current);
        assertTrue(plan.isEmpty(), plan.toString());
        assertEquals(Map.of(), plan.attached().table());
        assertEquals(1, plan.notes().size());
        assertTrue(plan.notes().get(0).contains("certification=gold-standard on table was not attached by the sync"),
                plan.notes().get(0));
    }

    @Test
    void aResourceNeverCarriesMoreThanFiftyTags() {
        Map<String, String> users = new TreeMap<>();
        for (int i = 0; i < 49; i++) {
            users.put("user" + i, "v");
        }
        LfTagPlan plan = LfTagPlan.of(table(Map.of("a", "1", "b", "2")), LfTags.NONE, table(users));
        assertEquals(List.of("a=1 on table"), plan.adds().stream().map(Object::toString).toList());
        assertTrue(plan.notes().get(0).contains("b=2 left off table"), plan.notes().toString());
        assertEquals(Map.of("a", "1"), plan.attached().table());
    }

    @Test
    void onlyLevelsWhoseTagsChangedNeedReading() {
        LfTags before = new LfTags(Map.of("space", "a"), Map.of("tier", "gold"), Map.of("c", Map.of("role", "key")));
        LfTags after = new LfTags(Map.of("space", "a"), Map.of("tier", "silver"), Map.of("c", Map.of("role", "key")));
        assertEquals(Set.of(LfTagRule.Level.TABLE), LfTagPlan.changedLevels(after, before));
    }

    @Test
    void computedValuesAreNormalisedOrLeftOutWithANote() {
        assertEquals(Optional.of("jane.doe@example.com"), LfTagLimits.normalised("Jane.Doe@Example.com"));
        assertEquals(Optional.of("sales_emea_"), LfTagLimits.normalised("Sales|EMEA*"));
        assertEquals(50, LfTagLimits.normalised("x".repeat(80)).orElseThrow().length());
        assertEquals(Optional.empty(), LfTagLimits.normalised("   "));

        List<LfTagRule> rules = List.of(
                new LfTagRule("space", LfTagRule.Source.SPACE, LfTagRule.Level.DATABASE, null, null, null),
                new LfTagRule("owner", LfTagRule.Source.OWNER, LfTagRule.Level.TABLE, null, null, null),
                new LfTagRule("tier", LfTagRule.Source.TAG, LfTagRule.Level.TABLE, null,
                        new LinkedHashMap<>(Map.of("gold", "gold")), null),
                new LfTagRule("role", LfTagRule.Source.COLUMN_ROLE, LfTagRule.Level.COLUMN, null, null, null));
        Map<String, Map<String, String>> columns = new LinkedHashMap<>();
        columns.put("id", Map.of("datasphere.key", "true", "datasphere.role", "dimension"));
        columns.put("amount", Map.of("datasphere.role", "measure"));
        columns.put("note", Map.of());
        DesiredLfTags desired = DesiredLfTags.of(rules, Map.of("datasphere.space", "SAP_CONTENT",
                "datasphere.owner", "   "), List.of("sales", "gold"), columns);
        assertEquals(Map.of("space", "sap_content"), desired.tags().database());
        assertEquals(Map.of("tier", "gold"), desired.tags().table());
        assertEquals(Map.of("id", Map.of("role", "key"), "amount", Map.of("role", "measure")),
                desired.tags().columns());
        assertEquals(List.of("LF-Tag owner left off the table: '   ' leaves no usable value"), desired.notes());
    }

    @Test
    void theFirstListedTagMappingTheAssetHasWins() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("gold", "gold");
        values.put("silver", "silver");
        LfTagRule tier = new LfTagRule("tier", LfTagRule.Source.TAG, LfTagRule.Level.TABLE, null, values, null);
        DesiredLfTags desired = DesiredLfTags.of(List.of(tier), Map.of(), List.of("silver", "gold"), Map.of());
        assertEquals(Map.of("tier", "gold"), desired.tags().table());
    }

    @Test
    void theMarkerRoundTripsAsCompactJson() {
        LfTags tags = new LfTags(Map.of("space", "a"), Map.of(), Map.of("amount", Map.of("role", "measure")));
        assertEquals("{\"c\":{\"amount\":{\"role\":\"measure\"}},\"d\":{\"space\":\"a\"}}", tags.toJson());
        assertEquals(tags, LfTags.parse(tags.toJson()));
        assertEquals(LfTags.NONE, LfTags.parse("not json"));
    }
}
