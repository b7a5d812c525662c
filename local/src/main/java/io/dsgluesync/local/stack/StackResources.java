package io.dsgluesync.local.stack;

import io.dsgluesync.datasphere.ClientCredentials;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What template.yaml creates, made in the local AWS: the queues with their dead-letter queues and redrive, the audit
 * table with TTL, and the Datasphere client secret. Idempotent, so that running it twice changes nothing.
 *
 * <p>One deliberate difference: the local queues use a 30-second visibility timeout instead of 720/180 s. The local
 * event source's fast mode ({@link DeliveryMode#FAST}, the default) makes a failed record visible again at once; its
 * AWS mode waits the visibility timeout out and, as Lambda, requires it to be at least the function's Timeout, so
 * tests that use it shorten both.
 */
public record StackResources(String assetQueueUrl, String priorityQueueUrl, String assetDlqUrl,
                             String resultsQueueUrl, String resultsDlqUrl, String auditTable, String secretArn,
                             String rulesBucket, String dataBucket, String replicaBucket) {

    public static final String PREFIX = "dsgs-local";
    static final int MAX_RECEIVE_COUNT = 5;

    public static final String RULES_KEY = "sync-rules.json";
    /** The stack's data bucket (template.yaml's DataBucket): the tables' default locations. */
    public static final String DATA_BUCKET = PREFIX + "-data";
    /** Where the demo's replication flows write (local/sync-rules.json maps connection S3_DATALAKE to it). */
    public static final String REPLICA_BUCKET = PREFIX + "-replica";

    /** {@code rulesFile}: uploaded as the rules file the functions read from S3; null for none. */
    public static StackResources bootstrap(LocalAws aws, ClientCredentials datasphereClient, Path rulesFile)
            throws IOException {
        String assetDlq = queue(aws, PREFIX + "-asset-dlq", Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"));
        String resultsDlq = queue(aws, PREFIX + "-results-dlq", Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"));
        String assets = queue(aws, PREFIX + "-assets", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30",
                QueueAttributeName.REDRIVE_POLICY, redrive(aws, assetDlq)));
        String priority = queue(aws, PREFIX + "-priority-assets", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30",
                QueueAttributeName.REDRIVE_POLICY, redrive(aws, assetDlq)));
        String results = queue(aws, PREFIX + "-results", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30",
                QueueAttributeName.REDRIVE_POLICY, redrive(aws, resultsDlq)));
        String table = PREFIX + "-audit";
        createTable(aws, table);
        String secretArn = secret(aws, PREFIX + "/datasphere-client", datasphereClient);
        String bucket = "";
        if (rulesFile != null) {
            bucket = bucket(aws, PREFIX + "-config");
            aws.s3().putObject(r -> r.bucket(PREFIX + "-config").key(RULES_KEY), RequestBody.fromFile(rulesFile));
        }
        return new StackResources(assets, priority, assetDlq, results, resultsDlq, table, secretArn, bucket,
                bucket(aws, DATA_BUCKET), bucket(aws, REPLICA_BUCKET));
    }

    private static String bucket(LocalAws aws, String name) {
        if (aws.s3().listBuckets().buckets().stream().noneMatch(b -> b.name().equals(name))) {
            aws.s3().createBucket(r -> r.bucket(name).createBucketConfiguration(
                    c -> c.locationConstraint(LocalAws.REGION)));
        }
        return name;
    }

    private static String queue(LocalAws aws, String name, Map<QueueAttributeName, String> attributes) {
        return aws.sqs().createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
    }

    private static String redrive(LocalAws aws, String dlqUrl) {
        String arn = aws.sqs().getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return JsonCodec.write(Map.of("deadLetterTargetArn", arn, "maxReceiveCount", MAX_RECEIVE_COUNT));
    }

    /** The audit table as template.yaml creates it (keys pk/sk, TTL on expiresAt), unless it exists. */
    public static void createTable(LocalAws aws, String table) {
        try {
            aws.dynamo().describeTable(r -> r.tableName(table));
            return;
        } catch (ResourceNotFoundException absent) {
            // created below
        }
        aws.dynamo().createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
        aws.dynamo().updateTimeToLive(r -> r.tableName(table)
                .timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(true)));
    }

    private static String secret(LocalAws aws, String name, ClientCredentials client) {
        String value = JsonCodec.write(Map.of("clientId", client.clientId(), "clientSecret", client.clientSecret()));
        try {
            return aws.secrets().createSecret(r -> r.name(name).secretString(value)).arn();
        } catch (ResourceExistsException e) {
            aws.secrets().putSecretValue(r -> r.secretId(name).secretString(value));
            return aws.secrets().describeSecret(r -> r.secretId(name)).arn();
        }
    }
}
