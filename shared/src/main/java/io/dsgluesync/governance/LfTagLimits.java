package io.dsgluesync.governance;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Lake Formation's rules for LF-Tag keys and values, named once. The API's {@code LFTag} shape allows keys of 1..128
 * and values of 0..256 characters matching {@code ^([\p{L}\p{Z}\p{N}_.:\/=+\-@%]*)$} (values also {@code *},
 * the wildcard of tag expressions, which the sync never assigns), see
 * https://docs.aws.amazon.com/lake-formation/latest/APIReference/API_LFTag.html; Lake Formation stores keys and
 * values in lower case and a resource carries at most 50 LF-Tags
 * (https://docs.aws.amazon.com/lake-formation/latest/dg/TBAC-creating-tags.html). The sync plans with 50
 * characters for both, well inside those limits, so that a tag stays readable in policies and the console.
 */
public final class LfTagLimits {
    public static final int MAX_KEY = 50;
    public static final int MAX_VALUE = 50;
    public static final int MAX_TAGS_PER_RESOURCE = 50;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@%]*");
    private static final Pattern DISALLOWED_CHAR = Pattern.compile("[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@%]");

    private LfTagLimits() {
    }

    /** Why {@code text} cannot be a key or value as written in the rules file; empty when it can. */
    public static Optional<String> problem(String text, int max) {
        if (text.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (!text.equals(text.toLowerCase(Locale.ROOT))) {
            return Optional.of("'" + text + "' must be lower case (Lake Formation stores LF-Tags in lower case)");
        }
        if (text.length() > max) {
            return Optional.of("'" + text + "' is longer than " + max + " characters");
        }
        if (!ALLOWED.matcher(text).matches()) {
            return Optional.of("'" + text + "' has characters an LF-Tag cannot hold (allowed: letters, digits, spaces"
                    + " and _ . : / = + - @ %)");
        }
        if (!text.strip().equals(text)) {
            return Optional.of("'" + text + "' must not start or end with a space");
        }
        return Optional.empty();
    }

    /**
     * A value computed at sync time made fit for an LF-Tag: lower case, disallowed characters replaced by {@code _},
     * cut to {@link #MAX_VALUE}, outer spaces stripped; empty when nothing usable is left.
     */
    public static Optional<String> normalised(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String value = DISALLOWED_CHAR.matcher(raw.toLowerCase(Locale.ROOT)).replaceAll("_").strip();
        if (value.length() > MAX_VALUE) {
            value = value.substring(0, MAX_VALUE).strip();
        }
        return value.isEmpty() || problem(value, MAX_VALUE).isPresent() ? Optional.empty() : Optional.of(value);
    }
}
