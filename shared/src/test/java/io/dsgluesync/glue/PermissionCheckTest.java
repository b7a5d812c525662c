package io.dsgluesync.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The validate operation against a Glue fake that denies chosen operations the way IAM does. moto's IAM checks
 * authorise Glue actions against Resource "*" only, as its Glue responses name no resource ("the current implementation
 * is very basic", https://github.com/getmoto/moto/blob/master/docs/docs/iam.rst), so resource-scoped denials are tested
 * here.
 */
class PermissionCheckTest {
    private final FakeGlueClient glue = new FakeGlueClient();

    private PermissionCheck.TargetReport check(List<String> databases) {
        GlueCatalog catalog = new GlueCatalog(glue, null);
        TargetCatalog target = new TargetCatalog(new GlueTarget("home", null, null, null, 3600, null, null), catalog,
                new CatalogWriter(catalog, Clock.systemUTC(), true, false),
                () -> new CallerIdentity("123456789012", "arn:aws:sts::123456789012:assumed-role/sync/x"));
        return PermissionCheck.check(target, databases, "datasphere_");
    }

    @Test
    void everythingAllowedChangesNothing() {
        glue.createDatabase(r -> r.databaseInput(d -> d.name("datasphere_sales")));
        PermissionCheck.TargetReport report = check(List.of("datasphere_sales", "datasphere_new"));
        assertTrue(report.ok(), report.missing().toString());
        assertEquals(List.of("datasphere_sales"), List.copyOf(glue.databases.keySet()), "no database was created");
        assertTrue(glue.tables.get("datasphere_sales").isEmpty(), "no table was created");
        assertEquals("123456789012", report.account());
    }

    @Test
    void aMissingPermissionIsNamedWithItsResource() {
        glue.createDatabase(r -> r.databaseInput(d -> d.name("datasphere_sales")));
        glue.denied.add("UpdateTable");
        glue.denied.add("CreateDatabase");
        PermissionCheck.TargetReport report = check(List.of("datasphere_sales"));
        assertTrue(!report.ok());
        assertEquals(2, report.missing().size(), report.missing().toString());
        assertTrue(report.missing().get(0).startsWith("glue:UpdateTable on datasphere_sales/dsgs-permission-probe"),
                report.missing().toString());
        assertTrue(report.missing().get(1).startsWith("glue:CreateDatabase on datasphere_sales"),
                report.missing().toString());
    }

    @Test
    void theProbeNeverChangesATableThatHappensToCarryItsName() {
        glue.createDatabase(r -> r.databaseInput(d -> d.name("datasphere_sales")));
        glue.createTable(r -> r.databaseName("datasphere_sales").tableInput(t -> t.name(PermissionCheck.PROBE)
                .description("someone's table").parameters(java.util.Map.of("owner", "analyst"))));

        PermissionCheck.TargetReport report = check(List.of("datasphere_sales"));

        assertTrue(report.ok(), report.missing().toString());
        var table = glue.getTable(r -> r.databaseName("datasphere_sales").name(PermissionCheck.PROBE)).table();
        assertEquals("someone's table", table.description());
        assertEquals("analyst", table.parameters().get("owner"));
        assertEquals(0, glue.updates.get(), "no update went through");
    }

    @Test
    void aRoleStsRefusesIsReportedAsMissingPermissionsNotACrash() {
        glue.credentialsFailure = software.amazon.awssdk.services.sts.model.StsException.builder().statusCode(403)
                .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("AccessDenied").errorMessage("not authorized to perform: sts:AssumeRole").build())
                .build();

        PermissionCheck.TargetReport report = check(List.of("datasphere_sales"));

        assertTrue(!report.ok());
        assertTrue(report.missing().get(0).contains("credentials: "), report.missing().toString());
        assertTrue(report.missing().get(0).contains("sts:AssumeRole"), report.missing().toString());
    }

    @Test
    void glueOperationTimeoutsAreRetriedNotFatal() {
        glue.credentialsFailure = software.amazon.awssdk.services.glue.model.OperationTimeoutException.builder()
                .statusCode(400).message("operation timed out").build();
        CatalogException e = org.junit.jupiter.api.Assertions.assertThrows(CatalogException.class,
                () -> new GlueCatalog(glue, null).databaseExists("datasphere_sales"));
        assertTrue(e.retryable(), e.kind().toString());
    }

    @Test
    void noAssetNameCanBecomeTheProbesName() {
        assertTrue(!io.dsgluesync.mapping.GlueNames.table(PermissionCheck.PROBE).equals(PermissionCheck.PROBE));
    }

    @Test
    void anUnassumableRoleIsReportedFirst() {
        GlueCatalog catalog = new GlueCatalog(glue, "210987654321");
        TargetCatalog target = new TargetCatalog(new GlueTarget("analytics",
                "arn:aws:iam::210987654321:role/glue-writer", "ext", "s", 3600, "210987654321", null), catalog,
                new CatalogWriter(catalog, Clock.systemUTC(), true, false), () -> CallerIdentity.UNKNOWN);
        PermissionCheck.TargetReport report = PermissionCheck.check(target, List.of(), "datasphere_");
        assertTrue(report.missing().get(0).startsWith("sts:AssumeRole on arn:aws:iam::210987654321:role/glue-writer"),
                report.missing().toString());
    }
}
