package io.dsgluesync.csdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code $metadata} documents, as the tenant serves them, read into the model the mapping works from. */
class CsdlParserTest {

    // --- the shape of a dimension view as a tenant answers it ---

    @Test
    void columnsKeepTheirOrderTypesAndFacets() {
        EntityModel day = parse("SAP.TIME.VIEW_DIMENSION_DAY", "SAP.TIME.VIEW_DIMENSION_DAY.relational.xml");

        assertEquals(List.of("DATE_SQL", "DATE_SAP", "DAY_OF_WEEK", "CALWEEK", "CALMONTH", "MONTH", "CALQUARTER",
                "QUARTER", "YEAR", "DAY_INT"), day.columns().stream().map(CsdlColumn::name).toList());
        assertEquals("Edm.Date", column(day, "DATE_SQL").edmType());
        assertEquals("Edm.String", column(day, "CALMONTH").edmType());
        assertEquals(6, column(day, "CALMONTH").maxLength());
        assertEquals("Edm.Byte", column(day, "DAY_INT").edmType());
        assertNull(column(day, "DAY_INT").maxLength());
    }

    @Test
    void decimalFacetsAreRead() {
        EntityModel orders = parse("SAP_SC_SALES_V_SalesOrders", "SAP_SC_SALES_V_SalesOrders.relational.xml");

        CsdlColumn amount = column(orders, "NETAMOUNT");
        assertEquals(15, amount.precision());
        assertEquals("2", amount.scale());
        assertEquals(7, column(orders, "CHANGEDAT_TS").precision());
    }

    @Test
    void keyColumnsComeFromTheKeyElementAndAreNotNullable() {
        EntityModel day = parse("SAP.TIME.VIEW_DIMENSION_DAY", "SAP.TIME.VIEW_DIMENSION_DAY.relational.xml");

        assertEquals(List.of("DATE_SQL"), day.keyColumns());
        assertTrue(column(day, "DATE_SQL").key());
        assertFalse(column(day, "DATE_SQL").nullable());
        assertFalse(column(day, "YEAR").key());
        assertTrue(column(day, "YEAR").nullable());
    }

    @Test
    void entitySetLabelOriginalNameAndDimensionTypeAreRead() {
        EntityModel day = parse("SAP.TIME.VIEW_DIMENSION_DAY", "SAP.TIME.VIEW_DIMENSION_DAY.relational.xml");

        assertEquals("SAP_TIME_VIEW_DIMENSION_DAY", day.entitySet());
        assertEquals("StandaloneService.SAP_TIME_VIEW_DIMENSION_DAY", day.entityType());
        assertEquals("Time Dimension - Day", day.label());
        assertEquals("SAP.TIME.VIEW_DIMENSION_DAY", day.originalName());
        assertEquals("TIME", day.dimensionType());
    }

    @Test
    void columnLabelsComeFromExternalAnnotationBlocks() {
        EntityModel day = parse("SAP.TIME.VIEW_DIMENSION_DAY", "SAP.TIME.VIEW_DIMENSION_DAY.relational.xml");

        assertEquals("Day (Number)", column(day, "DAY_INT").label());
        assertEquals("Calendar Month", column(day, "CALMONTH").label());
    }

    @Test
    void lowerCaseAnalyticsDimensionMarksADimension() {
        EntityModel day = parse("SAP.TIME.VIEW_DIMENSION_DAY", "SAP.TIME.VIEW_DIMENSION_DAY.relational.xml");

        assertTrue(column(day, "CALMONTH").dimension());
        assertFalse(column(day, "DAY_INT").dimension());
    }

    @Test
    void upperCaseAnalyticsDimensionMarksADimension() {
        EntityModel items = parse("SALES_AM_ORDER_ITEMS", "SALES_AM_ORDER_ITEMS.analytical.xml");

        assertTrue(column(items, "PRODUCTID").dimension());
        assertFalse(column(items, "PRODUCTID").measure());
    }

    @Test
    void measuresCarryTheirAggregationAndTheirCurrencyOrUnitColumn() {
        EntityModel items = parse("SALES_AM_ORDER_ITEMS", "SALES_AM_ORDER_ITEMS.analytical.xml");

        CsdlColumn gross = column(items, "GROSSAMOUNT");
        assertTrue(gross.measure());
        assertFalse(gross.dimension());
        assertEquals("sum", gross.aggregation());
        assertEquals("CURRENCY", gross.currencyRef());
        assertNull(gross.unitRef());
        assertEquals("max", column(items, "TAXAMOUNT").aggregation());
        CsdlColumn quantity = column(items, "QUANTITY");
        assertEquals("QUANTITYUNIT", quantity.unitRef());
        assertNull(quantity.currencyRef());
    }

