package io.dsgluesync.aws;

import io.dsgluesync.glue.CallCounter;
import io.dsgluesync.glue.GlueTarget;
import io.dsgluesync.governance.LakeFormationCatalog;
import io.dsgluesync.governance.LfTagWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * One Lake Formation client per Glue target, built on first use, with the target's identity, region and catalog id, as
 * {@link GlueTargetClients} builds the Glue clients; only the worker, which attaches LF-Tags, loads this class.
 */
public final class LakeFormationTargetClients {
    private LakeFormationTargetClients() {
    }

    /** The LF-Tag writer of each target, by target name; {@code calls} counts their calls (by operation). */
    public static Map<String, LfTagWriter> open(AwsClients aws, List<GlueTarget> targets, CallCounter calls) {
        Supplier<StsClient> sts = GlueTargetClients.memoize(() -> aws.build(StsClient.builder()));
        Map<String, LfTagWriter> writers = new LinkedHashMap<>();
        for (GlueTarget target : targets) {
            Supplier<LakeFormationClient> client = GlueTargetClients.memoize(() -> aws.build(LakeFormationClient.builder()
                            .overrideConfiguration(o -> o.addExecutionInterceptor(calls)
                                    .retryStrategy(RetryMode.STANDARD)),
                    GlueTargetClients.credentials(aws, sts.get(), target),
                    target.region() == null ? null : Region.of(target.region())));
            writers.put(target.name(), new LfTagWriter(new LakeFormationCatalog(client, target.catalogId())));
        }
        return writers;
    }
}
