package io.dsgluesync.local.simulator;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A replication flow as the design-time API answers it under {@code replicationflows}: one source and one target
 * connection, and tasks that each copy a source object to a target object.
 *
 * <p>The shape follows DataHub's synthetic fixture of a flow definition
 * (https://github.com/datahub-project/datahub/blob/master/metadata-ingestion/tests/integration/sap_datasphere/fixtures/replication_flow_federated.json).
 * The settings of a cloud-storage target (file type, delta grouping, compression, CSV delimiter and header line) and
 * their values are SAP's (https://github.com/SAP-docs/sap-datasphere/blob/main/docs/Acquiring-Preparing-Modeling-Data/Acquiring-and-Preparing-Data-in-the-Data-Builder/cloud-storage-provider-targets-for-replication-flows-43d93a2.md),
 * but no public definition shows how they are stored: the {@code com.sap.rms.write.*} keys below are our inference,
 * modelled on the one such key DataHub's fixture carries ({@code com.sap.rms.write.forceDecfloatsToTargetValueRange}).
 *
 * @param name   technical name
 * @param label  business name ({@code @EndUserText.label})
 * @param source where the tasks read; {@link #DATASPHERE_CONNECTION} for objects of the flow's own space
 * @param target where the tasks write; its properties apply to every task that does not override them
 * @param tasks  the replication tasks, in order
 */
record ReplicationFlow(String name, String label, Connection source, Connection target, List<Task> tasks) {

    /** The source connection id of a flow that reads objects of its own space (DataHub also accepts an empty one). */
    static final String DATASPHERE_CONNECTION = "$DWC";
    static final String FILE_TYPE = "com.sap.rms.write.fileType";
    static final String GROUP_DELTA_BY = "com.sap.rms.write.groupDeltaBy";
    static final String COMPRESSION = "com.sap.rms.write.compression";
    static final String CSV_DELIMITER = "com.sap.rms.write.csvDelimiter";
    static final String CSV_HEADER_LINE = "com.sap.rms.write.csvHeaderLine";

    ReplicationFlow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        tasks = List.copyOf(tasks);
    }

    /** "Initial Only" and "Initial and Delta" in the flow editor. */
    enum LoadType { INITIAL, REPLICATE }

    /**
     * One entry of {@code sourceSystem} or {@code targetSystem}.
     *
     * @param properties written only when not empty; sources carry none
     */
    record Connection(String connectionId, String connectionType, String container, Map<String, String> properties) {

        Connection {
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(connectionType, "connectionType");
            Objects.requireNonNull(container, "container");
            properties = Map.copyOf(properties);
        }

        /** The space's own repository as a source: container {@code /<SPACE>}. */
        static Connection datasphere(String space) {
            return new Connection(DATASPHERE_CONNECTION, "DWC", "/" + space, Map.of());
        }
    }

    /**
     * One entry of {@code replicationTasks}.
     *
     * @param targetProperties overrides of the target connection's properties for this object; may be empty
     * @param definition       the target's columns, for sources that are not Datasphere objects; empty when the flow
     *                         does not say (the columns must then come from elsewhere)
     */
    record Task(String name, LoadType loadType, String sourceObject, String targetObject,
                Map<String, String> targetProperties, List<Element> definition) {

        Task {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(loadType, "loadType");
            Objects.requireNonNull(sourceObject, "sourceObject");
            Objects.requireNonNull(targetObject, "targetObject");
            targetProperties = Map.copyOf(targetProperties);
            definition = List.copyOf(definition);
        }
    }

    /**
     * A column of a task's target definition, in the element shape of local-table CSN.
     *
     * @param type      a CDS type such as {@code cds.String} or {@code cds.Decimal}
     * @param length    for strings and binaries, else null
     * @param precision for decimals, else null
     * @param scale     for decimals, else null
     */
    record Element(String name, String type, Integer length, Integer precision, Integer scale, boolean key,
                   String label) {

        Element {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(label, "label");
        }

        static Element of(String name, String type, String label) {
            return new Element(name, type, null, null, null, false, label);
        }

        static Element string(String name, int length, String label) {
            return new Element(name, "cds.String", length, null, null, false, label);
        }

        static Element decimal(String name, int precision, int scale, String label) {
            return new Element(name, "cds.Decimal", null, precision, scale, false, label);
        }

        Element asKey() {
            return new Element(name, type, length, precision, scale, true, label);
        }
    }
}
