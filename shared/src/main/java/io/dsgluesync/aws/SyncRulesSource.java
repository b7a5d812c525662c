package io.dsgluesync.aws;

import io.dsgluesync.rules.RulesException;
import io.dsgluesync.rules.SyncRules;
import io.dsgluesync.rules.SyncRulesParser;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Loads the rules file from {@code SYNC_RULES_LOCATION}: a path or {@code file:} URI (e.g. bundled in a layer), or an
 * {@code s3://bucket/key} object. Empty means the built-in defaults. Read once per container, validated at start.
 */
public final class SyncRulesSource {
    private SyncRulesSource() {
    }

    /** From {@code SYNC_RULES_BUCKET} + {@code SYNC_RULES_KEY} (as template.yaml sets them) or {@code SYNC_RULES_LOCATION}. */
    public static SyncRules fromEnvironment(java.util.Map<String, String> env, Supplier<S3Client> s3) {
        String bucket = env.get("SYNC_RULES_BUCKET");
        if (bucket != null && !bucket.isBlank()) {
            return load("s3://" + bucket + "/" + env.getOrDefault("SYNC_RULES_KEY", "sync-rules.json"), s3);
        }
        return load(env.get("SYNC_RULES_LOCATION"), s3);
    }

    public static SyncRules load(String location, Supplier<S3Client> s3) {
        if (location == null || location.isBlank()) {
            return SyncRules.DEFAULT;
        }
        String text;
        if (location.startsWith("s3://")) {
            URI uri = URI.create(location);
            String key = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
            try {
                text = s3.get().getObjectAsBytes(r -> r.bucket(uri.getHost()).key(key)).asString(StandardCharsets.UTF_8);
            } catch (S3Exception e) {
                throw new RulesException(location + ": cannot read the rules file ("
                        + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode()) + ")");
            }
        } else {
            Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
            try {
                text = Files.readString(path);
            } catch (IOException e) {
                throw new RulesException(location + ": cannot read the rules file (" + e + ")");
            }
        }
        return SyncRulesParser.parse(location, text);
    }
}
