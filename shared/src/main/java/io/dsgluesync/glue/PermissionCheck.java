package io.dsgluesync.glue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Checks that a target's identity may do what the sync does, without changing anything: each permission is
 * exercised on an object that does not exist (or, for CreateDatabase, one that already does), so an allowed call
 * ends in EntityNotFound or AlreadyExists and a missing permission in AccessDenied. AWS authorises a request before
 * it looks for the object. The probe table and database names are under the database prefix, like the sync's own,
 * but hold a hyphen, which no asset's Glue name can ({@code [a-z0-9_]}), and the UpdateTable probe sends a
 * {@code VersionId} that no table can have, so that even a table someone created under the probe's name is never
 * changed (https://docs.aws.amazon.com/glue/latest/webapi/API_UpdateTable.html, VersionId).
 */
public final class PermissionCheck {
    static final String PROBE = "dsgs-permission-probe";
    /** Glue's version ids are numbers; this never matches one. */
    static final String NEVER_A_VERSION = "dsgs-probe-never-a-version";

    private PermissionCheck() {
    }

    /** One permission and whether the target has it. */
    public record Check(String permission, String resource, boolean allowed, String detail) {
    }

    /** All checks of one target. */
    public record TargetReport(String target, String account, String arn, List<Check> checks) {
        public boolean ok() {
            return checks.stream().allMatch(Check::allowed);
        }

        public List<String> missing() {
            return checks.stream().filter(c -> !c.allowed()).map(c -> c.permission() + " on " + c.resource()
                    + " (" + c.detail() + ")").toList();
        }
    }

    /**
     * Where a passed check is remembered, so that the runs that follow within its validity do not probe again: the
     * probes cost some five Glue calls per database, refused writes among them, on every tick of a frequent schedule.
     */
    public interface Memory {
        Memory NONE = new Memory() {
            @Override
            public boolean passedRecently(String key) {
                return false;
            }

            @Override
            public void passed(String key) {
            }
        };

        boolean passedRecently(String key);

        void passed(String key);
    }

    /**
     * What a check covers, as a key: the targets (name, account, role) and the databases. A new space's database, a
     * new target or another role makes a new key, so it is probed before its first run.
     */
    public static String key(List<TargetCatalog> targets, List<String> databases, String databasePrefix) {
        StringBuilder covered = new StringBuilder(String.valueOf(databasePrefix));
        for (TargetCatalog target : targets) {
            covered.append('\n').append(target.target().name()).append('|').append(target.target().catalogId())
                    .append('|').append(target.target().roleArn());
        }
        databases.stream().sorted().forEach(d -> covered.append('\n').append(d));
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(covered.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    public static TargetReport check(TargetCatalog target, List<String> databases, String databasePrefix) {
        List<Check> checks = new ArrayList<>();
        CallerIdentity identity = target.identity().get();
        if (target.target().roleArn() != null) {
            checks.add(new Check("sts:AssumeRole", target.target().roleArn(), identity != CallerIdentity.UNKNOWN,
                    identity != CallerIdentity.UNKNOWN ? "assumed" : "the role could not be assumed: check its trust"
                            + " policy and External ID"));
        }
        GlueCatalog glue = target.catalog();
        String probeDatabase = (databasePrefix == null ? "" : databasePrefix) + PROBE;
        for (String database : databases) {
            boolean[] exists = {false};
            checks.add(probe("glue:GetDatabase", database, () -> exists[0] = glue.databaseExists(database)));
            checks.add(probe("glue:GetTables", database, () -> {
                glue.probeTables(database);
                return null;
            }));
            checks.add(probe("glue:GetTable", database + "/" + PROBE, () -> glue.getTable(database, PROBE)));
            checks.add(probe("glue:UpdateTable", database + "/" + PROBE,
                    () -> {
                        glue.updateTable(database, TableInput.builder().name(PROBE).build(), NEVER_A_VERSION, true);
                        return null;
                    }));
            if (exists[0]) {
                checks.add(probe("glue:CreateDatabase", database, () -> {
                    glue.createDatabase(DatabaseInput.builder().name(database).build());
                    return null;
                }, true));
            } else {
                checks.add(new Check("glue:CreateDatabase", database, true,
                        "not checked: the database does not exist yet and checking would create it"));
            }
        }
        checks.add(probe("glue:CreateTable", probeDatabase + "/" + PROBE, () -> {
            glue.createTable(probeDatabase, TableInput.builder().name(PROBE).build());
            return null;
        }));
        return new TargetReport(target.target().name(), identity.account(), identity.arn(), List.copyOf(checks));
    }

    private static Check probe(String permission, String resource, Supplier<?> call) {
        return probe(permission, resource, call, false);
    }

    /** {@code onlyIfExists}: a call that would succeed must not be made (CreateDatabase of an existing database only). */
    private static Check probe(String permission, String resource, Supplier<?> call, boolean onlyIfExists) {
        try {
            call.get();
            return new Check(permission, resource, true, onlyIfExists ? "unexpectedly created" : "allowed");
        } catch (CatalogException e) {
            return switch (e.kind()) {
                case ACCESS_DENIED -> new Check(permission, resource, false, e.getMessage());
                case NOT_FOUND, ALREADY_EXISTS, REJECTED, CONFLICT -> new Check(permission, resource, true, "allowed");
                default -> new Check(permission, resource, false, "could not be checked: " + e.getMessage());
            };
        }
    }
}
