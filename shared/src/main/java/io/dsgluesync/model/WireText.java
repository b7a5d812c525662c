package io.dsgluesync.model;

/**
 * Text as SQS and Glue accept it. Both allow only the XML 1.0 character set: TAB, LF, CR, U+0020–U+D7FF,
 * U+E000–U+FFFD and U+10000–U+10FFFF, i.e. no other control character, no U+FFFE/U+FFFF and no lone surrogate
 * (SQS: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html, MessageBody;
 * Glue: the CommentString/DescriptionString patterns, https://docs.aws.amazon.com/glue/latest/webapi/API_TableInput.html).
 * Anything else becomes U+FFFD, so that a Datasphere label can never make a whole batch or a table write fail.
 */
public final class WireText {
    private WireText() {
    }

    public static String clean(String text) {
        if (text == null || isClean(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(allowed(c) ? c : 0xFFFD));
        return out.toString();
    }

    static boolean isClean(String text) {
        int i = 0;
        // Most text is plain: below the surrogates and no control character.
        while (i < text.length() && text.charAt(i) >= 0x20 && text.charAt(i) < 0xD800) {
            i++;
        }
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (!allowed(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
