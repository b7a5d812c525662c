package io.dsgluesync.local.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The functions of template.yaml as {@code sam local invoke} would see them: handler string, code artifact and
 * environment variables, with {@code !Ref}s resolved against the local stack's resources and the parameters'
 * defaults.
 */
public final class SamTemplate {
    private final Map<String, Object> template;

    private SamTemplate(Map<String, Object> template) {
        this.template = template;
    }

    public static SamTemplate read(Path path) throws IOException {
        return new SamTemplate(CfnYaml.read(path));
    }

    /** One function: logical id, handler, CodeUri and environment variables (global ones first). */
    public record FunctionDefinition(String logicalId, String handler, String codeUri, Map<String, String> environment) {
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
        return new FunctionDefinition(logicalId, (String) properties.get("Handler"), (String) properties.get("CodeUri"),
                env);
    }

    public java.util.List<String> functionIds() {
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
            Map<String, Object> parameter = map(map(template.get("Parameters")).get(ref));
            if (parameter.containsKey("Default")) {
                return String.valueOf(parameter.get("Default"));
            }
            throw new IllegalArgumentException(variable + ": !Ref " + ref + " has no local value and no default");
        }
        if (intrinsic.get("Fn::If") instanceof java.util.List<?> branches && branches.size() == 3) {
            boolean holds = condition(variable, map(template.get("Conditions")).get(String.valueOf(branches.get(0))),
                    physicalIds);
            return resolve(variable, branches.get(holds ? 1 : 2), physicalIds);
        }
        throw new IllegalArgumentException(variable + ": unsupported intrinsic " + intrinsic.keySet());
    }

    /** The conditions the template uses: {@code Fn::Equals} of resolved values, {@code Fn::Not}. */
    private boolean condition(String variable, Object value, Map<String, String> physicalIds) {
        Map<String, Object> intrinsic = map(value);
        if (intrinsic.get("Fn::Equals") instanceof java.util.List<?> pair && pair.size() == 2) {
            return resolve(variable, pair.get(0), physicalIds).equals(resolve(variable, pair.get(1), physicalIds));
        }
        if (intrinsic.get("Fn::Not") instanceof java.util.List<?> one && one.size() == 1) {
            return !condition(variable, one.get(0), physicalIds);
        }
        throw new IllegalArgumentException(variable + ": unsupported condition " + intrinsic.keySet());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
