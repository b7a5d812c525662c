package io.dsgluesync.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.dsgluesync.local.simulator.ReplicationFlow.Connection;
import io.dsgluesync.local.simulator.ReplicationFlow.Element;
import io.dsgluesync.local.simulator.ReplicationFlow.LoadType;
import io.dsgluesync.local.simulator.ReplicationFlow.Task;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Generated flow definitions have exactly the shape of the sample tenant's hand-written ones. */
class ReplicationFlowWriterTest {

    private static JsonNode sample(String space, String flow) throws Exception {
        DesignObject object = Tenant.sample().designObject(space, DesignObjectType.REPLICATION_FLOWS, flow).orElseThrow();
        return SimClient.JSON.readTree(object.csn());
    }

    @Test
    void aFlowOfDatasphereObjectsRendersLikeTheSampleSalesFlow() throws Exception {
        ReplicationFlow flow = new ReplicationFlow("RF_SALES_TO_S3", "Sales to the S3 data lake",
                Connection.datasphere("SAP_CONTENT"),
                new Connection("S3_DATALAKE", "S3", "/datasphere/replicated", Map.of(
                        ReplicationFlow.FILE_TYPE, "PARQUET", ReplicationFlow.GROUP_DELTA_BY, "NONE",
                        ReplicationFlow.COMPRESSION, "SNAPPY")),
                List.of(new Task("replicationtask1", LoadType.REPLICATE, "SAP_SC_SALES_V_SalesOrders", "SALES_ORDERS",
                                Map.of(), List.of()),
                        new Task("replicationtask2", LoadType.INITIAL, "SAP.TIME.M_TIME_DIMENSION", "TIME_DIMENSION",
                                Map.of(ReplicationFlow.FILE_TYPE, "CSV", ReplicationFlow.CSV_DELIMITER, ";",
                                        ReplicationFlow.CSV_HEADER_LINE, "true"), List.of())));

        assertEquals(sample("SAP_CONTENT", "RF_SALES_TO_S3"), SimClient.JSON.readTree(ReplicationFlowWriter.write(flow)));
    }

    @Test
    void aFlowFromAnAbapSourceRendersItsColumnsLikeTheSampleS4Flow() throws Exception {
        List<Element> customer = List.of(
                Element.string("Customer", 10, "Customer").asKey(),
                Element.string("CustomerName", 80, "Customer Name"),
                Element.of("CreationDate", "cds.Date", "Created On"),
                Element.decimal("CreditLimitAmount", 15, 2, "Credit Limit"),
                Element.of("DeletionIndicator", "cds.Boolean", "Central Deletion Flag"),
                Element.of("LastChangeDateTime", "cds.Timestamp", "Last Changed At"),
                Element.of("NumberOfEmployees", "cds.Integer", "Number of Employees"),
                Element.of("ChangeSequenceNumber", "cds.Integer64", "Change Sequence Number"),
                Element.of("LogoImage", "cds.Binary", "Logo"));
        ReplicationFlow flow = new ReplicationFlow("RF_S4_MASTER_DATA", "S/4HANA master data to S3",
                new Connection("S4H_CDS", "ABAP", "/CDS_EXTRACTION", Map.of()),
                new Connection("S3_DATALAKE", "S3", "/s4/cds", Map.of(
                        ReplicationFlow.FILE_TYPE, "PARQUET", ReplicationFlow.GROUP_DELTA_BY, "NONE")),
                List.of(new Task("replicationtask1", LoadType.REPLICATE, "I_CUSTOMER", "I_CUSTOMER", Map.of(), customer),
                        new Task("replicationtask2", LoadType.INITIAL, "I_SUPPLIER", "I_SUPPLIER", Map.of(), List.of())));

        JsonNode written = SimClient.JSON.readTree(ReplicationFlowWriter.write(flow));

        assertEquals(sample("SPACE_A", "RF_S4_MASTER_DATA"), written);
        JsonNode elements = written.path("replicationflows").path("RF_S4_MASTER_DATA").path("contents")
                .path("replicationTasks").get(0).path("targetObject").path("definition").path("elements");
        assertEquals(ReplicationFlowEndpointTest.fieldNames(elements),
                customer.stream().map(Element::name).toList(), "columns keep their order");
    }
}
