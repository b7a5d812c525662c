package io.dsgluesync.glue;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts SDK calls by operation (e.g. {@code GetTable}) for audit records and metrics. Calls of another service than
 * Glue that share the counter (Lake Formation's, for LF-Tags) are counted as {@code <service>:<operation>}, e.g.
 * {@code LakeFormation:AddLFTagsToResource}, so that they are never taken for Glue calls.
 */
public class CallCounter implements ExecutionInterceptor {
    /** The Glue client's {@link SdkExecutionAttribute#SERVICE_NAME} ({@code GlueClient.SERVICE_NAME}). */
    static final String GLUE = "glue";
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String key = operation == null ? "unknown" : operation;
        if (service != null && !service.equalsIgnoreCase(GLUE)) {
            key = service + ":" + key;
        }
        counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    public Map<String, Integer> snapshot() {
        Map<String, Integer> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Calls made since {@code before} was taken. */
    public Map<String, Integer> since(Map<String, Integer> before) {
        Map<String, Integer> delta = new TreeMap<>();
        snapshot().forEach((k, v) -> {
            int d = v - before.getOrDefault(k, 0);
            if (d > 0) {
                delta.put(k, d);
            }
        });
        return delta;
    }
}
