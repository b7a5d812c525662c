package io.dsgluesync.lineage;

import static io.dsgluesync.lineage.LineageFixtures.SAMPLE_SPACES;
import static io.dsgluesync.lineage.LineageFixtures.column;
import static io.dsgluesync.lineage.LineageFixtures.columnNames;
import static io.dsgluesync.lineage.LineageFixtures.file;
import static io.dsgluesync.lineage.LineageFixtures.json;
import static io.dsgluesync.lineage.LineageFixtures.upstreams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.csdl.CsdlException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lineage read from the sample tenant's CSN and from small synthetic definitions. */
class CsnLineageTest {

    private static Lineage sample(String space, String name) {
        return CsnLineage.read(space, name, file(name), SAMPLE_SPACES);
    }

    @Test
    void joinSourcesAreFromAndJoinAndColumnsAreIdentityOrRename() {
        Lineage lineage = CsnLineage.read("S", "V", json("""
                {'definitions': {'V': {'kind': 'entity',
                  'elements': {'ID': {'type': 'cds.String'}, 'NAME': {'type': 'cds.String'}},
                  'query': {'SELECT': {
                    'from': {'join': 'inner', 'args': [{'ref': ['ORDERS'], 'as': 'O'}, {'ref': ['PARTNERS'], 'as': 'P'}],
                             'on': [{'ref': ['O', 'PID']}, '=', {'ref': ['P', 'PID']}]},
                    'columns': [{'ref': ['O', 'ID']}, {'ref': ['P', 'COMPANY'], 'as': 'NAME'}]}}}}}
                """), null);
        assertEquals(List.of("S/ORDERS from", "S/PARTNERS join"), upstreams(lineage));
        assertEquals("ID <- S/ORDERS.ID identity", column(lineage, "ID"));
        assertEquals("NAME <- S/PARTNERS.COMPANY rename", column(lineage, "NAME"));
        assertEquals("csn", lineage.definitionLanguage());
        assertTrue(lineage.definition().startsWith("{\"SELECT\":{\"from\":{\"join\":\"inner\""), lineage.definition());
    }

    @Test
    void unionSubqueryAndJoinOfTheSampleProductsDimension() {
        Lineage lineage = sample("SAP_CONTENT", "SAP_SC_FI_V_ProductsDim");
        assertEquals(List.of("SAP_CONTENT/SAP_SC_FI_Products union", "SAP_CONTENT/SAP_SC_FI_ProductTexts join",
                "SAP_CONTENT/SAP_SC_FI_ProductsLegacy subquery"), upstreams(lineage),
                "the _ProductTexts association is declared but the query never steps through it");
        assertEquals("PRODUCTID <- SAP_CONTENT/SAP_SC_FI_Products.PRODUCTID, "
                + "SAP_CONTENT/SAP_SC_FI_ProductsLegacy.PRODUCTID identity", column(lineage, "PRODUCTID"));
        assertEquals("PRODUCTID_TEXT <- SAP_CONTENT/SAP_SC_FI_ProductTexts.MEDIUM_DESCR, "
                + "SAP_CONTENT/SAP_SC_FI_ProductsLegacy.PRODUCTID_TEXT rename", column(lineage, "PRODUCTID_TEXT"));
        assertEquals(20, lineage.columns().size());
        assertEquals("PRODUCTID", lineage.columns().get(0).column());
        assertEquals("PRODUCTPICURL", lineage.columns().get(19).column());
    }

    @Test
    void aMixinAssociationUsedInAColumnIsAnUpstreamAndAnExpressionNamesItsInputs() {
        Lineage lineage = sample("SAP_CONTENT", "SAP_SC_SALES_V_SalesOrders");
        assertEquals(List.of("SAP_CONTENT/SAP_SC_SALES_SalesOrders from",
                "SAP_CONTENT/SAP_SC_SALES_BusinessPartners association"), upstreams(lineage));
        assertEquals("COMPANYNAME <- SAP_CONTENT/SAP_SC_SALES_BusinessPartners.COMPANYNAME identity",
                column(lineage, "COMPANYNAME"));
        assertEquals("GROSSAMOUNT <- SAP_CONTENT/SAP_SC_SALES_SalesOrders.NETAMOUNT, "
                + "SAP_CONTENT/SAP_SC_SALES_SalesOrders.TAXAMOUNT expression", column(lineage, "GROSSAMOUNT"));
        assertEquals(19, lineage.columns().size());
    }

