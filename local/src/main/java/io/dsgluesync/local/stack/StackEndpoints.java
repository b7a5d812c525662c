package io.dsgluesync.local.stack;

import io.dsgluesync.datasphere.ClientCredentials;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a function needs to reach the local stack: moto's port, the Datasphere tenant (simulator or real)
 * and the resources bootstrapped from template.yaml.
 */
public record StackEndpoints(int motoPort, String datasphereUrl, String tokenUrl, ClientCredentials client,
                             StackResources resources) {

    /** Physical ids for the template's {@code !Ref}s, as CloudFormation would resolve them. */
    public Map<String, String> physicalIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("DatasphereUrl", datasphereUrl);
        ids.put("DatasphereTokenUrl", tokenUrl);
        ids.put("DatasphereClientSecret", resources.secretArn());
        ids.put("AssetQueue", resources.assetQueueUrl());
        ids.put("ResultsQueue", resources.resultsQueueUrl());
        ids.put("AuditTable", resources.auditTable());
        ids.put("Stage", "local");
        return ids;
    }

    /** What the Lambda service (not the template) puts in a function's environment, pointed at moto. */
    public Map<String, String> runtimeEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", LocalAws.REGION);
        env.put("AWS_DEFAULT_REGION", LocalAws.REGION);
        env.put("AWS_ACCESS_KEY_ID", LocalAws.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", LocalAws.SECRET_KEY);
        // The one setting real deployments never have: every SDK client goes to moto.
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + motoPort);
        // EMF to stdout instead of the CloudWatch agent's TCP port (reference lambda-java.md §1.3).
        env.put("AWS_EMF_ENVIRONMENT", "Local");
        return env;
    }
}
