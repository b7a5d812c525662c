package io.dsgluesync.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.csdl.CsdlException;
import io.dsgluesync.csdl.EntityModel;
import io.dsgluesync.model.AssetKind;
import io.dsgluesync.model.AssetMessage;
import io.dsgluesync.model.AssetMessages;
import io.dsgluesync.model.S3Replica;
import io.dsgluesync.model.Space;
import io.dsgluesync.rules.ReplicationTargets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replication flow definitions: their S3 tasks, and how discovery binds them to the space's assets. */
class ReplicationFlowTest {
    private static final Space SPACE = new Space("SAP_CONTENT", "SAP Content");
    private static final ReplicationTargets TARGETS = new ReplicationTargets(Map.of("S3_DATALAKE", "lake-replica"));

    @Test
    void aFlowsTasksCarryTheTargetFolderAndTheTaskOverridesOfTheFileType() {
        List<FlowTask> tasks = ReplicationFlowParser.parse("RF_SALES_TO_S3", fixture("RF_SALES_TO_S3.json"));

        assertEquals(2, tasks.size());
        S3Replica orders = tasks.get(0).replica("lake-replica");
        assertTrue(tasks.get(0).sourceIsDatasphere() && tasks.get(0).targetIsS3());
        assertEquals("SAP_SC_SALES_V_SalesOrders", tasks.get(0).sourceObject());
        assertEquals("SALES_ORDERS", orders.targetObject());
        assertEquals("/datasphere/replicated", orders.container());
        assertEquals("PARQUET", orders.fileType());
        assertEquals("REPLICATE", orders.loadType());
        assertTrue(orders.delta());
        S3Replica time = tasks.get(1).replica("lake-replica");
        assertEquals("CSV", time.fileType());
        assertEquals(";", time.csvDelimiter());
        assertTrue(time.csvHeader());
        assertEquals("INITIAL", time.loadType());
        assertFalse(time.delta());
    }

    @Test
    void aTargetDefinitionBecomesTheColumnsOfAnObjectFromAnotherSystem() {
        List<FlowTask> tasks = ReplicationFlowParser.parse("RF_S4_MASTER_DATA", fixture("RF_S4_MASTER_DATA.json"));

        assertFalse(tasks.get(0).sourceIsDatasphere());
        EntityModel customer = ReplicationFlowParser.targetModel(tasks.get(0)).orElseThrow();
        assertEquals("Customer", customer.columns().get(0).name());
        assertTrue(customer.columns().get(0).key());
        assertEquals("Edm.Decimal", customer.columns().get(3).edmType());
        assertTrue(ReplicationFlowParser.targetModel(tasks.get(1)).isEmpty(), "I_SUPPLIER carries no definition");
    }

    @Test
    void anUnreadableFlowNamesTheFlowAndTheField() {
        CsdlException e = assertThrows(CsdlException.class, () -> ReplicationFlowParser.parse("RF_X",
                "{\"replicationflows\":{\"RF_X\":{\"contents\":{\"replicationTasks\":[{\"name\":\"t1\"}]}}}}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertEquals("replicationTasks[0].sourceObject", e.field());
        assertTrue(e.getMessage().contains("RF_X"), e.getMessage());
        assertThrows(CsdlException.class, () -> ReplicationFlowParser.parse("RF_X", "[]".getBytes()));
    }

    @Test
    void tasksBindToListedAssetsAddUnlistedSourcesAndObjectsFromOtherSystems() {
        List<FlowTask> tasks = new java.util.ArrayList<>(
                ReplicationFlowParser.parse("RF_SALES_TO_S3", fixture("RF_SALES_TO_S3.json")));
        tasks.addAll(ReplicationFlowParser.parse("RF_S4_MASTER_DATA", fixture("RF_S4_MASTER_DATA.json")));
        AssetMessage orders = new AssetMessage(1, "run", "SAP_CONTENT", "SAP Content", "SAP_SC_SALES_V_SalesOrders",
                "Sales Orders", AssetKind.VIEW, "https://t.example/x/$metadata", null, false, 0);
        AssetMessage other = new AssetMessage(1, "run", "SAP_CONTENT", "SAP Content", "SAP_SC_FI_V_ProductsDim",
                "Products", AssetKind.VIEW, "https://t.example/y/$metadata", null, false, 0);

        List<AssetMessage> bound = new ReplicaBinding(null, TARGETS).bind("run", SPACE, List.of(orders, other), tasks,
                (space, asset) -> !asset.equals("I_SUPPLIER"), (name, kind) -> 3);

        assertEquals(List.of("SAP_SC_SALES_V_SalesOrders", "SAP_SC_FI_V_ProductsDim", "SAP.TIME.M_TIME_DIMENSION",
                "I_CUSTOMER"), bound.stream().map(AssetMessage::asset).toList());
        assertEquals("lake-replica", bound.get(0).replica().bucket());
        assertNull(bound.get(1).replica());
        assertEquals(AssetKind.LOCAL_TABLE, bound.get(2).kind());
        assertTrue(bound.get(2).designTimeOnly());
        assertEquals(AssetKind.REPLICATED_OBJECT, bound.get(3).kind());
        assertEquals(3, bound.get(3).priority());
        AssetMessage roundTrip = AssetMessages.fromJson(AssetMessages.toJson(bound.get(3)));
        assertEquals(bound.get(3).replica(), roundTrip.replica());
    }

    @Test
    void aConnectionWithoutBucketIsBoundWithoutOne() {
        List<FlowTask> tasks = ReplicationFlowParser.parse("RF_SALES_TO_S3", fixture("RF_SALES_TO_S3.json"));
        AssetMessage orders = new AssetMessage(1, "run", "SAP_CONTENT", null, "SAP_SC_SALES_V_SalesOrders", null,
                AssetKind.VIEW, "https://t.example/x/$metadata", null, false, 0);

        List<AssetMessage> bound = new ReplicaBinding(null, ReplicationTargets.NONE).bind("run", SPACE,
                List.of(orders), tasks.subList(0, 1), (space, asset) -> true, (name, kind) -> 0);

        assertNull(bound.get(0).replica().bucket());
        assertEquals("S3_DATALAKE", bound.get(0).replica().connection());
    }

    private static byte[] fixture(String name) {
        try (InputStream in = ReplicationFlowTest.class.getResourceAsStream("/replication/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
