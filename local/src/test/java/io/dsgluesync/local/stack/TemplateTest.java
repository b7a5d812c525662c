package io.dsgluesync.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** template.yaml is valid for CloudFormation and describes functions that exist in the built jars. */
class TemplateTest {
    private final StackPaths paths = StackPaths.discover();

    @Test
    void templatePassesCfnLint() throws Exception {
        Path cfnLint = paths.require(paths.projectDir().resolve(".venv/bin/cfn-lint"), "run local/bin/setup");
        Process lint = new ProcessBuilder(cfnLint.toString(), paths.template().toString())
                .redirectErrorStream(true).start();
        assertTrue(lint.waitFor(5, TimeUnit.MINUTES), "cfn-lint timed out");
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, lint.exitValue(), "cfn-lint findings:\n" + output);
    }

    @Test
    void everyFunctionsHandlerClassIsInItsJar() throws Exception {
        SamTemplate template = SamTemplate.read(paths.template());
        assertEquals(List.of("DiscoveryFunction", "WorkerFunction", "ResultsFunction"), template.functionIds());
        for (String id : template.functionIds()) {
            SamTemplate.FunctionDefinition function = template.function(id, Map.of(
                    "DatasphereUrl", "https://t.example", "DatasphereTokenUrl", "https://t.example/oauth/token",
                    "DatasphereClientSecret", "arn:secret", "AssetQueue", "q1", "ResultsQueue", "q2",
                    "AuditTable", "t", "PriorityAssetQueue", "q3", "DataBucket", "data-bucket"));
            String className = function.handler().substring(0, function.handler().indexOf("::"));
            Path jar = paths.projectDir().resolve(function.codeUri());
            assertTrue(Files.exists(jar), jar + " is built by mvn package");
            try (JarFile file = new JarFile(jar.toFile())) {
                assertTrue(file.getEntry(className.replace('.', '/') + ".class") != null,
                        className + " is in " + jar);
                assertTrue(file.getEntry("log4j2.xml") != null, "log4j2.xml is in " + jar);
            }
            assertTrue(function.environment().containsKey("POWERTOOLS_SERVICE_NAME"), id);
        }
    }

    @Test
    void refsResolveToLocalResourcesAndParameterDefaults() throws Exception {
        SamTemplate.FunctionDefinition worker = SamTemplate.read(paths.template()).function("WorkerFunction",
                Map.of("DatasphereUrl", "http://127.0.0.1:1", "DatasphereTokenUrl", "http://127.0.0.1:1/oauth/token",
                        "DatasphereClientSecret", "arn:aws:secretsmanager:x", "ResultsQueue", "http://q/results",
                        "DataBucket", "stack-data-bucket", "AuditTable", "stack-audit"));
        assertEquals("http://q/results", worker.environment().get("RESULTS_QUEUE_URL"));
        assertEquals("datasphere_", worker.environment().get("GLUE_DATABASE_PREFIX"));
        assertEquals("worker", worker.environment().get("POWERTOOLS_SERVICE_NAME"));
        assertEquals("DatasphereGlueSync", worker.environment().get("POWERTOOLS_METRICS_NAMESPACE"));
        assertEquals("io.dsgluesync.worker.WorkerHandler::handleRequest", worker.handler());
        // DataBucketName is empty by default, so the condition CreateDataBucket picks the stack's own bucket.
        assertEquals("stack-data-bucket", worker.environment().get("GLUE_DATA_BUCKET"));
        assertEquals("", worker.environment().get("GLUE_TABLE_LOCATION_TEMPLATE"));
        // Halting: the run guard lives in the audit table; the failure rate's threshold defaults to 80 %.
        assertEquals("stack-audit", worker.environment().get("AUDIT_TABLE_NAME"));
        assertEquals("80", worker.environment().get("HALT_FAILURE_PERCENT"));
    }
}
