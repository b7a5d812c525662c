package io.dsgluesync.mapping;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a table's data lives. Athena and Trino open a Glue table only when its storage descriptor has a
 * {@code Location} (Trino's Hive connector fails {@code DESCRIBE} with "No value present" otherwise), so every table
 * gets one: from the configured template, or from the S3 location a replication flow writes to.
 *
 * <p>Template placeholders are filled with the normalised Glue names only ({@code [a-z0-9_]}), never with raw
 * Datasphere names, so that no asset name (e.g. {@code ../../finance/payroll}) can move a table's location out of
 * the template's fixed prefix; the result is checked against that prefix anyway.
 */
public final class TableLocation {
    /** The default when only a data bucket is configured: {@code s3://<bucket>/datasphere/{database}/{table}/}. */
    public static final String DEFAULT_TEMPLATE = "s3://%s/datasphere/{database}/{table}/";
    private static final List<String> PLACEHOLDERS = List.of("{database}", "{table}", "{space}", "{asset}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");
    /** S3 bucket naming rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private TableLocation() {
    }

    /** The template of a data bucket, for deployments that name only the bucket. */
    public static String defaultTemplate(String bucket) {
        return String.format(DEFAULT_TEMPLATE, bucket);
    }

    /**
     * Checks a template: an {@code s3://} URL with a valid bucket, only known placeholders, and {@code {table}} or
     * {@code {asset}} so that no two tables share a location; answers it with a trailing slash.
     */
    public static String checkTemplate(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("GLUE_TABLE_LOCATION_TEMPLATE or GLUE_DATA_BUCKET must be set: Athena"
                    + " and Trino cannot open a table without a location");
        }
        String bucket = bucket(template);
        if (!isBucketName(bucket)) {
            throw new IllegalArgumentException("GLUE_TABLE_LOCATION_TEMPLATE '" + template
                    + "' must start with s3://<bucket>/ (a valid bucket name, no placeholder in it)");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group())) {
                throw new IllegalArgumentException("GLUE_TABLE_LOCATION_TEMPLATE: unknown placeholder " + m.group()
                        + " (known: " + String.join(", ", PLACEHOLDERS) + ")");
            }
        }
        if (!template.contains("{table}") && !template.contains("{asset}")) {
            throw new IllegalArgumentException("GLUE_TABLE_LOCATION_TEMPLATE '" + template
                    + "' must contain {table} or {asset}, or every table would read the same files");
        }
        return template.endsWith("/") ? template : template + "/";
    }

    /** The template filled with Glue names; the asset fails if the result leaves the template's fixed prefix. */
    static String resolve(String template, String database, String table, String space, String asset) {
        String location = template.replace("{database}", database).replace("{table}", table)
                .replace("{space}", GlueNames.normalise(space, GlueLimits.DATABASE_NAME))
                .replace("{asset}", GlueNames.table(asset));
        String prefix = fixedPrefix(template);
        String path = location.substring("s3://".length());
        if (!location.startsWith(prefix) || path.contains("//") || path.contains("/../") || path.contains("/./")) {
            throw new MappingException("location", "asset " + space + "/" + asset + ": location " + location
                    + " does not stay under the template's prefix " + prefix);
        }
        return location;
    }

    /**
     * The S3 folder a replication flow writes a target object to, {@code s3://<bucket>/<container>/<object>/}
     * (SAP Datasphere: "Cloud Storage Provider Targets for Replication Flows"). These are the names the files
     * really have, so they are used as they are, but only when they form a plain relative path.
     */
    public static String replica(String bucket, String container, String object) {
        String folder = trimSlashes(container);
        String name = trimSlashes(object);
        String path = (folder.isEmpty() ? "" : folder + "/") + name;
        if (!isBucketName(bucket)) {
            throw new MappingException("replication.bucket", "'" + bucket + "' is not a valid S3 bucket name");
        }
        if (name.isEmpty() || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')
                || ("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./") || path.contains("//")) {
            throw new MappingException("replication.targetObject", "container '" + container + "' and target object '"
                    + object + "' do not form a plain S3 path");
        }
        return "s3://" + bucket + "/" + path + "/";
    }

    /** Whether {@code name} follows S3's bucket naming rules (length, characters, first and last character). */
    public static boolean isBucketName(String name) {
        return name != null && BUCKET.matcher(name).matches();
    }

    static String fixedPrefix(String template) {
        int brace = template.indexOf('{');
        return brace < 0 ? template : template.substring(0, brace);
    }

    private static String bucket(String template) {
        if (!template.startsWith("s3://")) {
            return null;
        }
        int slash = template.indexOf('/', "s3://".length());
        return slash < 0 ? template.substring("s3://".length()) : template.substring("s3://".length(), slash);
    }

    private static String trimSlashes(String text) {
        String t = text == null ? "" : text.trim();
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
