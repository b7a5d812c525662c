package io.dsgluesync.local.simulator;

import java.util.Optional;

/**
 * Object types of the design-time API behind {@code datasphere objects ...}, by the path segment of
 * {@code /dwaas-core/api/v1/spaces/<SPACE>/<segment>}. The segments are the ones DataHub's Datasphere source requests
 * (https://github.com/datahub-project/datahub, {@code metadata-ingestion/src/datahub/ingestion/source/sap_datasphere/
 * client.py}); SAP documents only the CLI commands in front of them.
 */
public enum DesignObjectType {
    VIEWS("views"),
    ANALYTIC_MODELS("analyticmodels"),
    LOCAL_TABLES("localtables"),
    REMOTE_TABLES("remotetables"),
    /** Answers a flow definition {@code {"replicationflows":{<name>:{...}}}} instead of a CSN document. */
    REPLICATION_FLOWS("replicationflows"),
    /** Answers a flow definition {@code {"dataflows":{<name>:{"kind":"sap.dis.dataflow","contents":{...}}}}}. */
    DATA_FLOWS("dataflows");

    private final String segment;

    DesignObjectType(String segment) {
        this.segment = segment;
    }

    /** The path segment, e.g. {@code analyticmodels}. */
    public String segment() {
        return segment;
    }

    /** Flows answer their definition under a root key named like the segment, not CSN {@code definitions}. */
    public boolean isFlow() {
        return this == REPLICATION_FLOWS || this == DATA_FLOWS;
    }

    public static Optional<DesignObjectType> ofSegment(String segment) {
        for (DesignObjectType type : values()) {
            if (type.segment.equals(segment)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