    @Test
    void declaredButUnusedAssociationsAreNotUpstreamsAndDottedNamesStayInTheSpace() {
        Lineage lineage = sample("SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY");
        assertEquals(List.of("SAP_CONTENT/SAP.TIME.M_TIME_DIMENSION from"), upstreams(lineage),
                "no space SAP exists; the three text associations are not used by the query");
        assertEquals("CALMONTH <- SAP_CONTENT/SAP.TIME.M_TIME_DIMENSION.CALMONTH identity",
                column(lineage, "CALMONTH"));
    }

    @Test
    void aDottedNameNamesAnotherSpaceOnlyWhenThatSpaceExists() {
        String csn = """
                {'definitions': {'V': {'elements': {'A': {}, 'B': {}},
                  'query': {'SELECT': {'from': {'join': 'left', 'args': [
                      {'ref': ['OTHER.T1'], 'as': 'X'}, {'ref': ['NOPE.T2'], 'as': 'Y'}]},
                    'columns': [{'ref': ['X', 'A']}, {'ref': ['Y', 'B']}]}}}}}
                """;
        Lineage lineage = CsnLineage.read("MINE", "V", json(csn), "OTHER"::equals);
        assertEquals(List.of("OTHER/T1 from", "MINE/NOPE.T2 join"), upstreams(lineage));
        assertEquals("A <- OTHER/T1.A identity", column(lineage, "A"));
        assertEquals("B <- MINE/NOPE.T2.B identity", column(lineage, "B"));
        assertEquals(List.of("MINE/OTHER.T1 from", "MINE/NOPE.T2 join"),
                upstreams(CsnLineage.read("MINE", "V", json(csn), s -> false)));
    }

    @Test
    void associationPathsMapToTheTargetAndOnlyUsedAssociationsAreListed() {
        Lineage lineage = CsnLineage.read("S", "V", json("""
                {'definitions': {'V': {
                  'elements': {'ID': {}, 'CAT': {}, 'TXT': {},
                    '_Cat': {'type': 'cds.Association', 'target': 'CATEGORIES'},
                    '_Txt': {'type': 'cds.Composition', 'target': 'TEXTS'},
                    '_Unused': {'type': 'cds.Association', 'target': 'NEVER'}},
                  'query': {'SELECT': {'from': {'ref': ['ITEMS'], 'as': 'I'},
                    'columns': [{'ref': ['I', 'ID']}, {'ref': ['I', '_Cat', 'NAME'], 'as': 'CAT'}],
                    'where': [{'ref': ['_Txt', 'LANG']}, '=', {'val': 'E'}]}}}}}
                """), null);
        assertEquals(List.of("S/ITEMS from", "S/CATEGORIES association", "S/TEXTS association"), upstreams(lineage));
        assertEquals("CAT <- S/CATEGORIES.NAME rename", column(lineage, "CAT"));
        assertEquals(List.of("ID", "CAT"), columnNames(lineage));
    }

    @Test
    void functionsAggregatesExpressionsAndProjectionRefs() {
        Lineage lineage = CsnLineage.read("S", "V", json("""
                {'definitions': {'V': {
                  'elements': {'TOTAL': {}, 'N': {}, 'YR': {}, 'NET': {}, 'LABEL': {}, 'KIND': {}, 'CONST': {}, 'TWICE': {}},
                  'query': {'SELECT': {'from': {'ref': ['F'], 'as': 'F'},
                    'columns': [
                      {'ref': ['$projection', 'TOTAL'], 'as': 'TWICE'},
                      {'func': 'sum', 'args': [{'ref': ['F', 'AMOUNT']}], 'as': 'TOTAL'},
                      {'func': 'COUNT', 'args': ['*'], 'as': 'N'},
                      {'func': 'YEAR', 'args': [{'ref': ['F', 'DAY']}], 'as': 'YR'},
                      {'xpr': [{'ref': ['F', 'GROSS']}, '-', {'func': 'ABS', 'args': [{'ref': ['F', 'TAX']}]}], 'as': 'NET'},
                      {'ref': ['F', 'NAME'], 'cast': {'type': 'cds.String', 'length': 40}, 'as': 'LABEL'},
                      {'case': [{'when': [{'ref': ['F', 'K']}, '=', {'val': 1}]}, {'then': {'val': 'A'}}], 'as': 'KIND'},
                      {'val': 'X', 'as': 'CONST'},
                      '*']}}}}}
                """), null);
        assertEquals("TOTAL <- S/F.AMOUNT aggregation(SUM)", column(lineage, "TOTAL"));
        assertEquals("TWICE <- S/F.AMOUNT aggregation(SUM)", column(lineage, "TWICE"),
                "a $projection ref carries its sibling's sources");
        assertEquals("N absent", column(lineage, "N"), "COUNT(*) reads no column");
        assertEquals("YR <- S/F.DAY function(YEAR)", column(lineage, "YR"));
        assertEquals("NET <- S/F.GROSS, S/F.TAX expression", column(lineage, "NET"));
        assertEquals("LABEL <- S/F.NAME expression", column(lineage, "LABEL"));
        assertEquals("KIND <- S/F.K expression", column(lineage, "KIND"));
        assertEquals("CONST absent", column(lineage, "CONST"));
        assertEquals(List.of("TOTAL", "YR", "NET", "LABEL", "KIND", "TWICE"), columnNames(lineage),
                "element order");
    }

