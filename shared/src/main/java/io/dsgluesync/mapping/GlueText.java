package io.dsgluesync.mapping;

import io.dsgluesync.model.AssetMessage;
import java.util.Map;
import java.util.regex.Pattern;

/** Fits business text into Glue's fields: comments ≤ 255 without line breaks, descriptions ≤ 2,048. */
final class GlueText {
    /**
     * Glue's CommentString pattern admits TAB but no other control character
     * (https://docs.aws.amazon.com/glue/latest/webapi/API_Column.html).
     */
    private static final Pattern LINE_BREAKS_AND_CONTROLS = Pattern.compile("[\\r\\n\\x00-\\x08\\x0B-\\x1F]+");

    private GlueText() {
    }

    /**
     * Glue rejects CR/LF in comments and names (the Comment and Name patterns in
     * https://docs.aws.amazon.com/glue/latest/webapi/API_Column.html): line breaks become spaces.
     */
    static String comment(String text) {
        if (text == null) {
            return null;
        }
        return cut(flatten(text), GlueLimits.COMMENT);
    }

    static boolean needsFullCopy(String text) {
        return text.length() > GlueLimits.COMMENT || !text.equals(flatten(text));
    }

    static String description(String text) {
        return text == null ? null : cut(text, GlueLimits.DESCRIPTION);
    }

    static void checkParameters(AssetMessage asset, String where, Map<String, String> parameters) {
        parameters.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > GlueLimits.PARAMETER_KEY) {
                throw new MappingException("parameters." + key, "asset " + asset.space() + "/" + asset.asset()
                        + ": " + where + " parameter key of " + key.length() + " characters (Glue allows 1.."
                        + GlueLimits.PARAMETER_KEY + ")");
            }
            if (value != null && value.length() > GlueLimits.PARAMETER_VALUE) {
                throw new MappingException("parameters." + key, "asset " + asset.space() + "/" + asset.asset()
                        + ": " + where + " parameter " + key + " is " + value.length()
                        + " characters (Glue allows " + GlueLimits.PARAMETER_VALUE + ")");
            }
        });
    }

    /** Called twice for every column with a label, so the common case (no control character) does not match. */
    private static String flatten(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t') {
                return LINE_BREAKS_AND_CONTROLS.matcher(text).replaceAll(" ").strip();
            }
        }
        return text.strip();
    }

    /**
     * Never splits a surrogate pair: Glue's text pattern accepts only whole pairs
     * (https://docs.aws.amazon.com/glue/latest/webapi/API_Column.html).
     */
    private static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(limit - 2)) ? limit - 2 : limit - 1;
        return text.substring(0, end) + "…";
    }
}