    @Test
    void relationalAmountsKeepTheirCurrencyWithoutBecomingMeasures() {
        EntityModel orders = parse("SAP_SC_SALES_V_SalesOrders", "SAP_SC_SALES_V_SalesOrders.relational.xml");

        CsdlColumn gross = column(orders, "GROSSAMOUNT");
        assertEquals("CURRENCY", gross.currencyRef());
        assertFalse(gross.measure());
    }

    @Test
    void textAssociationIsReadFromCommonText() {
        EntityModel products = parse("SAP_SC_FI_V_ProductsDim", "SAP_SC_FI_V_ProductsDim.relational.xml");

        assertEquals("PRODUCTID_TEXT", column(products, "PRODUCTID").textRef());
        assertNull(column(products, "TYPECODE").textRef());
    }

    @Test
    void calendarSemanticsAreNamedAfterTheirTerm() {
        EntityModel day = parse("SAP.TIME.VIEW_DIMENSION_DAY", "SAP.TIME.VIEW_DIMENSION_DAY.relational.xml");

        assertEquals("calendardate", column(day, "DATE_SQL").calendar());
        assertEquals("calendaryearmonth", column(day, "CALMONTH").calendar());
        assertEquals("calendaryearweek", column(day, "CALWEEK").calendar());
        assertEquals("calendaryearquarter", column(day, "CALQUARTER").calendar());
        assertEquals("calendarmonth", column(day, "MONTH").calendar());
        assertEquals("calendaryear", column(day, "YEAR").calendar());
        assertEquals("dayofcalendaryear", column(day, "DAY_OF_WEEK").calendar());
        assertNull(column(day, "QUARTER").calendar());
    }

    @Test
    void leveledHierarchiesAreReadWithNameLabelAndLevels() {
        EntityModel day = parse("SAP.TIME.VIEW_DIMENSION_DAY", "SAP.TIME.VIEW_DIMENSION_DAY.relational.xml");

        assertEquals(List.of(
                new CsdlHierarchy("YMD", "Year, Month, Day", "leveled", List.of("YEAR", "CALMONTH", "DATE_SQL")),
                new CsdlHierarchy("YQMD", "Year, Quarter, Month, Day", "leveled",
                        List.of("YEAR", "CALQUARTER", "CALMONTH", "DATE_SQL"))), day.hierarchies());
    }

    @Test
    void parentChildHierarchyIsReadFromRecursiveHierarchy() {
        EntityModel employees = parse("SAP_SC_HR_V_Employees", "parent-child-hierarchy.relational.xml");

        assertEquals(List.of(
                new CsdlHierarchy("ReportingLine", null, "parent-child",
                        List.of("NodeProperty=EMPLOYEEID", "ParentNodeProperty=MANAGERID")),
                new CsdlHierarchy("ORG", "Division, Department", "leveled", List.of("DIVISION", "DEPARTMENT"))),
                employees.hierarchies());
    }

    @Test
    void unknownAnnotationsAreKeptOnColumnsAndEntity() {
        EntityModel orders = parse("SAP_SC_SALES_V_SalesOrders", "SAP_SC_SALES_V_SalesOrders.relational.xml");

        assertEquals("Common.FieldControlType/Mandatory",
                column(orders, "SALESORDERID").annotations().get("common.fieldcontrol"));
        assertEquals("true", column(orders, "CURRENCY").annotations().get("common.iscurrency"));
        assertEquals("{\"Insertable\":\"false\"}", orders.annotations().get("capabilities.insertrestrictions"));
    }

    @Test
    void analyticalDocumentsHaveNoKeysAndEveryColumnIsADimensionOrAMeasure() {
        EntityModel items = parse("SALES_AM_ORDER_ITEMS", "SALES_AM_ORDER_ITEMS.analytical.xml");

        assertEquals(List.of(), items.keyColumns());
        for (CsdlColumn column : items.columns()) {
            assertTrue(column.dimension() ^ column.measure(), column.name());
            assertTrue(column.nullable(), column.name());
        }
    }