    @Test
    void sqlViewsCarryTheirSql() {
        Lineage lineage = sample("SPACE_A", "CollegeEnrollment");
        assertEquals("sql", lineage.definitionLanguage());
        assertEquals("SELECT \"E\".\"ENROLLMENTID\", \"E\".\"STUDENTID\", \"E\".\"COURSEID\", \"E\".\"FEES\", "
                + "\"E\".\"PAYMENTMODE\", \"E\".\"ENROLLMENTDATE\" FROM \"COLLEGE_ENROLLMENT_RAW\" AS \"E\"",
                lineage.definition());
        assertEquals(List.of("SPACE_A/COLLEGE_ENROLLMENT_RAW from"), upstreams(lineage));
        assertEquals("FEES <- SPACE_A/COLLEGE_ENROLLMENT_RAW.FEES identity", column(lineage, "FEES"));
    }

    @Test
    void analyticModelFactAndDimensionSourcesWithMappedColumns() {
        Lineage lineage = sample("SAP_CONTENT", "SALES_AM_ORDER_ITEMS");
        assertEquals(List.of("SAP_CONTENT/SAP_SC_SALES_V_SalesOrderItems fact",
                "SAP_CONTENT/SAP_SC_FI_V_ProductsDim dimension"), upstreams(lineage));
        assertEquals("GROSSAMOUNT <- SAP_CONTENT/SAP_SC_SALES_V_SalesOrderItems.GROSSAMOUNT identity",
                column(lineage, "GROSSAMOUNT"));
        assertEquals("PRODCATEGORYID_Prod <- SAP_CONTENT/SAP_SC_FI_V_ProductsDim.PRODUCTCATEGORYID rename",
                column(lineage, "PRODCATEGORYID_Prod"));
        assertEquals(14, lineage.columns().size());
        assertEquals("csn", lineage.definitionLanguage());
    }

    @Test
    void analyticModelFallsBackToItsQueryForCalculatedColumns() {
        Lineage lineage = sample("SPACE_A", "ENROLLMENT_AM");
        assertEquals(List.of("SPACE_A/CollegeEnrollment fact"), upstreams(lineage));
        assertEquals("FEES <- SPACE_A/CollegeEnrollment.FEES identity", column(lineage, "FEES"));
        assertEquals("ENROLLMENT_COUNT <- SPACE_A/CollegeEnrollment.ENROLLMENTID aggregation(COUNT)",
                column(lineage, "ENROLLMENT_COUNT"));
        assertEquals("ENROLLMENTYEAR <- SPACE_A/CollegeEnrollment.ENROLLMENTDATE function(YEAR)",
                column(lineage, "ENROLLMENTYEAR"));
        assertEquals("AVG_FEE absent", column(lineage, "AVG_FEE"), "a formula over measures maps no column");
    }

    @Test
    void analyticModelSourcesInAnotherSpaceAndWithoutAQuery() {
        Lineage lineage = CsnLineage.read("AM_SPACE", "M", json("""
                {'businessLayerDefinitions': {'M': {'sourceModel': {
                    'factSources': {'F': {'dataEntity': {'key': 'FACTS.SALES'}}},
                    'dimensionSources': {'_D': {'dataEntity': {'key': 'CUSTOMERS'}}, '_X': {'dataEntity': {}}}},
                  'measures': {'REVENUE': {'measureMapping': {'F': {'key': 'AMOUNT'}}}},
                  'attributes': {'CUSTOMER': {'attributeMapping': {'F': {'key': 'CUSTOMER'}}},
                                 'REGION_D': {'sourceKey': '_D', 'key': 'REGION'}}}}}
                """), "FACTS"::equals);
        assertEquals(List.of("FACTS/SALES fact", "AM_SPACE/CUSTOMERS dimension"), upstreams(lineage));
        assertEquals("REVENUE <- FACTS/SALES.AMOUNT rename", column(lineage, "REVENUE"));
        assertEquals("CUSTOMER <- FACTS/SALES.CUSTOMER identity", column(lineage, "CUSTOMER"));
        assertEquals("REGION_D <- AM_SPACE/CUSTOMERS.REGION rename", column(lineage, "REGION_D"));
        assertNull(lineage.definition());
    }

