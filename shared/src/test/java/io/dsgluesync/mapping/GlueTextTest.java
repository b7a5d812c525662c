package io.dsgluesync.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Business text fitted into Glue's comment field. */
class GlueTextTest {

    @Test
    void controlCharactersOtherThanTabBecomeSpacesAndTheFullTextIsKeptElsewhere() {
        String label = "Gross\u0007amount\r\nin\tEUR\u001F";
        assertEquals("Gross amount in\tEUR", GlueText.comment(label));
        assertTrue(GlueText.needsFullCopy(label), "the original goes into datasphere.label");
        assertTrue(!GlueText.needsFullCopy("Gross amount in\tEUR"));
    }

    @Test
    void plainTextIsOnlyStrippedAndCountsAsChangedWhenItWas() {
        assertEquals("Gross amount", GlueText.comment("  Gross amount\t"));
        assertTrue(GlueText.needsFullCopy(" Gross amount"), "stripping changed it");
        assertTrue(!GlueText.needsFullCopy("Gross amount \u00e0 \ud83d\ude00"));
    }
}