    @Test
    void relationalAndAnalyticalDocumentsMergeIntoOneModel() {
        EntityModel relational = parse("CollegeEnrollment", "CollegeEnrollment.relational.xml");
        EntityModel analytical = parse("CollegeEnrollment", "CollegeEnrollment.analytical.xml");

        EntityModel merged = relational.withAnalytics(analytical);

        assertEquals("StandaloneService.CollegeEnrollment", merged.entityType());
        assertEquals(List.of("ENROLLMENTID"), merged.keyColumns());
        assertFalse(column(merged, "ENROLLMENTID").nullable());
        assertTrue(column(merged, "ENROLLMENTID").dimension());
        CsdlColumn fees = column(merged, "FEES");
        assertTrue(fees.measure());
        assertEquals("sum", fees.aggregation());
        assertEquals("Fees", fees.label());
        assertEquals("calendardate", column(merged, "ENROLLMENTDATE").calendar());
        assertEquals("Common.FieldControlType/Mandatory",
                column(merged, "ENROLLMENTID").annotations().get("common.fieldcontrol"));
        assertEquals("{\"Countable\":\"false\"}", merged.annotations().get("capabilities.countrestrictions"));
    }

    @Test
    void mergeAddsTheHierarchiesOfTheAnalyticalDocument() {
        EntityModel analytical = parse("ENROLLMENT_AM", "ENROLLMENT_AM.analytical.xml");
        EntityModel withoutHierarchies = new EntityModel(analytical.entitySet(), analytical.entityType(),
                analytical.label(), null, null, analytical.columns(), List.of(), analytical.annotations(),
                analytical.complexTypes());

        EntityModel merged = withoutHierarchies.withAnalytics(analytical);

        assertEquals(List.of("TIME"), merged.hierarchies().stream().map(CsdlHierarchy::name).toList());
    }

    @Test
    void everySampleDocumentOfTheSimulatorParses() {
        List<String> samples = List.of("CollegeEnrollment.analytical.xml", "CollegeEnrollment.relational.xml",
                "ENROLLMENT_AM.analytical.xml", "SALES_AM_ORDER_ITEMS.analytical.xml",
                "SAP.TIME.VIEW_DIMENSION_DAY.relational.xml", "SAP_SC_FI_V_ProductsDim.relational.xml",
                "SAP_SC_SALES_V_SalesOrders.relational.xml", "SAP_TEL_CVM_IL_SERVICE_USAGE.relational.xml");
        for (String sample : samples) {
            String asset = sample.replaceAll("\\.(relational|analytical)\\.xml$", "");
            EntityModel model = parse(asset, sample);
            assertEquals(asset.replace('.', '_'), model.entitySet(), sample);
            assertFalse(model.columns().isEmpty(), sample);
            assertTrue(model.label() != null && !model.label().isBlank(), sample);
        }
    }

    // --- annotation spellings ---

    @Test
    void inlineAnnotationsUnderPropertiesWork() {
        EntityModel orders = parse("INLINE_ORDERS", "inline-annotations.relational.xml");

        CsdlColumn id = column(orders, "ORDERID");
        assertEquals("Order ID", id.label());
        assertTrue(id.dimension());
        assertEquals("ORDER_TEXT", id.textRef());
        assertEquals("Order description", column(orders, "ORDER_TEXT").label());
        assertEquals("calendaryearmonth", column(orders, "ORDERMONTH").calendar());
        CsdlColumn amount = column(orders, "AMOUNT");
        assertTrue(amount.measure());
        assertEquals("max", amount.aggregation());
        assertEquals("CURRENCY", amount.currencyRef());
        assertEquals("internal", amount.annotations().get("custom.sensitivity"));
    }

    @Test
    void inlineAnnotationsUnderTheEntityTypeWork() {
        EntityModel orders = parse("INLINE_ORDERS", "inline-annotations.relational.xml");

        assertEquals("Orders (inline annotations)", orders.label());
    }

    @Test
    void aQualifiedLabelDoesNotReplaceTheLabel() {
        EntityModel orders = parse("INLINE_ORDERS", "inline-annotations.relational.xml");

        CsdlColumn amount = column(orders, "AMOUNT");
        assertEquals("Amount", amount.label());
        assertEquals("Amt", amount.annotations().get("common.label#Short"));
    }

    @Test
    void fullNamespaceTermsAreRecognised() {
        EntityModel stock = parse("STOCK_AM", "full-namespace-terms.analytical.xml");

        assertEquals("Stock (Analytic Model)", stock.label());
        assertEquals("Plant", column(stock, "PLANT").label());
        assertTrue(column(stock, "PLANT").dimension());
        assertTrue(column(stock, "UNIT").dimension());
        CsdlColumn quantity = column(stock, "QUANTITY");
        assertTrue(quantity.measure());
        assertEquals("min", quantity.aggregation());
        assertEquals("UNIT", quantity.unitRef());
        assertEquals("calendardate", column(stock, "POSTINGDATE").calendar());
    }

