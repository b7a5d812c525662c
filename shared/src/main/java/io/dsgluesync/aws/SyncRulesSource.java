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
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Loads the rules file from {@code SYNC_RULES_LOCATION}: a path or {@code file:} URI (e.g. bundled in a layer), or an
 * {@code s3://bucket/key} object. Empty means the built-in defaults. Validated when the function starts, and
 * re-read by {@link Reloading} so that an edit takes effect on the next run, also under Lambda SnapStart, where the
 * constructor ran when the version was published
 * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-best-practices.html, "State uniqueness").
 */
public final class SyncRulesSource {
    private SyncRulesSource() {
    }

    /**
     * Where the rules are: {@code SYNC_RULES_BUCKET} + {@code SYNC_RULES_KEY} (as template.yaml sets them), else
     * {@code SYNC_RULES_LOCATION}; null or blank for the defaults.
     */
    public static String location(java.util.Map<String, String> env) {
        String bucket = env.get("SYNC_RULES_BUCKET");
        if (bucket != null && !bucket.isBlank()) {
            return "s3://" + bucket + "/" + env.getOrDefault("SYNC_RULES_KEY", "sync-rules.json");
        }
        return env.get("SYNC_RULES_LOCATION");
    }

    /** Rules loaded now (a bad file fails here, at start) and re-read at most every {@code SYNC_RULES_RELOAD_SECONDS}. */
    public static Reloading reloading(java.util.Map<String, String> env, Supplier<S3Client> s3) {
        java.time.Duration every = java.time.Duration.ofSeconds(Long.parseLong(
                env.getOrDefault("SYNC_RULES_RELOAD_SECONDS", "60").trim()));
        return new Reloading(location(env), s3, every, java.time.Clock.systemUTC());
    }

    /**
     * The rules, re-read when they are older than {@code every}: an S3 object with {@code If-None-Match}, so an
     * unchanged file costs one 304 (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html). A file that
     * became unreadable or invalid keeps the last good rules for {@link #get} (the worker carries on, logging why)
     * and fails {@link #current} (discovery does not start a run on rules it cannot read).
     */
    public static final class Reloading implements Supplier<SyncRules> {
        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Reloading.class);
        private final String location;
        private final Supplier<S3Client> s3;
        private final java.time.Duration every;
        private final java.time.Clock clock;
        private SyncRules rules;
        private String etag;
        private java.time.Instant readAt;

        Reloading(String location, Supplier<S3Client> s3, java.time.Duration every, java.time.Clock clock) {
            this.location = location;
            this.s3 = s3;
            this.every = every;
            this.clock = clock;
            reload();
        }

        @Override
        public synchronized SyncRules get() {
            try {
                return current();
            } catch (RulesException e) {
                LOG.error("rules file unreadable, keeping the rules read at {}: {}", readAt, e.getMessage());
                readAt = clock.instant();
                return rules;
            }
        }

        /** The rules, re-read if due; a failure to read them is thrown. */
        public synchronized SyncRules current() {
            if (!clock.instant().isBefore(readAt.plus(every))) {
                reload();
            }
            return rules;
        }

        private void reload() {
            if (location == null || location.isBlank()) {
                rules = SyncRules.DEFAULT;
            } else if (location.startsWith("s3://")) {
                ResponseBytes<GetObjectResponse> object = readS3(location, s3, etag);
                if (object != null) {
                    rules = SyncRulesParser.parse(location, object.asString(StandardCharsets.UTF_8));
                    etag = object.response().eTag();
                }
            } else {
                rules = load(location, s3);
            }
            readAt = clock.instant();
        }
    }

    public static SyncRules load(String location, Supplier<S3Client> s3) {
        if (location == null || location.isBlank()) {
            return SyncRules.DEFAULT;
        }
        String text;
        if (location.startsWith("s3://")) {
            text = readS3(location, s3, null).asString(StandardCharsets.UTF_8);
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

    /**
     * The rules object, or null when {@code ifNoneMatch} is its ETag (S3 answers 304,
     * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html).
     */
    private static ResponseBytes<GetObjectResponse> readS3(String location, Supplier<S3Client> s3, String ifNoneMatch) {
        URI uri = URI.create(location);
        String key = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
        try {
            return s3.get().getObjectAsBytes(r -> r.bucket(uri.getHost()).key(key).ifNoneMatch(ifNoneMatch));
        } catch (S3Exception e) {
            if (ifNoneMatch != null && e.statusCode() == 304) {
                return null;
            }
            throw new RulesException(location + ": cannot read the rules file ("
                    + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode()) + ")");
        }
    }
}
