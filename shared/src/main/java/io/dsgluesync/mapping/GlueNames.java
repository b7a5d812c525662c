package io.dsgluesync.mapping;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Deterministic Glue-legal names: lower case {@code [a-z0-9_]} (Glue folds database and table names to lower case when
 * it stores them, https://docs.aws.amazon.com/glue/latest/webapi/API_DatabaseInput.html and
 * https://docs.aws.amazon.com/glue/latest/webapi/API_TableInput.html), every other character becomes {@code _}, and a
 * name over the limit is cut and given a hash suffix of the original so that two long names stay distinct.
 */
public final class GlueNames {
    private GlueNames() {
    }

    public static String database(String prefix, String space) {
        return normalise((prefix == null ? "" : prefix) + space, GlueLimits.DATABASE_NAME);
    }

    public static String table(String asset) {
        return normalise(asset, GlueLimits.NAME);
    }

    public static String column(String property) {
        return normalise(property, GlueLimits.NAME);
    }

    static String normalise(String name, int limit) {
        if (name == null || name.isBlank()) {
            throw new MappingException("name", "an empty name cannot become a Glue name");
        }
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            out.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ? c : '_');
        }
        if (out.length() <= limit) {
            return out.toString();
        }
        String suffix = "_" + shortHash(name);
        return out.substring(0, limit - suffix.length()) + suffix;
    }

    private static String shortHash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