    @Test
    void schemaAliasesInEntitySetsAndTargetsAreResolved() {
        EntityModel partners = parse("PARTNERS", "aliases.relational.xml");

        assertEquals("StandaloneService.PARTNERS", partners.entityType());
        assertEquals("Business partners", partners.label());
        assertEquals("Company name", column(partners, "COMPANYNAME").label());
    }

    @Test
    void vocabularyAliasesOfTheDocumentAreResolved() {
        EntityModel partners = parse("PARTNERS", "aliases.relational.xml");

        CsdlColumn id = column(partners, "PARTNERID");
        assertEquals("Partner ID", id.label());
        assertTrue(id.dimension());
    }

    @Test
    void complexTypesOfTheSchemaAreKeptForStructColumns() {
        EntityModel customers = parse("CUSTOMERS", "complex-types.relational.xml");

        assertEquals(Set.of("StandaloneService.GeoPosition", "StandaloneService.Address", "StandaloneService.Contact"),
                customers.complexTypes().keySet());
        assertEquals(List.of("Street", "City", "Position"), customers.complexTypes().get("StandaloneService.Address")
                .stream().map(CsdlColumn::name).toList());
        assertEquals("Collection(StandaloneService.Contact)", column(customers, "CONTACTS").edmType());
    }

    // --- documents that must be refused ---

    @Test
    void invalidMaxLengthNamesThePropertyAndTheFacet() {
        CsdlException e = assertThrows(CsdlException.class,
                () -> parse("CUSTOMERS", "invalid-max-length.relational.xml"));

        assertEquals("Property.MaxLength", e.field());
        assertTrue(e.getMessage().contains("CUSTOMERS"), e.getMessage());
        assertTrue(e.getMessage().contains("CUSTOMERNAME"), e.getMessage());
        assertTrue(e.getMessage().contains("MaxLength 'abc'"), e.getMessage());
    }

    @Test
    void malformedXmlNamesTheAssetAndTheLine() {
        CsdlException e = assertThrows(CsdlException.class, () -> parse("BROKEN_VIEW", "malformed.xml"));

        assertTrue(e.getMessage().startsWith("asset BROKEN_VIEW: malformed CSDL XML at line 7"), e.getMessage());
    }

    @Test
    void anEmptyDocumentIsRefusedNamingTheAsset() {
        CsdlException e = assertThrows(CsdlException.class, () -> CsdlParser.parse("EMPTY_VIEW", new byte[0]));

        assertTrue(e.getMessage().contains("asset EMPTY_VIEW"), e.getMessage());
    }

    @Test
    void anHtmlLoginPageIsRefusedNamingTheAsset() {
        CsdlException e = assertThrows(CsdlException.class, () -> parse("SALES_VIEW", "login-page.html"));

        assertTrue(e.getMessage().contains("asset SALES_VIEW"), e.getMessage());
    }

    @Test
    void anODataErrorBodyIsNotMistakenForMetadata() {
        CsdlException e = assertThrows(CsdlException.class, () -> parse("SALES_VIEW", "odata-error.xml"));

        assertEquals("Edmx", e.field());
        assertTrue(e.getMessage().contains("asset SALES_VIEW"), e.getMessage());
    }

    @Test
    void externalEntityIsRefusedNamingTheAsset() {
        CsdlException e = assertThrows(CsdlException.class, () -> parse("LEAK", "xxe-local-file.xml"));

        assertTrue(e.getMessage().contains("asset LEAK"), e.getMessage());
        assertFalse(e.getMessage().contains("root:"), e.getMessage());
    }

