package io.dsgluesync.local.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One decoded OData resource-path segment such as {@code spaces('SAP_CONTENT')} or
 * {@code assets(spaceName='S',name='A.B')}. String literals use OData quoting: a {@code '} inside is doubled.
 *
 * @param name         entity-set name before the parenthesis
 * @param keyPredicate text inside the parentheses, or null when there are none
 */
record ODataSegment(String name, String keyPredicate) {

    static ODataSegment parse(String decoded) {
        int open = decoded.indexOf('(');
        if (open < 0) {
            return new ODataSegment(decoded, null);
        }
        if (!decoded.endsWith(")")) {
            throw ODataError.badRequest("Malformed key predicate in segment '" + decoded + "'");
        }
        return new ODataSegment(decoded.substring(0, open), decoded.substring(open + 1, decoded.length() - 1));
    }

    boolean hasKey() {
        return keyPredicate != null;
    }

    /** The single string key: {@code 'X'} → X. */
    String singleKey() {
        String predicate = keyPredicate.trim();
        int[] end = new int[1];
        String value = readLiteral(predicate, 0, end);
        if (end[0] != predicate.length()) {
            throw ODataError.badRequest("Expected a single quoted key in '" + name + "(" + keyPredicate + ")'");
        }
        return value;
    }

    /** Named keys: {@code a='x',b='y'} → {a=x, b=y}. */
    Map<String, String> namedKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        String p = keyPredicate;
        int i = 0;
        while (i < p.length()) {
            int eq = p.indexOf('=', i);
            if (eq < 0) {
                throw ODataError.badRequest("Malformed key predicate '" + p + "'");
            }
            String key = p.substring(i, eq).trim();
            int[] end = new int[1];
            keys.put(key, readLiteral(p, skipSpaces(p, eq + 1), end));
            i = skipSpaces(p, end[0]);
            if (i < p.length()) {
                if (p.charAt(i) != ',') {
                    throw ODataError.badRequest("Malformed key predicate '" + p + "'");
                }
                i = skipSpaces(p, i + 1);
            }
        }
        return keys;
    }

    /** Reads {@code 'text'} at {@code start}; {@code ''} is an escaped quote. Sets end[0] after the closing quote. */
    static String readLiteral(String s, int start, int[] end) {
        if (start >= s.length() || s.charAt(start) != '\'') {
            throw ODataError.badRequest("Expected a quoted string at position " + start + " of '" + s + "'");
        }
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                    continue;
                }
                end[0] = i + 1;
                return value.toString();
            }
            value.append(c);
            i++;
        }
        throw ODataError.badRequest("Unterminated string literal in '" + s + "'");
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
