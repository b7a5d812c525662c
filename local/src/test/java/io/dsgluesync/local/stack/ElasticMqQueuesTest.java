package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dsgluesync.datasphere.ClientCredentials;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The benchmarks' SQS: the stack's queues created in ElasticMQ keep what the sync relies on from SQS, a visibility
 * timeout, receive counts and the redrive of a message received {@code maxReceiveCount} times to its dead-letter
 * queue. Skipped until {@code local/bin/setup-elasticmq} (run by {@code bench/run}) has resolved ElasticMQ.
 */
class ElasticMqQueuesTest {
    private static long motoPid;
    private static ElasticMqServer sqs;
    private static LocalAws aws;
    private static StackResources resources;

    @BeforeAll
    static void start() throws Exception {
        StackPaths paths = StackPaths.discover();
        assumeTrue(Files.exists(ElasticMqServer.classpathFile(paths)), "local/bin/setup-elasticmq has not run");
        var dir = paths.projectDir().resolve("local/target/test-stacks/elasticmq");
        int port = LambdaEmulator.freePort();
        motoPid = MotoServer.start(paths, port, dir.resolve("moto.log"));
        sqs = ElasticMqServer.start(paths, dir);
        aws = new LocalAws(port, sqs.endpoint());
        resources = StackResources.bootstrap(aws, new ClientCredentials("c", "s"), null);
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
        if (sqs != null) {
            sqs.close();
        }
        ProcessHandle.of(motoPid).ifPresent(ProcessHandle::destroy);
    }

    @Test
    void queuesAreServedByElasticMqWithTheStacksRedrive() {
        assertTrue(resources.assetQueueUrl().startsWith(sqs.endpoint().toString()), resources.assetQueueUrl());
        Map<QueueAttributeName, String> attributes = aws.sqs().getQueueAttributes(r -> r
                .queueUrl(resources.assetQueueUrl()).attributeNames(QueueAttributeName.ALL)).attributes();
        assertEquals("30", attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        assertTrue(attributes.get(QueueAttributeName.REDRIVE_POLICY).contains("dsgs-local-asset-dlq"),
                attributes.get(QueueAttributeName.REDRIVE_POLICY));
        assertTrue(attributes.get(QueueAttributeName.QUEUE_ARN).contains(LocalAws.REGION + ":" + LocalAws.ACCOUNT),
                attributes.get(QueueAttributeName.QUEUE_ARN));
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesMovesToTheDeadLetterQueue() {
        String queue = resources.priorityQueueUrl();
        aws.sqs().sendMessage(r -> r.queueUrl(queue).messageBody("poison"));
        for (int i = 1; i <= StackResources.MAX_RECEIVE_COUNT; i++) {
            List<Message> got = aws.sqs().receiveMessage(r -> r.queueUrl(queue).visibilityTimeout(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            assertEquals(1, got.size(), "receive " + i);
        }
        assertTrue(aws.sqs().receiveMessage(r -> r.queueUrl(queue).waitTimeSeconds(1)).messages().isEmpty());
        List<Message> dead = aws.sqs().receiveMessage(r -> r.queueUrl(resources.assetDlqUrl()).waitTimeSeconds(1))
                .messages();
        assertEquals(List.of("poison"), dead.stream().map(Message::body).toList());
    }
}
