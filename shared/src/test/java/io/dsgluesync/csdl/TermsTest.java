package io.dsgluesync.csdl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Annotation terms compared as lower-case "vocabulary.term", whatever the namespace's version segment. */
class TermsTest {

    @Test
    void theVersionSegmentOfAFullNamespaceIsSkipped() {
        assertEquals("common.label", Terms.normalise("com.sap.vocabularies.Common.v1.Label"));
        assertEquals("analytics.dimension", Terms.normalise("com.sap.vocabularies.Analytics.V12.Dimension"));
        assertEquals("common.label", Terms.normalise("Common.Label"));
    }

    @Test
    void onlyAVOrVFollowedByDigitsIsAVersion() {
        assertEquals("v.label", Terms.normalise("Vocab.v.Label"));
        assertEquals("v1a.label", Terms.normalise("Vocab.v1a.Label"));
        assertEquals("x2.label", Terms.normalise("Vocab.x2.Label"));
        assertEquals("v٣.label", Terms.normalise("Vocab.v٣.Label"), "only ASCII digits, as the regex \\d");
        assertEquals(".label", Terms.normalise("v1.Label"));
        assertEquals(".label", Terms.normalise("Label"));
    }
}
