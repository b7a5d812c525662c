package io.dsgluesync.local.simulator;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written sample documents keep the shape of recorded tenant documents
 * (https://github.com/datahub-project/datahub,
 * {@code metadata-ingestion/tests/integration/sap_datasphere/fixtures/recorded/edmx/SAP.TIME.VIEW_DIMENSION_DAY.xml})
 * and the columns of SAP's sample content (https://github.com/SAP-samples/datasphere-content).
 */
class SampleTenantCsdlTest {

    private final Tenant tenant = Tenant.sample();

    @Test
    void everySampleDocumentHasTheReferenceShape() throws Exception {
        assertEquals(List.of("SAP_CONTENT", "SPACE_A"), tenant.spaces().stream().map(SimSpace::name).toList());
        assertEquals(7, tenant.allAssets().size());
        for (SimAsset asset : tenant.allAssets()) {
            assertEquals(asset.kind().hasRelational(), asset.relationalCsdl() != null, asset.name());
            assertEquals(asset.kind().hasAnalytical(), asset.analyticalCsdl() != null, asset.name());
            if (asset.relationalCsdl() != null) {
                CsdlShape.check(asset, asset.relationalCsdl(), false);
            }
            if (asset.analyticalCsdl() != null) {
                CsdlShape shape = CsdlShape.check(asset, asset.analyticalCsdl(), true);
                for (String column : shape.propertyNames()) {
                    Map<String, String> terms = shape.columnTerms(column);
                    assertTrue(terms.containsKey("Analytics.Dimension") ^ terms.containsKey("Analytics.measure"),
                            asset.name() + "/" + column + " must be a dimension or a measure");
                }
            }
        }
    }

    @Test
    void timeDimensionMatchesTheRecordedTenantDocument() throws Exception {
        SimAsset day = tenant.asset("SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY").orElseThrow();
        CsdlShape shape = CsdlShape.check(day, day.relationalCsdl(), false);

        assertEquals(List.of("DATE_SQL", "DATE_SAP", "DAY_OF_WEEK", "CALWEEK", "CALMONTH", "MONTH", "CALQUARTER",
                "QUARTER", "YEAR", "DAY_INT"), shape.propertyNames());
        assertEquals(List.of("DATE_SQL"), shape.keyNames());
        assertEquals("Edm.Date", shape.property("DATE_SQL").getAttribute("Type"));
        assertEquals("Edm.Byte", shape.property("DAY_INT").getAttribute("Type"));
        assertEquals("6", shape.property("CALMONTH").getAttribute("MaxLength"));
        assertEquals("#TIME", shape.entityTerms().get("Analytics.dimensionType"));
        assertEquals(List.of(List.of("YEAR", "CALMONTH", "DATE_SQL"), List.of("YEAR", "CALQUARTER", "CALMONTH", "DATE_SQL")),
                shape.hierarchies());
        assertEquals("true", shape.columnTerms("CALMONTH").get("Analytics.dimension"));
        assertEquals("true", shape.columnTerms("CALMONTH").get("Common.IsCalendarYearMonth"));
        assertEquals("true", shape.columnTerms("CALWEEK").get("Common.IsCalendarYearWeek"));
        assertEquals("Day (Number)", shape.columnTerms("DAY_INT").get("Common.Label"));
    }

    @Test
    void salesOrdersCarryCurrencyAmountsAndATimestamp() throws Exception {
        SimAsset orders = tenant.asset("SAP_CONTENT", "SAP_SC_SALES_V_SalesOrders").orElseThrow();
        CsdlShape shape = CsdlShape.check(orders, orders.relationalCsdl(), false);

        assertEquals("Edm.DateTimeOffset", shape.property("CHANGEDAT_TS").getAttribute("Type"));
        assertEquals("7", shape.property("CHANGEDAT_TS").getAttribute("Precision"));
        assertEquals("15", shape.property("NETAMOUNT").getAttribute("Precision"));
        assertEquals("2", shape.property("NETAMOUNT").getAttribute("Scale"));
        for (String amount : List.of("GROSSAMOUNT", "NETAMOUNT", "TAXAMOUNT")) {
            assertEquals("CURRENCY", shape.columnTerms(amount).get("Measures.ISOCurrency"));
        }
        assertEquals("true", shape.columnTerms("CURRENCY").get("Common.IsCurrency"));
        assertEquals("Common.FieldControlType/Mandatory", shape.columnTerms("SALESORDERID").get("Common.FieldControl"));
    }

