package io.dsgluesync.results;

import io.dsgluesync.audit.AuditStore;
import io.dsgluesync.aws.AwsClients;
import io.dsgluesync.sync.ResultsRecorder;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Composition root of the results function. */
final class ResultsWiring {
    private ResultsWiring() {
    }

    static ResultsRecorder fromEnvironment(Map<String, String> env) {
        AwsClients aws = AwsClients.fromEnvironment(env);
        String table = env.get("AUDIT_TABLE_NAME");
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("AUDIT_TABLE_NAME is not set");
        }
        int ttlDays = Integer.parseInt(env.getOrDefault("AUDIT_TTL_DAYS", "30"));
        return new ResultsRecorder(new AuditStore(aws.build(DynamoDbClient.builder()), table, Clock.systemUTC(),
                Duration.ofDays(ttlDays)));
    }
}
