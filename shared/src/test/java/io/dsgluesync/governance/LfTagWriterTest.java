package io.dsgluesync.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lakeformation.model.AccessDeniedException;

class LfTagWriterTest {
    /** Lake Formation as a list of calls; attaching {@code refused} is denied. */
    private static final class FakeLakeFormation extends LakeFormationCatalog {
        final List<String> calls = new ArrayList<>();
        private final String refused;

        FakeLakeFormation(String refused) {
            super(null, null);
            this.refused = refused;
        }

        @Override
        public Optional<Set<String>> tagValues(String key) {
            calls.add("GetLFTag " + key);
            return Optional.empty();
        }

        @Override
        public void createTag(String key, Collection<String> values) {
            calls.add("CreateLFTag " + key + values);
        }

        @Override
        public List<String> add(String database, String table, LfTagPlan.Resource at, List<String> columns,
                                String key, String value) {
            calls.add("AddLFTagsToResource " + key + "=" + value + " " + at + columns);
            if (key.equals(refused)) {
                throw new LfTagException(LfTagException.Kind.DENIED, "AddLFTagsToResource", key,
                        AccessDeniedException.builder().message("Insufficient Lake Formation permission(s)").build());
            }
            return List.of();
        }
    }

    private static final LfTags DESIRED = new LfTags(Map.of("space", "a"), Map.of("certification", "certified",
            "steward", "jane"), Map.of("x", Map.of("role", "measure"), "y", Map.of("role", "measure")));

    @Test
    void aNewTableIsTaggedWithoutReadingItsTagsAndColumnsSharingATagShareACall() {
        FakeLakeFormation lf = new FakeLakeFormation(null);
        LfTagWriter.Result result = new LfTagWriter(lf).apply("db", "t", List.of("x", "y"),
                new LfTags(Map.of(), DESIRED.table(), DESIRED.columns()), LfTags.NONE, true, false);
        assertEquals(List.of("GetLFTag certification", "CreateLFTag certification[certified]", "GetLFTag role",
                "CreateLFTag role[measure]", "GetLFTag steward", "CreateLFTag steward[jane]",
                "AddLFTagsToResource certification=certified table[]", "AddLFTagsToResource steward=jane table[]",
                "AddLFTagsToResource role=measure column x[x, y]"), lf.calls);
        assertTrue(result.errors().isEmpty());
    }

    @Test
    void aRefusedAttachIsAnErrorNamingTheTagAndTableAndIsLeftOutOfTheMarker() {
        FakeLakeFormation lf = new FakeLakeFormation("certification");
        LfTagWriter.Result result = new LfTagWriter(lf).apply("db", "t", List.of("x", "y"),
                new LfTags(Map.of(), DESIRED.table(), Map.of()), LfTags.NONE, true, false);
        assertEquals(List.of("LF-Tag certification=certified on table of db.t not attached: AddLFTagsToResource"
                + " (certification) denied: Insufficient Lake Formation permission(s)"), result.errors());
        assertEquals(Map.of("steward", "jane"), result.attached().table());
    }

    @Test
    void aPlanSaysWhatItWouldTagAndCallsNothing() {
        FakeLakeFormation lf = new FakeLakeFormation(null);
        LfTagWriter.Result result = new LfTagWriter(lf).apply("db", "t", List.of("x"),
                new LfTags(Map.of(), Map.of("steward", "jane"), Map.of()), LfTags.NONE, true, true);
        assertEquals(List.of(), lf.calls);
        assertEquals(List.of("+steward=jane on table"), result.changes());
    }

    @Test
    void anUnchangedMarkerCostsNoCall() {
        FakeLakeFormation lf = new FakeLakeFormation(null);
        LfTagWriter.Result result = new LfTagWriter(lf).apply("db", "t", List.of("x", "y"), DESIRED, DESIRED, false,
                false);
        assertEquals(List.of(), lf.calls);
        assertEquals(DESIRED, result.attached());
    }
}