    @Test
    void productsHaveUnitsATextAndAnIntegerColumn() throws Exception {
        SimAsset products = tenant.asset("SAP_CONTENT", "SAP_SC_FI_V_ProductsDim").orElseThrow();
        CsdlShape shape = CsdlShape.check(products, products.relationalCsdl(), false);

        assertEquals("Edm.Int32", shape.property("TAXTARIFFCODE").getAttribute("Type"));
        assertEquals("WEIGHTUNIT", shape.columnTerms("WEIGHTMEASURE").get("Measures.Unit"));
        assertEquals("CURRENCY", shape.columnTerms("PRICE").get("Measures.ISOCurrency"));
        assertEquals("PRODUCTID_TEXT", shape.columnTerms("PRODUCTID").get("Common.Text"));
    }

    @Test
    void analyticModelsHaveMeasuresAggregationsAndHierarchies() throws Exception {
        SimAsset sales = tenant.asset("SAP_CONTENT", "SALES_AM_ORDER_ITEMS").orElseThrow();
        CsdlShape shape = CsdlShape.check(sales, sales.analyticalCsdl(), true);
        assertEquals("Aggregation.AggregationMethod/sum", shape.columnTerms("QUANTITY").get("Aggregation.default"));
        assertEquals("Aggregation.AggregationMethod/max", shape.columnTerms("TAXAMOUNT").get("Aggregation.default"));
        assertEquals(List.of(List.of("PRODCATEGORYID_Prod", "PRODUCTID")), shape.hierarchies());

        SimAsset enrollment = tenant.asset("SPACE_A", "ENROLLMENT_AM").orElseThrow();
        CsdlShape am = CsdlShape.check(enrollment, enrollment.analyticalCsdl(), true);
        assertEquals("Edm.Int64", am.property("ENROLLMENT_COUNT").getAttribute("Type"));
        assertEquals("Aggregation.AggregationMethod/average", am.columnTerms("AVG_FEE").get("Aggregation.default"));
        assertEquals("true", am.columnTerms("ENROLLMENTYEAR").get("Common.IsCalendarYear"));
        assertEquals(List.of(List.of("ENROLLMENTYEAR", "ENROLLMENTMONTH")), am.hierarchies());
    }

    @Test
    void collegeEnrollmentHasAKeyedRelationalAndAKeylessAnalyticalDocument() throws Exception {
        SimAsset college = tenant.asset("SPACE_A", "CollegeEnrollment").orElseThrow();
        CsdlShape relational = CsdlShape.check(college, college.relationalCsdl(), false);
        CsdlShape analytical = CsdlShape.check(college, college.analyticalCsdl(), true);

        List<String> columns = List.of("ENROLLMENTID", "STUDENTID", "COURSEID", "FEES", "PAYMENTMODE", "ENROLLMENTDATE");
        assertEquals(columns, relational.propertyNames());
        assertEquals(columns, analytical.propertyNames());
        assertEquals(List.of("ENROLLMENTID"), relational.keyNames());
        assertEquals("true", analytical.columnTerms("FEES").get("Analytics.measure"));
        assertNull(relational.columnTerms("FEES").get("Analytics.measure"));
    }

    @Test
    void serviceUsageIsKeylessWithOnlyTheEntityLabel() throws Exception {
        SimAsset usage = tenant.asset("SPACE_A", "SAP_TEL_CVM_IL_SERVICE_USAGE").orElseThrow();
        CsdlShape shape = CsdlShape.check(usage, usage.relationalCsdl(), false);

        assertTrue(shape.keyNames().isEmpty());
        assertEquals(1, shape.annotations.size());
        assertEquals(Map.of("Common.Label", "Service Usage"), shape.entityTerms());
        assertEquals("false", shape.property("SERVICE_NAME").getAttribute("Nullable"));
        assertNotNull(shape.property("IS_ROAMING"));
    }
}
