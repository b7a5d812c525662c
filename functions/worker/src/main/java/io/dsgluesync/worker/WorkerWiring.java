package io.dsgluesync.worker;

import io.dsgluesync.aws.AwsClients;
import io.dsgluesync.aws.DatasphereSecret;
import io.dsgluesync.budget.SharedRequestBudget;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereConnection;
import io.dsgluesync.datasphere.DatasphereSettings;
import io.dsgluesync.glue.CallCounter;
import io.dsgluesync.glue.CatalogWriter;
import io.dsgluesync.glue.Ownership;
import io.dsgluesync.aws.GlueTargetClients;
import io.dsgluesync.aws.LakeFormationTargetClients;
import io.dsgluesync.glue.GlueTarget;
import io.dsgluesync.glue.TargetCatalog;
import java.util.List;
import io.dsgluesync.lineage.LineageSink;
import io.dsgluesync.lineage.SyncedObjects;
import io.dsgluesync.sync.LineageSupport;
import io.dsgluesync.mapping.MappingSettings;
import io.dsgluesync.openlineage.OpenLineageSettings;
import io.dsgluesync.openlineage.OpenLineageSink;
import io.dsgluesync.aws.SyncRulesSource;
import io.dsgluesync.queue.QueuePublisher;
import io.dsgluesync.rules.SyncRules;
import io.dsgluesync.sync.AssetSync;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import io.dsgluesync.audit.RunGuard;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/** Composition root of the worker function. */
final class WorkerWiring {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerWiring.class);
    final AssetSync assetSync;
    final QueuePublisher publisher;
    final String resultsQueueUrl;
    final int maxAttempts;
    final Duration timeReserve;
    final RunHalts runHalts;
    final MappingSettings mapping;
    /** {@code DSGS_PRIME_AT_INIT=true}: prime during init ({@link WorkerPriming}). */
    final boolean primeAtInit;

    private WorkerWiring(AssetSync assetSync, QueuePublisher publisher, String resultsQueueUrl, int maxAttempts,
                         Duration timeReserve, RunHalts runHalts, MappingSettings mapping, boolean primeAtInit) {
        this.assetSync = assetSync;
        this.publisher = publisher;
        this.resultsQueueUrl = resultsQueueUrl;
        this.maxAttempts = maxAttempts;
        this.timeReserve = timeReserve;
        this.runHalts = runHalts;
        this.mapping = mapping;
        this.primeAtInit = primeAtInit;
    }

    static WorkerWiring fromEnvironment(Map<String, String> env) {
        AwsClients aws = AwsClients.fromEnvironment(env);
        SecretsManagerClient secrets = aws.build(SecretsManagerClient.builder());
        String secretArn = required(env, "DATASPHERE_SECRET_ARN");
        DatasphereSettings settings = DatasphereSettings.fromEnvironment(env);
        // One DynamoDB client for the audit table's users: the shared budget, halting and the synced-object index.
        String auditTable = env.get("AUDIT_TABLE_NAME");
        Optional<DynamoDbClient> dynamo = auditTable == null || auditTable.isBlank() ? Optional.empty()
                : Optional.of(aws.build(DynamoDbClient.builder()));
        DatasphereClient datasphere = DatasphereConnection.open(settings,
                () -> DatasphereSecret.read(secrets, secretArn),
                SharedRequestBudget.fromEnvironment(env, settings, dynamo::orElseThrow));
        CallCounter glueCalls = new CallCounter();
        CatalogWriter.Settings writing = new CatalogWriter.Settings(
                !"false".equalsIgnoreCase(env.getOrDefault("GLUE_SKIP_ARCHIVE", "true")),
                "true".equalsIgnoreCase(env.getOrDefault("GLUE_ADOPT_UNMANAGED_TABLES", "false")),
                Ownership.deployment(env, settings.tenantUrl().getHost()), driftPolicy(env));
        List<GlueTarget> glueTargets = GlueTarget.fromEnvironment(env);
        List<TargetCatalog> targets = GlueTargetClients.open(aws, glueTargets, glueCalls, Clock.systemUTC(), writing);
        MappingSettings mapping = MappingSettings.fromEnvironment(env, settings.tenantUrl().getHost());
        SyncRulesSource.Reloading rules = SyncRulesSource.reloading(env, aws::s3);
        // DATASPHERE_LINEAGE (on unless "false"): lineage from each changed asset's design-time definition.
        // Discovery's index of what each full sync keeps says which upstreams have a Glue table, and which flows load
        // each object (one Query per space and entry per container a minute).
        SyncedObjects index = dynamo.map(d -> SyncedObjects.dynamo(d, auditTable, Clock.systemUTC(),
                Duration.ofMinutes(1))).orElse(SyncedObjects.none());
        LineageSupport lineage = new LineageSupport(!"false".equalsIgnoreCase(env.get("DATASPHERE_LINEAGE")),
                mapping.databasePrefix(), index, lineage(env, secrets),
                env.getOrDefault("AWS_REGION", ""));
        // The Lake Formation clients make no call unless the rules have a lakeFormationTags section.
        AssetSync sync = new AssetSync(datasphere, targets, glueCalls, mapping, rules,
                "true".equalsIgnoreCase(env.get("DATASPHERE_DESIGN_TIME_ENRICHMENT")), lineage, Clock.systemUTC(),
                LakeFormationTargetClients.open(aws, glueTargets, glueCalls));
        return new WorkerWiring(sync, new QueuePublisher(aws.build(SqsClient.builder())),
                required(env, "RESULTS_QUEUE_URL"),
                Integer.parseInt(env.getOrDefault("ASSET_MAX_ATTEMPTS", "3")), timeReserve(env, settings),
                runHalts(env, dynamo, mapping.databasePrefix()), mapping,
                "true".equalsIgnoreCase(env.get("DSGS_PRIME_AT_INIT")));
    }

    /**
     * OpenLineage events when {@code OPENLINEAGE_URL} is set. The API key secret is read once here. Lineage never stops
     * the sync: when its configuration or secret is unusable, tables are synced and each carries the problem in its
     * audit notes instead.
     */
    static LineageSink lineage(Map<String, String> env, SecretsManagerClient secrets) {
        try {
            Optional<OpenLineageSettings> settings = OpenLineageSettings.fromEnvironment(env);
            if (settings.isEmpty()) {
                return LineageSink.NONE;
            }
            Optional<String> apiKey = settings.get().apiKeySecretArn()
                    .map(arn -> secrets.getSecretValue(r -> r.secretId(arn)).secretString().strip());
            return OpenLineageSink.http(settings.get(), apiKey, MetricsFactory.getMetricsInstance());
        } catch (RuntimeException e) {
            LOG.error("OpenLineage is configured but unusable: no events are sent", e);
            String problem = "OpenLineage event not sent: configuration unusable (" + e.getMessage() + ")";
            return table -> Optional.of(problem);
        }
    }

    /** Halting needs the audit table ({@code AUDIT_TABLE_NAME}); without it every run is synced to its end. */
    private static RunHalts runHalts(Map<String, String> env, Optional<DynamoDbClient> dynamo,
                                     String databasePrefix) {
        if (dynamo.isEmpty()) {
            return RunHalts.disabled();
        }
        return new RunHalts(Optional.of(new RunGuard(dynamo.get(), env.get("AUDIT_TABLE_NAME"), Clock.systemUTC(),
                RunGuard.FailureWindow.fromEnvironment(env))), databasePrefix, Clock.systemUTC());
    }

    /**
     * How much time one asset may need: {@code WORKER_TIME_RESERVE_SECONDS}, by default one Datasphere request
     * timeout plus ten seconds for Glue and the audit record.
     */
    private static Duration timeReserve(Map<String, String> env, DatasphereSettings settings) {
        String configured = env.get("WORKER_TIME_RESERVE_SECONDS");
        return configured == null || configured.isBlank() ? settings.requestTimeout().plusSeconds(10)
                : Duration.ofSeconds(Long.parseLong(configured));
    }

    /** {@code DRIFT_POLICY}: RESTORE (default) or REPORT. */
    static CatalogWriter.DriftPolicy driftPolicy(Map<String, String> env) {
        String value = env.getOrDefault("DRIFT_POLICY", "").trim();
        try {
            return value.isEmpty() ? CatalogWriter.DriftPolicy.RESTORE
                    : CatalogWriter.DriftPolicy.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("DRIFT_POLICY must be RESTORE or REPORT, not " + value);
        }
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }
}
