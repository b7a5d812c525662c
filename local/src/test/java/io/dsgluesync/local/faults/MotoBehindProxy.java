package io.dsgluesync.local.faults;

import io.dsgluesync.local.stack.LambdaEmulator;
import io.dsgluesync.local.stack.LocalAws;
import io.dsgluesync.local.stack.MotoServer;
import io.dsgluesync.local.stack.StackPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A moto of the test's own with the fault proxy in front: {@link #direct} talks to moto (to check what it holds),
 * {@link #proxied} and {@link #standard} go through the proxy.
 */
final class MotoBehindProxy implements AutoCloseable {
    final AwsFaultProxy proxy;
    final LocalAws direct;
    final LocalAws proxied;
    private final long motoPid;
    private final List<SdkClient> clients = new ArrayList<>();

    private MotoBehindProxy(long motoPid, int motoPort, AwsFaultProxy proxy) {
        this.motoPid = motoPid;
        this.proxy = proxy;
        this.direct = new LocalAws(motoPort);
        this.proxied = new LocalAws(proxy.port());
    }

    static MotoBehindProxy start(String name) throws Exception {
        StackPaths paths = StackPaths.discover();
        int port = LambdaEmulator.freePort();
        long pid = MotoServer.start(paths, port,
                paths.projectDir().resolve("local/target/test-stacks/" + name + "/moto.log"));
        try {
            return new MotoBehindProxy(pid, port, AwsFaultProxy.start(port));
        } catch (Exception e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            throw e;
        }
    }

    /**
     * A client through the proxy with the standard retry strategy (3 attempts, the mode the functions' Glue client
     * uses); {@link LocalAws}'s clients keep the SDK's default, legacy (4 attempts, DynamoDB 9).
     */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C standard(B builder) {
        return throughProxy(builder, o -> o.retryStrategy(RetryMode.STANDARD));
    }

    /** A client through the proxy that makes one attempt only, to see what a single attempt sees. */
    <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C withoutRetries(B builder) {
        return throughProxy(builder, o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C throughProxy(
            B builder, Consumer<ClientOverrideConfiguration.Builder> retries) {
        C client = builder.endpointOverride(proxy.endpoint()).region(Region.of(LocalAws.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalAws.ACCESS_KEY, LocalAws.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(retries).build();
        clients.add(client);
        return client;
    }

    /** A DynamoDB table with one string hash key {@code pk}, created directly in moto. */
    void createKeyTable(String name) {
        direct.dynamo().createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));
    }

    /** Clears the rules and the counters between tests. */
    void reset() {
        proxy.rules().clear();
        proxy.stats().reset();
    }

    @Override
    public void close() {
        clients.forEach(SdkClient::close);
        proxied.close();
        direct.close();
        proxy.close();
        ProcessHandle.of(motoPid).ifPresent(ProcessHandle::destroy);
    }
}
