package io.dsgluesync.glue;

import io.dsgluesync.mapping.SyncParameters;
import java.util.Map;

/**
 * Whose a stored table is, from the sync's markers: this deployment's, another deployment's of the sync, or nobody's
 * the sync knows (created by a person, a crawler, another tool).
 */
public enum Ownership {
    /** Written by this deployment, or by the sync before deployments were named. */
    OURS,
    /** Written by another deployment of the sync (another stack or another tenant) sharing the catalog. */
    OTHER_DEPLOYMENT,
    /** Not written by the sync. */
    FOREIGN;

    public static Ownership of(Map<String, String> parameters, String deployment) {
        Map<String, String> p = parameters == null ? Map.of() : parameters;
        if (!SyncParameters.MANAGED_BY_VALUE.equals(p.get(SyncParameters.MANAGED_BY))) {
            return FOREIGN;
        }
        String owner = p.get(SyncParameters.DEPLOYMENT);
        return owner == null || owner.equals(deployment) ? OURS : OTHER_DEPLOYMENT;
    }

    /**
     * The deployment id: {@code SYNC_DEPLOYMENT} (the stack name, set by template.yaml) and the tenant host, so
     * that two stacks, or one stack pointed at another tenant, never claim each other's tables.
     */
    public static String deployment(Map<String, String> env, String tenantHost) {
        String stack = env.getOrDefault("SYNC_DEPLOYMENT", "");
        return (stack.isBlank() ? "default" : stack.trim()) + "@" + (tenantHost == null ? "" : tenantHost);
    }
}
