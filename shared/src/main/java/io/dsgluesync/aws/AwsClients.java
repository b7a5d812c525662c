package io.dsgluesync.aws;

import java.net.URI;
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
 * Builds the SDK clients every function uses: one explicit light HTTP client (the SDK's default would be
 * apache5-client, reference lambda-java.md §2.4), the region from {@code AWS_REGION}, the default credentials chain
 * (which also works under SnapStart, §2.2) and, only for the local stack, an endpoint override from
 * {@code AWS_ENDPOINT_URL}.
 */
public final class AwsClients {
    private final Region region;
    private final URI endpointOverride;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient httpClient;

    public AwsClients(Region region, URI endpointOverride, AwsCredentialsProvider credentials) {
        this.region = region;
        this.endpointOverride = endpointOverride;
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
        String endpoint = env.get("AWS_ENDPOINT_URL");
        URI override = endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint);
        return new AwsClients(Region.of(regionName), override, DefaultCredentialsProvider.builder().build());
    }

    public Region region() {
        return region;
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /** S3 in path style when an endpoint override (moto) is set: bucket host names do not resolve on 127.0.0.1. */
    public software.amazon.awssdk.services.s3.S3Client s3() {
        return build(software.amazon.awssdk.services.s3.S3Client.builder().forcePathStyle(endpointOverride != null));
    }

    /** Applies region, credentials, HTTP client and endpoint override to any service client builder. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        return build(builder, credentials);
    }

    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
            B builder, AwsCredentialsProvider credentialsProvider) {
        builder.region(region).credentialsProvider(credentialsProvider).httpClient(httpClient);
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder.build();
    }
}
