package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.queue.QueuePublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;

/**
 * What discovery sends reaches SQS (moto) whatever the tenant holds: batches stay under SQS's size limit, text is
 * cleaned into SQS's character set, and a message SQS will not take is answered, not thrown, so the others still go.
 */
class QueueDeliveryTest {
    private static long motoPid;
    private static SqsClient sqs;
    private static final List<Integer> batchSizes = new ArrayList<>();

    @BeforeAll
    static void startMoto() throws Exception {
        StackPaths paths = StackPaths.discover();
        int port = LambdaEmulator.freePort();
        motoPid = MotoServer.start(paths, port, paths.projectDir().resolve("local/target/test-stacks/queue/moto.log"));
        ExecutionInterceptor batches = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof SendMessageBatchRequest batch) {
                    batchSizes.add(batch.entries().stream().mapToInt(e -> e.messageBody().length()).sum());
                }
            }
        };
        sqs = SqsClient.builder().endpointOverride(java.net.URI.create("http://127.0.0.1:" + port))
                .region(Region.of(LocalAws.REGION)).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing",
                        "testing")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(batches)).build();
    }

    @AfterAll
    static void stopMoto() {
        sqs.close();
        ProcessHandle.of(motoPid).ifPresent(ProcessHandle::destroy);
    }

    @Test
    void anOversizedMessageIsAnsweredAndTheOthersAreSentWithCleanedText() {
        String queue = sqs.createQueue(r -> r.queueName("clean-and-reject")).queueUrl();
        List<String> bodies = List.of("{\"label\":\"ok\"}", "{\"label\":\"odd \uFFFF and \uD800\"}",
                "{\"label\":\"" + "x".repeat(300_000) + "\"}", "{\"label\":\"last\"}");

        List<QueuePublisher.Rejected> rejected = new QueuePublisher(sqs).sendAll(queue, bodies);

        assertEquals(1, rejected.size());
        assertEquals(2, rejected.get(0).index());
        assertTrue(rejected.get(0).reason().contains("over SQS's limit of 262144 bytes"), rejected.get(0).reason());
        List<String> received = receiveAll(queue);
        assertEquals(List.of("{\"label\":\"ok\"}", "{\"label\":\"odd \uFFFD and \uFFFD\"}", "{\"label\":\"last\"}"),
                received);
    }

    @Test
    void batchesAreCutByBytesAsWellAsByCount() {
        String queue = sqs.createQueue(r -> r.queueName("by-bytes")).queueUrl();
        batchSizes.clear();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bodies.add("{\"n\":" + i + ",\"pad\":\"" + "p".repeat(100_000) + "\"}");
        }

        assertEquals(List.of(), new QueuePublisher(sqs).sendAll(queue, bodies));

        assertEquals(5, batchSizes.size(), "two 100 KB messages per batch: " + batchSizes);
        assertTrue(batchSizes.stream().allMatch(b -> b <= QueuePublisher.MAX_BYTES), batchSizes.toString());
        assertEquals(10, receiveAll(queue).size());
    }

    private static List<String> receiveAll(String queue) {
        List<String> bodies = new ArrayList<>();
        AtomicInteger empty = new AtomicInteger();
        while (empty.get() < 2) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages();
            if (messages.isEmpty()) {
                empty.incrementAndGet();
            }
            messages.forEach(m -> {
                bodies.add(m.body());
                sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle()));
            });
        }
        bodies.sort(java.util.Comparator.comparing((String b) -> b.contains("last")).thenComparing(b ->
                b.contains("odd")));
        return bodies;
    }
}
