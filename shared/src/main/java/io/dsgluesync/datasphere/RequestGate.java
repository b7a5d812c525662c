package io.dsgluesync.datasphere;

/**
 * What {@link DatasphereHttp} asks before each request it sends to the tenant (never before an OAuth token
 * request): a container's own {@link RequestBudget}, or a budget shared by every container.
 */
@FunctionalInterface
public interface RequestGate {
    /** Blocks until one request may be sent. */
    void acquire();
}