    @Test
    void externalEntityNeverReadsTheLocalFile(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String attack = new String(fixture("xxe-local-file.xml"), StandardCharsets.UTF_8)
                .replace("file:///etc/passwd", secret.toUri().toString());

        CsdlException e = assertThrows(CsdlException.class,
                () -> CsdlParser.parse("LEAK", attack.getBytes(StandardCharsets.UTF_8)));

        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("TOP-SECRET-CONTENT"), t.toString());
        }
        assertTrue(e.getMessage().contains("asset LEAK"), e.getMessage());
    }

    @Test
    void externalDtdIsRefusedNamingTheAsset() {
        CsdlException e = assertThrows(CsdlException.class, () -> parse("LEAK", "xxe-external-dtd.xml"));

        assertTrue(e.getMessage().contains("asset LEAK"), e.getMessage());
    }

    @Test
    void entityExpansionIsRefusedQuickly() {
        CsdlException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(CsdlException.class, () -> parse("LAUGHS", "billion-laughs.xml")));

        assertTrue(e.getMessage().contains("asset LAUGHS"), e.getMessage());
    }

    // --- hostile documents fail their asset, never the worker ---

    @Test
    void collectionsNestedTwentyThousandDeepInAnAnnotationAreRefusedNamingTheAssetAndTheLine() {
        byte[] deep = withAnnotationOnCustomerId("<Collection>".repeat(20_000) + "</Collection>".repeat(20_000));

        CsdlException e = assertThrows(CsdlException.class, () -> CsdlParser.parse("DEEP", deep));

        assertEquals("$metadata", e.field());
        assertTrue(e.getMessage().startsWith("asset DEEP: CSDL XML nests elements deeper than 100 levels at line 26"),
                e.getMessage());
    }

    @Test
    void recordsNestedTwentyThousandDeepInAnAnnotationAreRefusedNamingTheAsset() {
        byte[] deep = withAnnotationOnCustomerId("<Record><PropertyValue Property=\"Inner\">".repeat(20_000)
                + "</PropertyValue></Record>".repeat(20_000));

        CsdlException e = assertThrows(CsdlException.class, () -> CsdlParser.parse("DEEP", deep));

        assertTrue(e.getMessage().startsWith("asset DEEP: CSDL XML nests elements deeper than 100 levels"),
                e.getMessage());
    }

    @Test
    void annotationsNestedAsDeepAsRealDocumentsAreStillRead() {
        byte[] nested = withAnnotationOnCustomerId("<Collection>".repeat(20) + "<String>deep</String>"
                + "</Collection>".repeat(20));

        EntityModel customers = CsdlParser.parse("CUSTOMERS", nested);

        assertEquals("[".repeat(20) + "\"deep\"" + "]".repeat(20),
                column(customers, "CUSTOMERID").annotations().get("custom.deep"));
    }

    @Test
    void aCollectionTypeNestedTwentyThousandDeepIsRefusedNamingThePropertyAndItsType() {
        byte[] deep = withTagsType("Collection(".repeat(20_000) + "Edm.String" + ")".repeat(20_000));

        CsdlException e = assertThrows(CsdlException.class, () -> CsdlParser.parse("DEEP", deep));

        assertEquals("Property.Type", e.field());
        assertTrue(e.getMessage().startsWith("asset DEEP: property TAGS has a Type nested more than 64 Collection(...)"
                + " levels deep"), e.getMessage());
        assertTrue(e.getMessage().length() < 300, "the type is not repeated in full: " + e.getMessage().length());
    }

    @Test
    void aCollectionTypeNestedAsDeepAsHiveReadsIsQualifiedAtEveryLevel() {
        String nested = new String(withTagsType("Collection(".repeat(64) + "self.Address" + ")".repeat(64)),
                StandardCharsets.UTF_8).replace("<Schema Namespace=\"StandaloneService\"",
                "<Schema Namespace=\"StandaloneService\" Alias=\"self\"");

        EntityModel customers = CsdlParser.parse("CUSTOMERS", nested.getBytes(StandardCharsets.UTF_8));

        assertEquals("Collection(".repeat(64) + "StandaloneService.Address" + ")".repeat(64),
                column(customers, "TAGS").edmType());
    }

    // --- helpers ---

    private static EntityModel parse(String assetName, String fixture) {
        return CsdlParser.parse(assetName, fixture(fixture));
    }

    static byte[] fixture(String name) {
        try (InputStream in = CsdlParserTest.class.getResourceAsStream("/csdl/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture csdl/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code complex-types.relational.xml} with an inline annotation {@code Custom.Deep} holding {@code body}. */
    private static byte[] withAnnotationOnCustomerId(String body) {
        return replaced("complex-types.relational.xml",
                "<Property Name=\"CUSTOMERID\" Type=\"Edm.String\" MaxLength=\"10\" Nullable=\"false\"/>",
                "<Property Name=\"CUSTOMERID\" Type=\"Edm.String\" MaxLength=\"10\" Nullable=\"false\">\n"
                        + "<Annotation Term=\"Custom.Deep\">" + body + "</Annotation></Property>");
    }

    /** {@code complex-types.relational.xml} with the type of property TAGS replaced. */
    private static byte[] withTagsType(String type) {
        return replaced("complex-types.relational.xml", "Type=\"Collection(Edm.String)\"", "Type=\"" + type + "\"");
    }

    private static byte[] replaced(String fixture, String target, String replacement) {
        String document = new String(fixture(fixture), StandardCharsets.UTF_8);
        if (!document.contains(target)) {
            throw new IllegalArgumentException(fixture + " has no " + target);
        }
        return document.replace(target, replacement).getBytes(StandardCharsets.UTF_8);
    }

    private static CsdlColumn column(EntityModel model, String name) {
        return model.columns().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + name + " in " + model.entitySet()));
    }
}
