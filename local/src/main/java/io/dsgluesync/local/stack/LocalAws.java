package io.dsgluesync.local.stack;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients for the local stack. moto routes by the SigV4 credential scope, so requests must be signed with some
 * static keys ({@code DomainDispatcherApplication} in
 * https://github.com/getmoto/moto/blob/master/moto/moto_server/werkzeug_app.py sends an unsigned request to S3).
 */
public final class LocalAws implements AutoCloseable {
    public static final String REGION = "eu-central-1";
    public static final String ACCESS_KEY = "testing";
    public static final String SECRET_KEY = "testing";
    public static final String ACCOUNT = "123456789012";

    private final URI endpoint;
    private final URI sqsEndpoint;
    private final SqsClient sqs;
    private final DynamoDbClient dynamo;
    private final GlueClient glue;
    private final SecretsManagerClient secrets;
    private final S3Client s3;

    public LocalAws(int motoPort) {
        this(motoPort, URI.create("http://127.0.0.1:" + motoPort));
    }

    /** Every service on moto but SQS, which is at {@code sqsEndpoint} (e.g. {@link ElasticMqServer}). */
    public LocalAws(int motoPort, URI sqsEndpoint) {
        this.endpoint = URI.create("http://127.0.0.1:" + motoPort);
        this.sqsEndpoint = sqsEndpoint;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        var http = UrlConnectionHttpClient.create();
        Region region = Region.of(REGION);
        this.sqs = SqsClient.builder().endpointOverride(sqsEndpoint).region(region).credentialsProvider(credentials)
                .httpClient(http).build();
        this.dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(credentials).httpClient(http).build();
        this.glue = GlueClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .httpClient(http).build();
        this.secrets = SecretsManagerClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(credentials).httpClient(http).build();
        this.s3 = S3Client.builder().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                .httpClient(http).forcePathStyle(true).build();
    }

    public URI endpoint() {
        return endpoint;
    }

    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public GlueClient glue() {
        return glue;
    }

    public SecretsManagerClient secrets() {
        return secrets;
    }

    public S3Client s3() {
        return s3;
    }

    @Override
    public void close() {
        sqs.close();
        dynamo.close();
        glue.close();
        secrets.close();
        s3.close();
    }
}
