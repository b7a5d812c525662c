package io.dsgluesync.lineage;

import static io.dsgluesync.lineage.LineageFixtures.column;
import static io.dsgluesync.lineage.LineageFixtures.file;
import static io.dsgluesync.lineage.LineageFixtures.json;
import static io.dsgluesync.lineage.LineageFixtures.upstream;
import static io.dsgluesync.lineage.LineageFixtures.upstreams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dsgluesync.csdl.CsdlException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Source and target of each task of the sample tenant's replication and data flows. */
class FlowLineageTest {

    /** {@code task: source -> target} with the target as {@code SPACE/OBJECT} or {@code CONNECTION:ENTITY}. */
    private static String edge(FlowEdge e) {
        String target = e.targetIsDatasphere() ? e.targetSpace() + "/" + e.targetObject()
                : e.targetConnection() + ":" + e.targetEntity();
        return e.task() + ": " + upstream(e.source()) + " -> " + target;
    }

    @Test
    void replicationTasksFromTheSpaceToAnS3Connection() {
        List<FlowEdge> edges = FlowLineage.read("SAP_CONTENT", "RF_SALES_TO_S3", "replicationflows",
                file("RF_SALES_TO_S3"));
        assertEquals(List.of(
                "replicationtask1: SAP_CONTENT/SAP_SC_SALES_V_SalesOrders replication @RF_SALES_TO_S3/replicationtask1"
                        + " -> S3_DATALAKE:datasphere/replicated/SALES_ORDERS",
                "replicationtask2: SAP_CONTENT/SAP.TIME.M_TIME_DIMENSION replication @RF_SALES_TO_S3/replicationtask2"
                        + " -> S3_DATALAKE:datasphere/replicated/TIME_DIMENSION"),
                edges.stream().map(FlowLineageTest::edge).toList());
        assertEquals("RF_SALES_TO_S3", edges.get(0).flow());
        assertEquals("SAP_CONTENT", edges.get(0).targetSpace());
        assertEquals("SALES_ORDERS", edges.get(0).targetObject());
        assertEquals(List.of(), edges.get(0).columns());
    }

    @Test
    void replicationFromAnExternalConnection() {
        List<FlowEdge> edges = FlowLineage.read("SPACE_A", "RF_S4_MASTER_DATA", "replicationflows",
                file("RF_S4_MASTER_DATA"));
        assertEquals("replicationtask1: SPACE_A:S4H_CDS:CDS_EXTRACTION/I_CUSTOMER replication"
                + " @RF_S4_MASTER_DATA/replicationtask1 -> S3_DATALAKE:s4/cds/I_CUSTOMER", edge(edges.get(0)));
        assertEquals(2, edges.size());
    }

    @Test
    void replicationIntoTheSpaceWithColumnMappings() {
        List<FlowEdge> edges = FlowLineage.read("SPACE_B", "RF_IN", "replicationflows", json("""
                {'replicationflows': {'RF_IN': {'contents': {
                  'sourceSystem': [{'connectionId': 'ERP', 'container': '/SAPHANADB'}],
                  'targetSystem': [{'connectionId': '$DWC', 'container': '/SPACE_B'}],
                  'replicationTasks': [{'name': 't1', 'sourceObject': {'name': 'VBAK'}, 'targetObject': {'name': 'ORDERS'},
                    'transform': {'attributeMappings': [
                      {'target': 'VBELN', 'expression': '\\\\'VBELN\\\\''},
                      {'target': 'ORDER_DATE', 'expression': '\\\\'ERDAT\\\\''},
                      {'target': 'NET', 'expression': 'ROUND(\\\\'NETWR\\\\', 2)'},
                      {'target': 'GROSS', 'expression': '\\\\'NETWR\\\\' + \\\\'MWSBP\\\\''},
                      {'target': 'CONST', 'expression': '42'}]}}]}}}}
                """.replace("\\\\'", "\\\"")));
        FlowEdge e = edges.get(0);
        assertEquals("t1: SPACE_B:ERP:SAPHANADB/VBAK replication @RF_IN/t1 -> SPACE_B/ORDERS", edge(e));
        assertNull(e.targetConnection());
        assertEquals(List.of("VBELN <- SPACE_B/SAPHANADB/VBAK.VBELN identity",
                "ORDER_DATE <- SPACE_B/SAPHANADB/VBAK.ERDAT rename",
                "NET <- SPACE_B/SAPHANADB/VBAK.NETWR function(ROUND)",
                "GROSS <- SPACE_B/SAPHANADB/VBAK.NETWR, SPACE_B/SAPHANADB/VBAK.MWSBP expression"),
                e.columns().stream().map(LineageFixtures::column).toList());
        Lineage into = FlowLineage.into(edges, "SPACE_B", "ORDERS");
        assertEquals(List.of("SPACE_B:ERP:SAPHANADB/VBAK replication @RF_IN/t1"), upstreams(into));
        assertEquals("ORDER_DATE <- SPACE_B/SAPHANADB/VBAK.ERDAT rename", column(into, "ORDER_DATE"));
        assertEquals(Lineage.NONE, FlowLineage.into(edges, "SPACE_B", "OTHER"));
    }

