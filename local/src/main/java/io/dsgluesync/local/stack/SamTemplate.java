package io.dsgluesync.local.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions of template.yaml as {@code sam local invoke} would see them: handler string, code artifact,
 * environment variables and timeout, with {@code !Ref}s resolved against the local stack's resources and the
 * parameters' defaults.
 */
public final class SamTemplate {
    /**
     * Lambda's timeout when neither the function nor Globals sets one
     * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html).
     */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    private final Map<String, Object> template;

    private SamTemplate(Map<String, Object> template) {
        this.template = template;
    }

    public static SamTemplate read(Path path) throws IOException {
        return new SamTemplate(CfnYaml.read(path));
    }

    /** One function: logical id, handler, CodeUri, environment variables (global ones first) and its Timeout. */
    public record FunctionDefinition(String logicalId, String handler, String codeUri, Map<String, String> environment,
                                     Duration timeout) {
        public FunctionDefinition {
            environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
            if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() % 1000 != 0) {
                throw new IllegalArgumentException(logicalId + ": Timeout must be a whole number of seconds: "
                        + timeout);
            }
        }

        /** The same function with another Timeout, as a changed template would give it. */
        public FunctionDefinition withTimeout(Duration other) {
            return new FunctionDefinition(logicalId, handler, codeUri, environment, other);
        }

        /** The same function with these environment variables set over the template's. */
        public FunctionDefinition withEnvironment(Map<String, String> overrides) {
            Map<String, String> all = new LinkedHashMap<>(environment);
            all.putAll(overrides);
            return new FunctionDefinition(logicalId, handler, codeUri, all, timeout);
        }
    }

    public FunctionDefinition function(String logicalId, Map<String, String> physicalIds) {
        Map<String, Object> resource = map(map(template.get("Resources")).get(logicalId));
        if (resource.isEmpty() || !"AWS::Serverless::Function".equals(resource.get("Type"))) {
            throw new IllegalArgumentException("template.yaml has no function " + logicalId + "; functions: "
                    + functionIds());
        }
        Map<String, Object> properties = map(resource.get("Properties"));
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, Object> globals = map(map(map(template.get("Globals")).get("Function")).get("Environment"));
        map(globals.get("Variables")).forEach((k, v) -> env.put(k, resolve(k, v, physicalIds)));
        map(map(properties.get("Environment")).get("Variables")).forEach((k, v) -> env.put(k, resolve(k, v, physicalIds)));
        Object timeout = properties.containsKey("Timeout") ? properties.get("Timeout")
                : map(map(template.get("Globals")).get("Function")).get("Timeout");
        return new FunctionDefinition(logicalId, (String) properties.get("Handler"), (String) properties.get("CodeUri"),
                env, timeout == null ? DEFAULT_TIMEOUT
                        : Duration.ofSeconds(Long.parseLong(resolve("Timeout", timeout, physicalIds))));
    }

    /**
     * A function's MemorySize in MB, its own or the Globals' (Lambda's default is 128,
     * https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html).
     */
    public int memorySize(String logicalId) {
        Map<String, Object> properties = map(map(map(template.get("Resources")).get(logicalId)).get("Properties"));
        Object size = properties.containsKey("MemorySize") ? properties.get("MemorySize")
                : map(map(template.get("Globals")).get("Function")).get("MemorySize");
        return size == null ? 128 : Integer.parseInt(String.valueOf(size));
    }

    public List<String> functionIds() {
        return map(template.get("Resources")).entrySet().stream()
                .filter(e -> "AWS::Serverless::Function".equals(map(e.getValue()).get("Type")))
                .map(Map.Entry::getKey).toList();
    }

    private String resolve(String variable, Object value, Map<String, String> physicalIds) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        Map<String, Object> intrinsic = map(value);
        if (intrinsic.containsKey("Ref")) {
            String ref = (String) intrinsic.get("Ref");
            if (physicalIds.containsKey(ref)) {
                return physicalIds.get(ref);
            }
            if ("AWS::StackName".equals(ref)) {
                return "dsgs-local"; // the pseudo parameter, as sam local invoke answers it without a stack
            }
            Map<String, Object> parameter = map(map(template.get("Parameters")).get(ref));
            if (parameter.containsKey("Default")) {
                return String.valueOf(parameter.get("Default"));
            }
            throw new IllegalArgumentException(variable + ": !Ref " + ref + " has no local value and no default");
        }
        if (intrinsic.get("Fn::If") instanceof List<?> branches && branches.size() == 3) {
            boolean holds = condition(variable, map(template.get("Conditions")).get(String.valueOf(branches.get(0))),
                    physicalIds);
            return resolve(variable, branches.get(holds ? 1 : 2), physicalIds);
        }
        throw new IllegalArgumentException(variable + ": unsupported intrinsic " + intrinsic.keySet());
    }

    /** The conditions the template uses: {@code Fn::Equals} of resolved values, {@code Fn::Not}. */
    private boolean condition(String variable, Object value, Map<String, String> physicalIds) {
        Map<String, Object> intrinsic = map(value);
        if (intrinsic.get("Fn::Equals") instanceof List<?> pair && pair.size() == 2) {
            return resolve(variable, pair.get(0), physicalIds).equals(resolve(variable, pair.get(1), physicalIds));
        }
        if (intrinsic.get("Fn::Not") instanceof List<?> one && one.size() == 1) {
            return !condition(variable, one.get(0), physicalIds);
        }
        throw new IllegalArgumentException(variable + ": unsupported condition " + intrinsic.keySet());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