    @Test
    void remoteTableIsAnExternalUpstreamWithIdentityColumns() {
        Lineage lineage = sample("SPACE_A", "BusinessPartners");
        assertEquals(List.of("SPACE_A:BIKE_SALES_HANA:DWC_DEMO.BusinessPartners remote"), upstreams(lineage));
        assertEquals("PARTNERID <- SPACE_A/DWC_DEMO.BusinessPartners.PARTNERID identity", column(lineage, "PARTNERID"));
        assertEquals(14, lineage.columns().size(), "the _Addresses association is not a column");
        assertNull(lineage.definition());
    }

    @Test
    void remoteEntitiesAreNormalisedToSchemaDotTable() {
        assertEquals("SALES.ORDERS", CsnLineage.remoteEntity("<NULL>\u007fSALES\u007fORDERS"));
        assertEquals("DB.SALES.ORDERS", CsnLineage.remoteEntity("DB\u007fSALES\u007fORDERS"));
        assertEquals("SALES.ORDERS", CsnLineage.remoteEntity("\"SALES\".\"ORDERS\""));
        assertEquals("my.schema.T\"1", CsnLineage.remoteEntity("\"my.schema\".\"T\"\"1\""));
        assertEquals("ORDERS", CsnLineage.remoteEntity("ORDERS"));
        Lineage lineage = CsnLineage.read("S", "R", json("""
                {'definitions': {'R': {'@DataWarehouse.remote.connection': 'ERP',
                  '@DataWarehouse.remote.entity': '<NULL>\\u007fSAPHANADB\\u007fVBAK',
                  'elements': {'VBELN': {'type': 'cds.String'}, 'CALC': {'type': 'cds.Integer', 'value': {'val': 1}}}}}}
                """), null);
        assertEquals(List.of("S:ERP:SAPHANADB.VBAK remote"), upstreams(lineage));
        assertEquals(List.of("VBELN"), columnNames(lineage), "a calculated element is not a remote column");
    }

    @Test
    void oddShapesGiveLessLineageNeverAnException() {
        for (String csn : List.of("{}", "[]", "null", "{'definitions': []}", "{'definitions': {'V': 3}}",
                "{'definitions': {'V': {'query': {'SELECT': {'from': 7, 'columns': 'x'}}}}}",
                "{'definitions': {'V': {'query': {'SELECT': {'from': {'ref': [{'x': 1}]}, 'columns': [1, null, {}]}}}}}",
                "{'definitions': {'V': {'query': {'SET': {'args': [3, {'SELECT': {}}]}}}}}",
                "{'definitions': {'V': {'query': {'SELECT': {'from': {'ref': ['T']}, 'columns': [{'ref': []}, {'ref': [5, 'A']}]}}}}}",
                "{'definitions': {'V': {'elements': {'_A': {'type': 'cds.Association'}}, 'query': []}}}",
                "{'businessLayerDefinitions': {'V': {'sourceModel': [], 'measures': 4}}}")) {
            Lineage lineage = CsnLineage.read("S", "V", json(csn), null);
            assertTrue(lineage.columns().isEmpty(), csn);
            assertTrue(lineage.upstreams().size() <= 1, csn);
        }
        assertEquals(List.of("S/T from"), upstreams(CsnLineage.read("S", "V", json(
                "{'definitions': {'V': {'query': {'SELECT': {'from': {'ref': ['T']}, 'columns': [{'ref': []}]}}}}}"),
                null)));
    }

    @Test
    void malformedJsonIsACsdlExceptionOnFieldCsn() {
        CsdlException e = assertThrows(CsdlException.class,
                () -> CsnLineage.read("S", "V", "{not json".getBytes(StandardCharsets.UTF_8), null));
        assertEquals("csn", e.field());
        assertTrue(e.getMessage().contains("V"), e.getMessage());
    }

    @Test
    void readingTwiceGivesEqualLineage() {
        assertEquals(sample("SAP_CONTENT", "SAP_SC_FI_V_ProductsDim"), sample("SAP_CONTENT", "SAP_SC_FI_V_ProductsDim"));
    }
}