    @Test
    void dataFlowLoadsALocalTableFromAConnection() {
        List<FlowEdge> edges = FlowLineage.read("SPACE_A", "DF_LOAD_ENROLLMENT", "dataflows",
                file("DF_LOAD_ENROLLMENT"));
        assertEquals(List.of("target1: SPACE_A:CAMPUS_MSSQL:dbo.ENROLLMENTS dataflow @DF_LOAD_ENROLLMENT/target1"
                + " -> SPACE_A/COLLEGE_ENROLLMENT_RAW"), edges.stream().map(FlowLineageTest::edge).toList());
        assertEquals(List.of("ENROLLMENTID <- SPACE_A/dbo.ENROLLMENTS.ENROLLMENT_ID rename",
                "STUDENTID <- SPACE_A/dbo.ENROLLMENTS.STUDENTID identity",
                "COURSEID <- SPACE_A/dbo.ENROLLMENTS.COURSEID identity",
                "FEES <- SPACE_A/dbo.ENROLLMENTS.FEE_AMOUNT function(TO_DECIMAL)",
                "PAYMENTMODE <- SPACE_A/dbo.ENROLLMENTS.PAYMENT_MODE function(UPPER)",
                "ENROLLMENTDATE <- SPACE_A/dbo.ENROLLMENTS.ENROLLMENTDATE identity"),
                edges.get(0).columns().stream().map(LineageFixtures::column).toList());
    }

    @Test
    void dataFlowWithTwoInputsHasEdgesFromEachButNoColumns() {
        List<FlowEdge> edges = FlowLineage.read("S", "DF", "dataflows", json("""
                {'dataflows': {'DF': {'contents': {'processes': {
                  'a': {'component': 'com.sap.database.table.consumer', 'metadata': {'config': {'dwcEntity': 'T1'}}},
                  'b': {'component': 'com.sap.database.table.consumer.v3', 'metadata': {'config': {'qualifiedName': 'T2',
                        'hanaConnection': {'connectionID': ''}}}},
                  'j': {'component': 'com.sap.dataflow.join', 'metadata': {'config': {}}},
                  'odd': 5,
                  'out': {'component': 'com.sap.database.table.producer', 'metadata': {'config': {'dwcEntity': 'T3',
                        'attributeMappings': [{'target': 'X', 'expression': '\\\\'X\\\\''}]}}}}}}}}
                """.replace("\\\\'", "\\\"")));
        assertEquals(List.of("out: S/T1 dataflow @DF/out -> S/T3", "out: S/T2 dataflow @DF/out -> S/T3"),
                edges.stream().map(FlowLineageTest::edge).toList());
        assertEquals(List.of(), edges.get(0).columns());
    }

    @Test
    void unknownTypesAndMissingRootsHaveNoEdgesAndBadJsonIsACsdlException() {
        assertEquals(List.of(), FlowLineage.read("S", "TC", "taskchains", json("{'taskchains': {'TC': {}}}")));
        assertEquals(List.of(), FlowLineage.read("S", "DF", "dataflows", json("{'replicationflows': {}}")));
        assertEquals(List.of(), FlowLineage.read("S", "DF", "dataflows", json("{'dataflows': {'DF': {'contents': 3}}}")));
        CsdlException e = assertThrows(CsdlException.class,
                () -> FlowLineage.read("S", "DF", "dataflows", "{".getBytes(StandardCharsets.UTF_8)));
        assertEquals("dataflows", e.field());
    }
}
