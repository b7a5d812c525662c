package io.dsgluesync.aws;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds the SDK clients every function uses: one explicit light HTTP client, {@code UrlConnectionHttpClient} (the
 * SDK's default would be the heavier Apache 5 client,
 * https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/http-configuration-url.html), the region from
 * {@code AWS_REGION}, the default credentials chain (under SnapStart the Java runtime supplies container
 * credentials, which the default chain finds,
 * https://docs.aws.amazon.com/lambda/latest/dg/snapstart-activate.html#snapstart-credentials) and, only for the
 * local stack, endpoint overrides: {@code AWS_ENDPOINT_URL_<SERVICE>} for one service, else {@code AWS_ENDPOINT_URL}
 * for all, as the SDKs read them (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html).
 */
public final class AwsClients {
    private static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";
    /**
     * The service part of {@code AWS_ENDPOINT_URL_<SERVICE>} where it is not the SDK package name in upper case
     * (https://docs.aws.amazon.com/sdkref/latest/guide/ss-endpoints-table.html).
     */
    private static final Map<String, String> SERVICE_VARIABLES = Map.of("secretsmanager", "SECRETS_MANAGER");
    private final Region region;
    private final URI endpointOverride;
    private final Map<String, URI> serviceEndpoints;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient httpClient;

    public AwsClients(Region region, URI endpointOverride, AwsCredentialsProvider credentials) {
        this(region, endpointOverride, Map.of(), credentials);
    }

    /** {@code serviceEndpoints}: by the service part of the variable ({@code SQS}, {@code SECRETS_MANAGER}). */
    public AwsClients(Region region, URI endpointOverride, Map<String, URI> serviceEndpoints,
                      AwsCredentialsProvider credentials) {
        this.region = region;
        this.endpointOverride = endpointOverride;
        this.serviceEndpoints = Map.copyOf(serviceEndpoints);
        this.credentials = credentials;
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(java.time.Duration.ofSeconds(5))
                .socketTimeout(java.time.Duration.ofSeconds(30))
                .build();
    }

    public static AwsClients fromEnvironment(Map<String, String> env) {
        String regionName = Optional.ofNullable(env.get("AWS_REGION")).orElse(env.get("AWS_DEFAULT_REGION"));
        if (regionName == null || regionName.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set");
        }
        String endpoint = env.get(ENDPOINT_VARIABLE);
        URI override = endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint);
        Map<String, URI> services = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENDPOINT_VARIABLE + "_") && value != null && !value.isBlank()) {
                services.put(name.substring(ENDPOINT_VARIABLE.length() + 1), URI.create(value));
            }
        });
        return new AwsClients(Region.of(regionName), override, services, credentials(env));
    }

    /**
     * The endpoint a client of {@code builder}'s service is sent to: its {@code AWS_ENDPOINT_URL_<SERVICE>}, else
     * {@code AWS_ENDPOINT_URL}, else none (the SDK resolves the public endpoint).
     */
    Optional<URI> endpointFor(Object builder) {
        // Every SDK client builder lives in software.amazon.awssdk.services.<package>, e.g. ...services.sqs.
        String pkg = builder.getClass().getPackageName();
        String service = pkg.substring(pkg.lastIndexOf('.') + 1);
        String variable = SERVICE_VARIABLES.getOrDefault(service, service.toUpperCase(Locale.ROOT));
        return Optional.ofNullable(serviceEndpoints.getOrDefault(variable, endpointOverride));
    }

    /**
     * {@code DSGS_CREDENTIALS}: empty or {@code default} for the default chain (the execution role; it also works
     * under SnapStart), {@code profile:NAME} for a named profile, or {@code static} for the keys in
     * {@code DSGS_ACCESS_KEY_ID}, {@code DSGS_SECRET_ACCESS_KEY} and optionally {@code DSGS_SESSION_TOKEN}.
     */
    static AwsCredentialsProvider credentials(Map<String, String> env) {
        String mode = env.getOrDefault("DSGS_CREDENTIALS", "default").trim();
        if (mode.isEmpty() || mode.equals("default")) {
            return DefaultCredentialsProvider.builder().build();
        }
        if (mode.startsWith("profile:") && mode.length() > "profile:".length()) {
            return software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider.builder()
                    .profileName(mode.substring("profile:".length())).build();
        }
        if (mode.equals("static")) {
            String id = env.get("DSGS_ACCESS_KEY_ID");
            String secret = env.get("DSGS_SECRET_ACCESS_KEY");
            if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
                throw new IllegalStateException("DSGS_CREDENTIALS=static needs DSGS_ACCESS_KEY_ID and DSGS_SECRET_ACCESS_KEY");
            }
            String token = env.get("DSGS_SESSION_TOKEN");
            return software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(token == null || token.isBlank()
                    ? software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(id, secret)
                    : software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(id, secret, token));
        }
        throw new IllegalStateException("DSGS_CREDENTIALS must be default, profile:NAME or static, not '" + mode + "'");
    }

    public Region region() {
        return region;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /** S3 in path style when an endpoint override (moto) is set: bucket host names do not resolve on 127.0.0.1. */
    public software.amazon.awssdk.services.s3.S3Client s3() {
        var builder = software.amazon.awssdk.services.s3.S3Client.builder();
        return build(builder.forcePathStyle(endpointFor(builder).isPresent()));
    }

    /** Applies region, credentials, HTTP client and endpoint override to any service client builder. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        return build(builder, credentials);
    }

    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, AwsCredentialsProvider credentialsProvider) {
        return build(builder, credentialsProvider, null);
    }

    /** {@code regionOverride}: a target in another region; null for the function's own. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, AwsCredentialsProvider credentialsProvider, Region regionOverride) {
        builder.region(regionOverride == null ? region : regionOverride).credentialsProvider(credentialsProvider)
                .httpClient(httpClient);
        endpointFor(builder).ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
