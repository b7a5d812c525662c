package io.dsgluesync.worker;

import io.dsgluesync.audit.AuditRecord;
import io.dsgluesync.csdl.CsdlParser;
import io.dsgluesync.csdl.EntityModel;
import io.dsgluesync.glue.GlueConverter;
import io.dsgluesync.mapping.DatabaseDefinition;
import io.dsgluesync.mapping.GlueTableMapper;
import io.dsgluesync.mapping.MappingSettings;
import io.dsgluesync.mapping.TableDefinition;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.model.AssetMessages;
import io.dsgluesync.model.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * SnapStart priming: before Lambda takes the snapshot, runs the worker's own CPU path once on a bundled sample (an
 * asset message read from JSON, its CSDL parsed and mapped to a Glue table, an audit record written as JSON, and the
 * Glue, SQS and DynamoDB calls of an asset made through throwaway clients on {@link PrimingHttpClient}), so that
 * these classes are loaded and initialised in the snapshot rather than in the first invocation after a restore
 * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html). Nothing is sent: a real call
 * here would run at publish time, with the function's role, against the real account.
 *
 * <p>Without SnapStart {@code beforeCheckpoint} never runs. {@code DSGS_PRIME_AT_INIT=true} primes during init
 * instead, which is how the effect is measured on a JVM without CRaC (bench/README.md, cold-start).
 */
final class WorkerPriming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPriming.class);
    private static final String SAMPLE_MESSAGE = "{\"schemaVersion\":1,\"runId\":\"20260101T000000Z-00000000\","
            + "\"space\":\"PRIMING\",\"spaceLabel\":\"Priming\",\"asset\":\"SAP_SC_SALES_V_SalesOrders\","
            + "\"label\":\"Sales Orders\",\"kind\":\"VIEW\",\"relationalMetadataUrl\":\"https://priming.invalid"
            + "/api/v1/dwc/consumption/relational/PRIMING/SAP_SC_SALES_V_SalesOrders/$metadata\","
            + "\"hasParameters\":false,\"priority\":0}";
    private static final String SAMPLE_METADATA = "/priming/metadata.xml";
    private final MappingSettings mapping;

    WorkerPriming(MappingSettings mapping) {
        this.mapping = mapping;
    }

    /** Registers with the global CRaC context; the caller keeps this object (the context may hold it weakly). */
    WorkerPriming register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to renew: priming keeps no connection, token or random state.
    }

    /** Runs the sample through parse, map and request building; a failure is logged and never fails init. */
    void prime() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("priming failed; the first invocation loads what it needs", e);
        }
    }

    /** The priming itself; answers the table input it built from the sample. */
    TableInput run() {
        AssetMessage asset = AssetMessages.fromJson(SAMPLE_MESSAGE);
        EntityModel model = CsdlParser.parse(asset.asset(), sample());
        DatabaseDefinition database = GlueTableMapper.database(asset, mapping);
        TableDefinition table = GlueTableMapper.map(asset, model, mapping);
        String databaseName = table.database().name();
        TableInput input = GlueConverter.tableInput(table, Map.of(), asset.runId(), Instant.EPOCH);
        CreateDatabaseRequest createDatabase = CreateDatabaseRequest.builder()
                .databaseInput(GlueConverter.databaseInput(database)).build();
        GetTableRequest getTable = GetTableRequest.builder().databaseName(databaseName).name(table.name()).build();
        CreateTableRequest createTable = CreateTableRequest.builder().databaseName(databaseName).tableInput(input)
                .build();
        UpdateTableRequest.builder().databaseName(databaseName).tableInput(input).skipArchive(true).build();
        String audit = JsonCodec.write(AuditRecord.skipped(asset.runId(), asset.space(), asset.asset(),
                asset.kind().name(), databaseName, table.name(), "priming", Instant.EPOCH.toString()));
        SendMessageRequest send = SendMessageRequest.builder().queueUrl("https://sqs.eu-central-1.amazonaws.com/"
                + "123456789012/priming").messageBody(audit).build();
        // Throwaway clients on an in-memory HTTP client and dummy keys: the SDK's call path runs, nothing is sent,
        // and neither the keys nor these clients are used afterwards.
        try (GlueClient glue = offline(GlueClient.builder()); SqsClient sqs = offline(SqsClient.builder());
             DynamoDbClient dynamo = offline(DynamoDbClient.builder())) {
            quietly(() -> glue.getTable(getTable));
            quietly(() -> glue.createDatabase(createDatabase));
            quietly(() -> glue.createTable(createTable));
            quietly(() -> sqs.sendMessage(send));
            quietly(() -> dynamo.getItem(r -> r.tableName("priming")
                    .key(Map.of("pk", AttributeValue.fromS("RUN#priming"), "sk", AttributeValue.fromS("SUMMARY")))));
        }
        return input;
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C offline(B builder) {
        builder.httpClient(new PrimingHttpClient()).region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming",
                        "priming")));
        return builder.build();
    }

    /** An in-memory answer of {} may not satisfy every response check (SQS's MD5 of the body): that is fine here. */
    private static void quietly(Runnable call) {
        try {
            call.run();
        } catch (SdkException expected) {
            // the call path ran
        }
    }

    private static byte[] sample() {
        try (InputStream in = WorkerPriming.class.getResourceAsStream(SAMPLE_METADATA)) {
            if (in == null) {
                throw new IllegalStateException(SAMPLE_METADATA + " is not in the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
