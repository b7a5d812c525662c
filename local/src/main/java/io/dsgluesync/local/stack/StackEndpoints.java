package io.dsgluesync.local.stack;

import io.dsgluesync.datasphere.ClientCredentials;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a function needs to reach the local stack: moto's port, the SQS endpoint (moto's unless a benchmark
 * runs {@link ElasticMqServer}), the Datasphere tenant (simulator or real) and the resources bootstrapped from
 * template.yaml.
 */
public record StackEndpoints(int motoPort, URI sqsEndpoint, String datasphereUrl, String tokenUrl,
                             ClientCredentials client, StackResources resources,
                             Map<String, String> parameterOverrides) {

    public StackEndpoints {
        parameterOverrides = Map.copyOf(parameterOverrides);
    }

    public StackEndpoints(int motoPort, String datasphereUrl, String tokenUrl, ClientCredentials client,
                          StackResources resources) {
        this(motoPort, datasphereUrl, tokenUrl, client, resources, Map.of());
    }

    /** Every service, SQS included, on moto at {@code motoPort}. */
    public StackEndpoints(int motoPort, String datasphereUrl, String tokenUrl, ClientCredentials client,
                          StackResources resources, Map<String, String> parameterOverrides) {
        this(motoPort, URI.create("http://127.0.0.1:" + motoPort), datasphereUrl, tokenUrl, client, resources,
                parameterOverrides);
    }

    /** The same stack with template parameters set (like {@code sam deploy --parameter-overrides}). */
    public StackEndpoints withParameters(Map<String, String> overrides) {
        Map<String, String> all = new LinkedHashMap<>(parameterOverrides);
        all.putAll(overrides);
        return new StackEndpoints(motoPort, sqsEndpoint, datasphereUrl, tokenUrl, client, resources, all);
    }

    /** The same stack with SQS at {@code endpoint} and everything else on moto. */
    public StackEndpoints withSqsEndpoint(URI endpoint) {
        return new StackEndpoints(motoPort, endpoint, datasphereUrl, tokenUrl, client, resources,
                parameterOverrides);
    }

    /** Clients of this stack, SQS included. */
    public LocalAws localAws() {
        return new LocalAws(motoPort, sqsEndpoint);
    }

    /** Physical ids for the template's {@code !Ref}s, as CloudFormation would resolve them. */
    public Map<String, String> physicalIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("AWS::StackName", "dsgs-local");
        ids.put("DatasphereUrl", datasphereUrl);
        ids.put("DatasphereTokenUrl", tokenUrl);
        ids.put("DatasphereClientSecret", resources.secretArn());
        ids.put("AssetQueue", resources.assetQueueUrl());
        ids.put("PriorityAssetQueue", resources.priorityQueueUrl());
        ids.put("SyncRulesBucket", resources.rulesBucket());
        ids.put("DataBucket", resources.dataBucket());
        // One function runs at a time locally, and the simulator has no request limit unless a test sets one.
        ids.put("WorkerMaxConcurrency", "1");
        ids.put("PriorityWorkerMaxConcurrency", "0");
        ids.put("DatasphereRequestsPerMinute", "0");
        ids.put("ResultsQueue", resources.resultsQueueUrl());
        ids.put("AuditTable", resources.auditTable());
        ids.put("Stage", "local");
        ids.putAll(parameterOverrides);
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
        env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint.toString());
        // No AWS_EMF_ENVIRONMENT: as in Lambda, the EMF library finds AWS_LAMBDA_FUNCTION_NAME and writes to stdout
        // (aws-embedded-metrics-java, EnvironmentProvider); its "Local" environment logs "Unknown name/type" noise.
        return env;
    }
}
