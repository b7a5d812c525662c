package io.dsgluesync.local.simulator;

import io.dsgluesync.local.simulator.ReplicationFlow.Connection;
import io.dsgluesync.local.simulator.ReplicationFlow.Element;
import io.dsgluesync.local.simulator.ReplicationFlow.LoadType;
import io.dsgluesync.local.simulator.ReplicationFlow.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The replication flows of a {@link Tenant#generated} space, both to the S3 connection {@value #CONNECTION} in
 * container {@code /generated/<space in lower case>}:
 * <ul>
 *   <li>{@code RF_<SPACE>_TO_S3} reads every {@value #EVERY}th catalog asset of the space (by sorted name, starting
 *       with the first) from the space itself. Tasks alternate Parquet / CSV through their target properties and
 *       "Initial and Delta" / "Initial Only"; CSV tasks cycle through the five delimiters, with and without a header
 *       line. Absent when the space has no assets, since a flow needs at least one task.</li>
 *   <li>{@code RF_<SPACE>_CDS_TO_S3} reads one ABAP CDS view over connection {@value #ABAP_CONNECTION}, whose 4 to 6
 *       columns travel in the task's target definition, as a source outside Datasphere needs.</li>
 * </ul>
 * Everything follows from the space's seed; definitions are rendered on request.
 */
final class GeneratedReplicationFlows {

    static final String CONNECTION = "S3_DATALAKE";
    static final String ABAP_CONNECTION = "S4H_CDS";
    static final int EVERY = 10;
    /** The delimiters SAP offers for CSV files: comma, colon, pipe, semicolon and tab. */
    static final List<String> CSV_DELIMITERS = List.of(",", ":", "|", ";", "\t");

    /** CDS views of an S/4HANA system: name, then columns, keys first so that any prefix of 4 or more has a key. */
    private static final List<CdsView> CDS_VIEWS = List.of(
            new CdsView("I_PRODUCT", List.of(
                    Element.string("Product", 40, "Product").asKey(),
                    Element.string("ProductType", 4, "Product Type"),
                    Element.of("CreationDate", "cds.Date", "Created On"),
                    Element.decimal("GrossWeight", 13, 3, "Gross Weight"),
                    Element.of("IsMarkedForDeletion", "cds.Boolean", "Marked for Deletion"),
                    Element.of("LastChangeDateTime", "cds.Timestamp", "Last Changed At"))),
            new CdsView("I_SALESORDER", List.of(
                    Element.string("SalesOrder", 10, "Sales Order").asKey(),
                    Element.string("SalesOrderType", 4, "Sales Order Type"),
                    Element.of("SalesOrderDate", "cds.Date", "Sales Order Date"),
                    Element.decimal("TotalNetAmount", 15, 2, "Net Value"),
                    Element.string("TransactionCurrency", 5, "Document Currency"),
                    Element.of("LastChangeDateTime", "cds.Timestamp", "Last Changed At"))),
            new CdsView("I_JOURNALENTRYITEM", List.of(
                    Element.string("CompanyCode", 4, "Company Code").asKey(),
                    Element.string("FiscalYear", 4, "Fiscal Year").asKey(),
                    Element.string("AccountingDocument", 10, "Journal Entry").asKey(),
                    Element.decimal("AmountInCompanyCodeCurrency", 23, 2, "Amount in Company Code Currency"),
                    Element.of("PostingDate", "cds.Date", "Posting Date"),
                    Element.of("LedgerGLLineItemCount", "cds.Integer64", "Line Item Count"))),
            new CdsView("I_PLANT", List.of(
                    Element.string("Plant", 4, "Plant").asKey(),
                    Element.string("PlantName", 30, "Plant Name"),
                    Element.string("ValuationArea", 4, "Valuation Area"),
                    Element.of("FactoryCalendarYear", "cds.Integer", "Factory Calendar Year"),
                    Element.of("IsMarkedForArchiving", "cds.Boolean", "Marked for Archiving"),
                    Element.of("ValidityStartDate", "cds.Date", "Valid From"))));

    private GeneratedReplicationFlows() {
    }

    /** The flows of one space; {@code assetNames} are its catalog assets in any order. */
    static List<DesignObject> forSpace(SimSpace space, List<String> assetNames, long seed) {
        Random random = new Random(seed);
        CdsView view = CDS_VIEWS.get(random.nextInt(CDS_VIEWS.size()));
        int columns = 4 + random.nextInt(3);
        List<String> names = List.copyOf(assetNames);
        String container = "/generated/" + space.name().toLowerCase(Locale.ROOT);
        List<DesignObject> flows = new ArrayList<>(2);
        if (!names.isEmpty()) {
            String name = "RF_" + space.name() + "_TO_S3";
            flows.add(new DesignObject(space.name(), DesignObjectType.REPLICATION_FLOWS, name,
                    () -> ReplicationFlowWriter.write(datasphereFlow(name, space, names, container))));
        }
        String cdsName = "RF_" + space.name() + "_CDS_TO_S3";
        flows.add(new DesignObject(space.name(), DesignObjectType.REPLICATION_FLOWS, cdsName,
                () -> ReplicationFlowWriter.write(cdsFlow(cdsName, space, view, columns, container))));
        return flows;
    }

    private static ReplicationFlow datasphereFlow(String name, SimSpace space, List<String> assetNames,
                                                  String container) {
        List<String> sorted = assetNames.stream().sorted().toList();
        List<Task> tasks = new ArrayList<>();
        int csvTasks = 0;
        for (int i = 0; i < sorted.size(); i += EVERY) {
            int ordinal = tasks.size();
            String asset = sorted.get(i);
            Map<String, String> properties;
            if (ordinal % 2 == 0) {
                properties = Map.of(ReplicationFlow.FILE_TYPE, "PARQUET");
            } else {
                properties = Map.of(ReplicationFlow.FILE_TYPE, "CSV",
                        ReplicationFlow.CSV_DELIMITER, CSV_DELIMITERS.get(csvTasks % CSV_DELIMITERS.size()),
                        ReplicationFlow.CSV_HEADER_LINE, Boolean.toString(csvTasks % 2 == 0));
                csvTasks++;
            }
            LoadType loadType = ordinal % 2 == 0 ? LoadType.REPLICATE : LoadType.INITIAL;
            tasks.add(new Task("replicationtask" + (ordinal + 1), loadType, asset, asset, properties, List.of()));
        }
        return new ReplicationFlow(name, space.label() + " to S3", Connection.datasphere(space.name()),
                s3Target(container), tasks);
    }

    private static ReplicationFlow cdsFlow(String name, SimSpace space, CdsView view, int columns, String container) {
        Task task = new Task("replicationtask1", LoadType.REPLICATE, view.name(), view.name(), Map.of(),
                view.elements().subList(0, columns));
        Connection source = new Connection(ABAP_CONNECTION, "ABAP", "/CDS_EXTRACTION", Map.of());
        return new ReplicationFlow(name, space.label() + ": S/4HANA CDS to S3", source, s3Target(container),
                List.of(task));
    }

    private static Connection s3Target(String container) {
        return new Connection(CONNECTION, "S3", container, Map.of(
                ReplicationFlow.FILE_TYPE, "PARQUET",
                ReplicationFlow.GROUP_DELTA_BY, "NONE",
                ReplicationFlow.COMPRESSION, "SNAPPY"));
    }

    private record CdsView(String name, List<Element> elements) {
        CdsView {
            elements = List.copyOf(elements);
        }
    }
}
