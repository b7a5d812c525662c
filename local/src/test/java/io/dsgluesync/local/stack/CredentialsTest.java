package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.aws.AwsClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.sts.StsClient;

/** The credentials an operator can choose (DSGS_CREDENTIALS), used for real calls to the local AWS. */
class CredentialsTest {
    private static long motoPid;
    private static int motoPort;

    @BeforeAll
    static void startMoto() throws Exception {
        StackPaths paths = StackPaths.discover();
        motoPort = LambdaEmulator.freePort();
        motoPid = MotoServer.start(paths, motoPort, paths.projectDir().resolve("local/target/test-stacks/credentials.log"));
    }

    @AfterAll
    static void stopMoto() {
        ProcessHandle.of(motoPid).ifPresent(ProcessHandle::destroy);
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("AWS_REGION", LocalAws.REGION,
                "AWS_ENDPOINT_URL", "http://127.0.0.1:" + motoPort));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void explicitKeysSignRealCalls() {
        AwsClients aws = AwsClients.fromEnvironment(env("DSGS_CREDENTIALS", "static",
                "DSGS_ACCESS_KEY_ID", "AKIAOPERATOR0001", "DSGS_SECRET_ACCESS_KEY", "operator-secret"));
        assertEquals("AKIAOPERATOR0001", aws.credentials().resolveCredentials().accessKeyId());
        try (StsClient sts = aws.build(StsClient.builder()); GlueClient glue = aws.build(GlueClient.builder())) {
            assertEquals("123456789012", sts.getCallerIdentity().account());
            glue.createDatabase(r -> r.databaseInput(d -> d.name("operator_check")));
            assertEquals("operator_check", glue.getDatabase(r -> r.name("operator_check")).database().name());
        }
    }

    @Test
    void aNamedProfileIsReadFromTheSharedCredentialsFile(@TempDir Path home) throws Exception {
        Path file = home.resolve("credentials");
        Files.writeString(file, "[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = d\n"
                + "[ops]\naws_access_key_id = AKIAOPSPROFILE\naws_secret_access_key = ops-secret\n");
        String previous = System.getProperty("aws.sharedCredentialsFile");
        System.setProperty("aws.sharedCredentialsFile", file.toString());
        try {
            AwsClients aws = AwsClients.fromEnvironment(env("DSGS_CREDENTIALS", "profile:ops"));
            assertEquals("AKIAOPSPROFILE", aws.credentials().resolveCredentials().accessKeyId());
            try (StsClient sts = aws.build(StsClient.builder())) {
                assertTrue(sts.getCallerIdentity().arn().startsWith("arn:aws:sts::123456789012:"));
            }
        } finally {
            if (previous == null) {
                System.clearProperty("aws.sharedCredentialsFile");
            } else {
                System.setProperty("aws.sharedCredentialsFile", previous);
            }
        }
    }

    @Test
    void bootstrappingTheLocalResourcesTwiceChangesNothing() throws Exception {
        io.dsgluesync.datasphere.ClientCredentials client = new io.dsgluesync.datasphere.ClientCredentials("id", "s");
        Path rules = StackPaths.discover().projectDir().resolve("local/sync-rules.json");
        try (LocalAws aws = new LocalAws(motoPort)) {
            StackResources first = StackResources.bootstrap(aws, client, rules);
            StackResources second = StackResources.bootstrap(aws, client, rules);
            assertEquals(first, second);
            assertEquals(5, aws.sqs().listQueues().queueUrls().stream().filter(u -> u.contains("dsgs-local")).count());
            assertTrue(aws.secrets().getSecretValue(r -> r.secretId(first.secretArn())).secretString()
                    .contains("\"clientId\":\"id\""));
        }
    }

    @Test
    void aWrongCredentialsSettingIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AwsClients.fromEnvironment(env("DSGS_CREDENTIALS", "static")));
        assertTrue(e.getMessage().contains("DSGS_ACCESS_KEY_ID"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> AwsClients.fromEnvironment(env("DSGS_CREDENTIALS", "keys")));
    }
}
