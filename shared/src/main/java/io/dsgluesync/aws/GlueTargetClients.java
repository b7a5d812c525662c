package io.dsgluesync.aws;

import io.dsgluesync.glue.CallCounter;
import io.dsgluesync.glue.CallerIdentity;
import io.dsgluesync.glue.CatalogWriter;
import io.dsgluesync.glue.GlueCatalog;
import io.dsgluesync.glue.GlueTarget;
import io.dsgluesync.glue.TargetCatalog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One Glue client per target: the base credentials, or an assumed role whose credentials the SDK refreshes before
 * they expire. Every client counts its calls and retries throttling and 5xx with the SDK's standard strategy
 * (exponential backoff with jitter); ConcurrentModification and validation errors are not retried here.
 */
public final class GlueTargetClients {
    private GlueTargetClients() {
    }

    public static List<TargetCatalog> open(AwsClients aws, List<GlueTarget> targets, CallCounter calls, Clock clock,
                                           CatalogWriter.Settings settings) {
        StsClient sts = aws.build(StsClient.builder());
        List<TargetCatalog> catalogs = new ArrayList<>();
        for (GlueTarget target : targets) {
            AwsCredentialsProvider credentials = credentials(aws, sts, target);
            GlueClient glue = aws.build(GlueClient.builder().overrideConfiguration(o -> o
                            .addExecutionInterceptor(calls).retryStrategy(RetryMode.STANDARD)), credentials,
                    target.region() == null ? null : Region.of(target.region()));
            GlueCatalog catalog = new GlueCatalog(glue, target.catalogId());
            StsClient targetSts = target.roleArn() == null ? sts : aws.build(StsClient.builder(), credentials);
            catalogs.add(new TargetCatalog(target, catalog, new CatalogWriter(catalog, clock, settings), memoize(() -> identity(targetSts))));
        }
        return List.copyOf(catalogs);
    }

    /** The base credentials, or the target's assumed role, refreshed by the SDK before they expire. */
    static AwsCredentialsProvider credentials(AwsClients aws, StsClient sts, GlueTarget target) {
        return target.roleArn() == null ? aws.credentials()
                : StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                .refreshRequest(r -> r.roleArn(target.roleArn()).externalId(target.externalId())
                        .roleSessionName(target.sessionName()).durationSeconds(target.durationSeconds()))
                .build();
    }

    private static CallerIdentity identity(StsClient sts) {
        try {
            var id = sts.getCallerIdentity();
            return new CallerIdentity(id.account(), id.arn());
        } catch (SdkException e) {
            // STS refused the role or could not be reached: reported as an identity that could not be resolved.
            return CallerIdentity.UNKNOWN;
        }
    }

    /** {@code supplier}'s value, made on first use and then kept. */
    static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
