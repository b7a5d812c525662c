package io.dsgluesync.discovery;

import io.dsgluesync.aws.AwsClients;
import io.dsgluesync.aws.DatasphereSecret;
import io.dsgluesync.budget.SharedRequestBudget;
import io.dsgluesync.datasphere.DatasphereClient;
import io.dsgluesync.datasphere.DatasphereConnection;
import io.dsgluesync.datasphere.DatasphereSettings;
import io.dsgluesync.aws.GlueTargetClients;
import io.dsgluesync.aws.SyncRulesSource;
import io.dsgluesync.glue.CallCounter;
import io.dsgluesync.glue.CatalogWriter;
import io.dsgluesync.glue.Ownership;
import io.dsgluesync.glue.PermissionCheck;
import io.dsgluesync.glue.GlueTarget;
import io.dsgluesync.glue.TargetCatalog;
import io.dsgluesync.lineage.DynamoObjectIndex;
import io.dsgluesync.lineage.SyncedObjectIndex;
import java.util.List;
import io.dsgluesync.queue.QueuePublisher;
import io.dsgluesync.rules.AssetFilter;
import io.dsgluesync.rules.SyncRules;
import io.dsgluesync.sync.DiscoveryService;
import io.dsgluesync.audit.AuditStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Composition root of the discovery function: configuration from the environment variables template.yaml sets. */
final class DiscoveryWiring {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DiscoveryWiring.class);

    private DiscoveryWiring() {
    }

    /**
     * The service and its run admission on one set of clients: one HTTP client, one credentials chain and one SQS
     * client for both (they were built twice, which init paid for and nothing needed).
     */
    record Wired(DiscoveryService service, RunAdmission admission) {
    }

    static Wired fromEnvironment(Map<String, String> env) {
        AwsClients aws = AwsClients.fromEnvironment(env);
        QueuePublisher publisher = new QueuePublisher(aws.build(SqsClient.builder()));
        Optional<DynamoDbClient> dynamo = auditTable(env).map(t -> aws.build(DynamoDbClient.builder()));
        Optional<AuditStore> store = dynamo.map(client -> new AuditStore(client, auditTable(env).orElseThrow(),
                Clock.systemUTC(), Duration.ofDays(Long.parseLong(env.getOrDefault("AUDIT_TTL_DAYS", "30")))));
        return new Wired(service(env, aws, publisher, dynamo, store), admission(env, publisher, store));
    }

    private static Optional<String> auditTable(Map<String, String> env) {
        String table = env.get("AUDIT_TABLE_NAME");
        return table == null || table.isBlank() ? Optional.empty() : Optional.of(table.trim());
    }

    private static DiscoveryService service(Map<String, String> env, AwsClients aws, QueuePublisher publisher,
                                            Optional<DynamoDbClient> dynamo, Optional<AuditStore> store) {
        SecretsManagerClient secrets = aws.build(SecretsManagerClient.builder());
        String secretArn = required(env, "DATASPHERE_SECRET_ARN");
        DatasphereSettings settings = DatasphereSettings.fromEnvironment(discoveryBudget(env));
        // Discovery takes its requests from the budget all containers share; its own larger share is the fallback.
        DatasphereClient datasphere = DatasphereConnection.open(settings,
                () -> DatasphereSecret.read(secrets, secretArn),
                SharedRequestBudget.fromEnvironment(env, settings, dynamo::orElseThrow));
        SyncRulesSource.Reloading rules = SyncRulesSource.reloading(env, aws::s3);
        DiscoveryService.Queues queues = new DiscoveryService.Queues(required(env, "ASSET_QUEUE_URL"),
                env.get("PRIORITY_ASSET_QUEUE_URL"), required(env, "RESULTS_QUEUE_URL"));
        List<TargetCatalog> targets = GlueTargetClients.open(aws, GlueTarget.fromEnvironment(env), new CallCounter(),
                Clock.systemUTC(), new CatalogWriter.Settings(true, false,
                        Ownership.deployment(env, settings.tenantUrl().getHost()), null));
        DiscoveryService.GlueSide glue = new DiscoveryService.GlueSide(targets,
                env.getOrDefault("GLUE_DATABASE_PREFIX", "datasphere_"),
                !"false".equalsIgnoreCase(env.getOrDefault("GLUE_VALIDATE_BEFORE_ENQUEUE", "true")),
                failSafePercent(env), checkMemory(env, store));
        // A run starts on the rules as they are now: an unreadable rules file fails the run instead of using old ones.
        DiscoveryService service = new DiscoveryService(datasphere, publisher, queues, rules::current,
                AssetFilter.fromEnvironment(env), "true".equalsIgnoreCase(env.get("DATASPHERE_DESIGN_TIME_ENRICHMENT")),
                glue, Clock.systemUTC());
        return lineage(env) ? service.withLineage(objectIndex(env, dynamo)) : service;
    }

    /** {@code DATASPHERE_LINEAGE}: lineage on, the default. */
    static boolean lineage(Map<String, String> env) {
        return !"false".equalsIgnoreCase(env.getOrDefault("DATASPHERE_LINEAGE", "true").trim());
    }

    /** The synced-object index in the audit table, kept as long as audit records; none without the table. */
    private static SyncedObjectIndex objectIndex(Map<String, String> env, Optional<DynamoDbClient> dynamo) {
        return dynamo.<SyncedObjectIndex>map(client -> new DynamoObjectIndex(client, auditTable(env).orElseThrow(),
                Clock.systemUTC(), Duration.ofDays(Long.parseLong(env.getOrDefault("AUDIT_TTL_DAYS", "30")))))
                .orElse(SyncedObjectIndex.NONE);
    }

    /**
     * The one-run-at-a-time check over the audit table's run index ({@code AUDIT_TABLE_NAME}; without it every tick
     * starts a run). A run unfinished after {@code RUN_ACTIVE_LIMIT_MINUTES} (120) no longer blocks the next.
     */
    private static RunAdmission admission(Map<String, String> env, QueuePublisher publisher,
                                          Optional<AuditStore> store) {
        return new RunAdmission(store, publisher, required(env, "RESULTS_QUEUE_URL"),
                Duration.ofMinutes(Long.parseLong(env.getOrDefault("RUN_ACTIVE_LIMIT_MINUTES", "120").trim())),
                Clock.systemUTC());
    }

    /**
     * A passed Glue permission check is remembered in the audit table for {@code GLUE_VALIDATE_INTERVAL_MINUTES}
     * (60; 0 probes before every sync), per targets and databases. Unreadable or unwritable: the check runs again.
     */
    static PermissionCheck.Memory checkMemory(Map<String, String> env, Optional<AuditStore> store) {
        long minutes = Long.parseLong(env.getOrDefault("GLUE_VALIDATE_INTERVAL_MINUTES", "60").trim());
        if (store.isEmpty() || minutes <= 0) {
            return PermissionCheck.Memory.NONE;
        }
        return new PermissionCheck.Memory() {
            @Override
            public boolean passedRecently(String key) {
                try {
                    return store.get().permissionCheckValid(key);
                } catch (RuntimeException e) {
                    LOG.warn("the last permission check could not be read; checking again", e);
                    return false;
                }
            }

            @Override
            public void passed(String key) {
                try {
                    store.get().rememberPermissionCheck(key, Duration.ofMinutes(minutes));
                } catch (RuntimeException e) {
                    LOG.warn("the permission check could not be remembered; the next sync checks again", e);
                }
            }
        };
    }

    /**
     * Discovery's share of the request budget when the shared budget ({@link SharedRequestBudget}) is not in use
     * or its table fails. The asset queue's workers are fed by discovery itself, so they have
     * nothing to do while it lists: discovery takes their shares and leaves the priority workers theirs
     * ({@code budget / (priority concurrency + 1)}; with the priority workers' {@code budget / shares} each, the
     * total stays within the budget). An equal share (1/8 of 240 a minute) lists only about 140 spaces in 300 s.
     */
    static Map<String, String> discoveryBudget(Map<String, String> env) {
        if (env.containsKey("DATASPHERE_BUDGET_SHARES")) {
            return env;
        }
        String priority = env.getOrDefault("PRIORITY_WORKER_MAX_CONCURRENCY", "");
        Map<String, String> adjusted = new java.util.HashMap<>(env);
        adjusted.put("DATASPHERE_BUDGET_SHARES",
                Integer.toString((priority.isBlank() ? 0 : Integer.parseInt(priority.trim())) + 1));
        return adjusted;
    }

    /** {@code STALE_FAILSAFE_PERCENT}: the stale share (0-100, default 50) above which nothing is removed. */
    static int failSafePercent(Map<String, String> env) {
        String value = env.getOrDefault("STALE_FAILSAFE_PERCENT", "50").trim();
        int percent;
        try {
            percent = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            percent = -1;
        }
        if (percent < 0 || percent > 100) {
            throw new IllegalStateException("STALE_FAILSAFE_PERCENT must be 0..100, not " + value);
        }
        return percent;
    }

    static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }
}
