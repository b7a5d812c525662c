package io.dsgluesync.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Text that SQS and Glue accept: the XML character set, anything else replaced by U+FFFD. */
class WireTextTest {

    @Test
    void charactersOutsideTheXmlSetBecomeTheReplacementCharacter() {
        assertEquals("A\uFFFDB", WireText.clean("A\uFFFFB"));
        assertEquals("A\uFFFDB", WireText.clean("A\uD800B"), "a lone high surrogate");
        assertEquals("A\uFFFD", WireText.clean("A\uDC00"), "a lone low surrogate");
        assertEquals("\uFFFD\t\n\r", WireText.clean("\u0001\t\n\r"));
    }

    @Test
    void validTextIsReturnedAsItIs() {
        String text = "Umsatz € 😀 日本 \t";
        assertSame(text, WireText.clean(text));
        assertEquals(null, WireText.clean(null));
    }
}
