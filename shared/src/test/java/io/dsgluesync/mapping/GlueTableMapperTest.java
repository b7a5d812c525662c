package io.dsgluesync.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dsgluesync.csdl.CsdlColumn;
import io.dsgluesync.csdl.CsdlParser;
import io.dsgluesync.csdl.EntityModel;
import io.dsgluesync.model.AssetKind;
import io.dsgluesync.model.AssetMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** What a user finds in Glue for an asset: names, types, comments, and the business metadata in parameters. */
class GlueTableMapperTest {
    private static final String TENANT = "https://mytenant.eu10.hcs.cloud.sap";
    private static final MappingSettings SETTINGS =
            new MappingSettings("datasphere_", "s3://lake/datasphere/{database}/{table}/",
                    "mytenant.eu10.hcs.cloud.sap");
    private static final ObjectMapper JSON = new ObjectMapper();

    // --- names, types, comments ---

    @Test
    void theTableIsNamedAfterTheAssetInTheSpacesDatabase() {
        TableDefinition table = mapTimeDimension();

        assertEquals("datasphere_sap_content", table.database().name());
        assertEquals("sap_time_view_dimension_day", table.name());
    }

    @Test
    void columnsKeepTheirOrderWithGlueNamesAndHiveTypes() {
        TableDefinition table = mapTimeDimension();

        assertEquals(List.of("date_sql:date", "date_sap:varchar(8)", "day_of_week:varchar(2)", "calweek:varchar(6)",
                "calmonth:varchar(6)", "month:varchar(2)", "calquarter:varchar(5)", "quarter:varchar(2)",
                "year:varchar(4)", "day_int:smallint"),
                table.columns().stream().map(c -> c.name() + ":" + c.type()).toList());
        assertEquals(List.of(), table.partitionKeys());
    }

    @Test
    void columnCommentIsTheLabel() {
        TableDefinition table = mapTimeDimension();

        assertEquals("Day (Number)", column(table, "day_int").comment());
        assertEquals("Calendar Month", column(table, "calmonth").comment());
    }

    @Test
    void aColumnWithoutLabelHasNoComment() {
        TableDefinition table = map(analyticModel("SAP_CONTENT", "SALES_AM_ORDER_ITEMS"),
                "SALES_AM_ORDER_ITEMS.analytical.xml");

        assertNull(column(table, "noteid").comment());
    }

    @Test
    void columnParametersRecordTheDatasphereColumn() {
        TableDefinition table = mapTimeDimension();

        Map<String, String> date = column(table, "date_sql").parameters();
        assertEquals("DATE_SQL", date.get("datasphere.original_name"));
        assertEquals("Edm.Date", date.get("datasphere.edm_type"));
        assertEquals("false", date.get("datasphere.nullable"));
        assertEquals("true", date.get("datasphere.key"));
        assertEquals("dimension", date.get("datasphere.role"));
        assertEquals("calendardate", date.get("datasphere.calendar"));
        assertEquals("Edm.String(MaxLength=6)", column(table, "calmonth").parameters().get("datasphere.edm_type"));
        assertEquals("true", column(table, "calmonth").parameters().get("datasphere.nullable"));
        assertNull(column(table, "calmonth").parameters().get("datasphere.key"));
    }

    @Test
    void measureColumnsRecordTheirAggregationAndCurrencyOrUnit() {
        TableDefinition table = map(analyticModel("SAP_CONTENT", "SALES_AM_ORDER_ITEMS"),
                "SALES_AM_ORDER_ITEMS.analytical.xml");

        Map<String, String> gross = column(table, "grossamount").parameters();
        assertEquals("measure", gross.get("datasphere.role"));
        assertEquals("sum", gross.get("datasphere.aggregation"));
        assertEquals("CURRENCY", gross.get("datasphere.currency_ref"));
        assertEquals("Edm.Decimal(Precision=15,Scale=2)", gross.get("datasphere.edm_type"));
        assertEquals("QUANTITYUNIT", column(table, "quantity").parameters().get("datasphere.unit_ref"));
    }

    @Test
    void textAssociationIsRecordedOnTheIdColumn() {
        TableDefinition table = map(view("SAP_CONTENT", "SAP_SC_FI_V_ProductsDim"),
                "SAP_SC_FI_V_ProductsDim.relational.xml");

        assertEquals("PRODUCTID_TEXT", column(table, "productid").parameters().get("datasphere.text_ref"));
    }

    @Test
    void aLabelOver255CharactersIsCutInTheCommentAndKeptInFullInTheLabelParameter() {
        EntityModel model = parse("SALES_ITEMS_DOCUMENTED", "long-texts.relational.xml");
        String fullLabel = label(model, "NETAMOUNT");

        ColumnDefinition net = column(GlueTableMapper.map(view("SAP_CONTENT", "SALES_ITEMS_DOCUMENTED"), model,
                SETTINGS), "netamount");

        assertTrue(fullLabel.length() > 255);
        assertEquals(255, net.comment().length());
        assertTrue(fullLabel.startsWith(net.comment().substring(0, 254)), net.comment());
        assertEquals(fullLabel, net.parameters().get("datasphere.label"));
    }

    @Test
    void aLabelWithLineBreaksBecomesOneLineInTheCommentAndIsKeptInFull() {
        EntityModel model = parse("SALES_ITEMS_DOCUMENTED", "long-texts.relational.xml");

        ColumnDefinition note = column(GlueTableMapper.map(view("SAP_CONTENT", "SALES_ITEMS_DOCUMENTED"), model,
                SETTINGS), "note");

        assertEquals("Note (free text entered by the clerk)", note.comment());
        assertEquals("Note\r\n(free text entered by the clerk)", note.parameters().get("datasphere.label"));
    }

    @Test
    void aShortOneLineLabelIsNotCopiedIntoParameters() {
        TableDefinition table = mapTimeDimension();

        assertFalse(column(table, "day_int").parameters().containsKey("datasphere.label"));
    }

    @Test
    void aCommentCutInsideAnEmojiKeepsValidText() {
        EntityModel model = parse("SAP.TIME.VIEW_DIMENSION_DAY", "SAP.TIME.VIEW_DIMENSION_DAY.relational.xml");
        String label = "d".repeat(253) + "\uD83D\uDCC5 calendar day";
        EntityModel emoji = withColumn(model, "DAY_INT", c -> relabel(c, label));

        String comment = column(GlueTableMapper.map(view("SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY"), emoji,
                SETTINGS), "day_int").comment();

        assertEquals("d".repeat(253) + "…", comment);
        assertTrue(comment.codePoints().noneMatch(cp -> cp >= Character.MIN_SURROGATE
                && cp <= Character.MAX_SURROGATE), "lone surrogate in " + comment);
    }

    @Test
    void everyCommentOfTheSampleTenantFitsGlue() {
        for (String[] sample : List.of(
                new String[] {"SAP.TIME.VIEW_DIMENSION_DAY", "SAP.TIME.VIEW_DIMENSION_DAY.relational.xml"},
                new String[] {"SAP_SC_FI_V_ProductsDim", "SAP_SC_FI_V_ProductsDim.relational.xml"},
                new String[] {"SAP_SC_SALES_V_SalesOrders", "SAP_SC_SALES_V_SalesOrders.relational.xml"},
                new String[] {"SAP_TEL_CVM_IL_SERVICE_USAGE", "SAP_TEL_CVM_IL_SERVICE_USAGE.relational.xml"},
                new String[] {"SALES_ITEMS_DOCUMENTED", "long-texts.relational.xml"})) {
            TableDefinition table = map(view("SAP_CONTENT", sample[0]), sample[1]);
            assertTrue(table.name().matches("[a-z0-9_]{1,255}"), table.name());
            assertTrue(table.description().length() <= 2048, sample[0]);
            for (ColumnDefinition c : table.columns()) {
                assertTrue(c.name().matches("[a-z0-9_]{1,255}"), c.name());
                assertTrue(c.comment() == null || c.comment().length() <= 255 && !c.comment().matches("(?s).*[\r\n].*"),
                        sample[0] + "/" + c.name() + ": " + c.comment());
            }
        }
    }

    // --- description ---

    @Test
    void theDescriptionIsTheBusinessLabel() {
        assertEquals("Time Dimension - Day", mapTimeDimension().description());
    }

    @Test
    void aDescriptionOver2048CharactersIsCutAndKeptInFullInAParameter() {
        EntityModel model = parse("SALES_ITEMS_DOCUMENTED", "long-texts.relational.xml");

        TableDefinition table = GlueTableMapper.map(view("SAP_CONTENT", "SALES_ITEMS_DOCUMENTED"), model, SETTINGS);

        assertTrue(model.label().length() > 2048);
        assertEquals(2048, table.description().length());
        assertEquals(model.label(), table.parameters().get("datasphere.description"));
    }

    @Test
    void aShortDescriptionIsNotCopiedIntoParameters() {
        assertFalse(mapTimeDimension().parameters().containsKey("datasphere.description"));
    }

    // --- business parameters ---

    @Test
    void tableParametersNameTheDatasphereAsset() {
        Map<String, String> p = mapTimeDimension().parameters();

        assertEquals("SAP_CONTENT", p.get("datasphere.space"));
        assertEquals("SAP.TIME.VIEW_DIMENSION_DAY", p.get("datasphere.asset"));
        assertEquals("view", p.get("datasphere.kind"));
        assertEquals("Time Dimension - Day", p.get("datasphere.business_name"));
        assertEquals("SAP_TIME_VIEW_DIMENSION_DAY", p.get("datasphere.entity_set"));
        assertEquals("mytenant.eu10.hcs.cloud.sap/SAP_CONTENT", p.get("datasphere.source_system"));
        assertEquals("TIME", p.get("datasphere.dimension_type"));
        assertEquals(metadataUrl("relational", "SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY"),
                p.get("datasphere.relational_metadata_url"));
    }

    @Test
    void keyColumnsAreListed() {
        assertEquals("DATE_SQL", mapTimeDimension().parameters().get("datasphere.key_columns"));
    }

    @Test
    void anAnalyticModelWithoutKeysHasNoKeyColumnsParameter() {
        TableDefinition table = map(analyticModel("SAP_CONTENT", "SALES_AM_ORDER_ITEMS"),
                "SALES_AM_ORDER_ITEMS.analytical.xml");

        assertFalse(table.parameters().containsKey("datasphere.key_columns"));
    }

    @Test
    void dimensionsAreListedInColumnOrder() {
        TableDefinition table = map(analyticModel("SAP_CONTENT", "SALES_AM_ORDER_ITEMS"),
                "SALES_AM_ORDER_ITEMS.analytical.xml");

        assertEquals("SALESORDERID,SALESORDERITEM,PRODUCTID,PRODCATEGORYID_Prod,NOTEID,ITEMATPSTATUS,OPITEMPOS,"
                + "DELIVERYDATE,CURRENCY,QUANTITYUNIT", table.parameters().get("datasphere.dimensions"));
    }

    @Test
    void measuresAreListedAsJsonWithAggregationCurrencyAndUnit() throws IOException {
        TableDefinition table = map(analyticModel("SAP_CONTENT", "SALES_AM_ORDER_ITEMS"),
                "SALES_AM_ORDER_ITEMS.analytical.xml");

        assertEquals(JSON.readTree("""
                [{"name":"GROSSAMOUNT","aggregation":"sum","currency":"CURRENCY"},
                 {"name":"NETAMOUNT","aggregation":"sum","currency":"CURRENCY"},
                 {"name":"TAXAMOUNT","aggregation":"max","currency":"CURRENCY"},
                 {"name":"QUANTITY","aggregation":"sum","unit":"QUANTITYUNIT"}]"""),
                JSON.readTree(table.parameters().get("datasphere.measures")));
    }

    @Test
    void leveledHierarchiesAreListedAsJson() throws IOException {
        JsonNode hierarchies = JSON.readTree(mapTimeDimension().parameters().get("datasphere.hierarchies"));

        assertEquals(JSON.readTree("""
                [{"kind":"leveled","name":"YMD","label":"Year, Month, Day","levels":["YEAR","CALMONTH","DATE_SQL"]},
                 {"kind":"leveled","name":"YQMD","label":"Year, Quarter, Month, Day",
                  "levels":["YEAR","CALQUARTER","CALMONTH","DATE_SQL"]}]"""), hierarchies);
    }

    @Test
    void parentChildHierarchiesAreListedAsJson() throws IOException {
        TableDefinition table = map(view("SAP_CONTENT", "SAP_SC_HR_V_Employees"),
                "parent-child-hierarchy.relational.xml");

        JsonNode first = JSON.readTree(table.parameters().get("datasphere.hierarchies")).get(0);
        assertEquals(JSON.readTree("""
                {"kind":"parent-child","name":"ReportingLine",
                 "levels":["NodeProperty=EMPLOYEEID","ParentNodeProperty=MANAGERID"]}"""), first);
    }

    @Test
    void anAnalyticalDatasetCombinesRelationalKeysWithAnalyticalMeasures() throws IOException {
        EntityModel model = parse("CollegeEnrollment", "CollegeEnrollment.relational.xml")
                .withAnalytics(parse("CollegeEnrollment", "CollegeEnrollment.analytical.xml"));
        AssetMessage asset = new AssetMessage(AssetMessage.SCHEMA_VERSION, "run-1", "SPACE_A", "Space A",
                "CollegeEnrollment", "CollegeEnrollment", AssetKind.ANALYTICAL_DATASET,
                metadataUrl("relational", "SPACE_A", "CollegeEnrollment"),
                metadataUrl("analytical", "SPACE_A", "CollegeEnrollment"), false, 0);

        Map<String, String> p = GlueTableMapper.map(asset, model, SETTINGS).parameters();

        assertEquals("analytical_dataset", p.get("datasphere.kind"));
        assertEquals("ENROLLMENTID", p.get("datasphere.key_columns"));
        assertEquals("ENROLLMENTID,STUDENTID,COURSEID,PAYMENTMODE,ENROLLMENTDATE", p.get("datasphere.dimensions"));
        assertEquals(JSON.readTree("[{\"name\":\"FEES\",\"aggregation\":\"sum\"}]"),
                JSON.readTree(p.get("datasphere.measures")));
        assertEquals(metadataUrl("analytical", "SPACE_A", "CollegeEnrollment"),
                p.get("datasphere.analytical_metadata_url"));
    }

    @Test
    void approximateTypesLeaveANoteOnTheColumnAndAWarning() {
        TableDefinition table = map(view("SAP_CONTENT", "ALL_TYPES"), "edm-types.relational.xml");

        ColumnDefinition decimalFloat = column(table, "decimal_float");
        assertEquals("string", decimalFloat.type());
        assertTrue(decimalFloat.parameters().get("datasphere.type_note").contains("Scale=variable"));
        assertTrue(table.warnings().stream().anyMatch(w -> w.startsWith("DECIMAL_FLOAT: ")),
                table.warnings().toString());
        assertNull(column(table, "amount").parameters().get("datasphere.type_note"));
    }

    // --- sync markers and fingerprint ---

    @Test
    void tableAndDatabaseAreMarkedAsManagedByTheSync() {
        TableDefinition table = mapTimeDimension();

        assertEquals("datasphere-glue-sync", table.parameters().get("datasphere.sync.managed_by"));
        assertEquals("datasphere-glue-sync", table.database().parameters().get("datasphere.sync.managed_by"));
    }

    @Test
    void theFingerprintIsStoredInTheParameters() {
        TableDefinition table = mapTimeDimension();

        assertTrue(table.fingerprint().matches("[0-9a-f]{64}"), table.fingerprint());
        assertEquals(table.fingerprint(), table.parameters().get("datasphere.sync.fingerprint"));
    }

    @Test
    void theFingerprintIsStableAcrossCalls() {
        assertEquals(mapTimeDimension().fingerprint(), mapTimeDimension().fingerprint());
    }

    @Test
    void theFingerprintDoesNotDependOnTheRun() {
        EntityModel model = parse("SAP.TIME.VIEW_DIMENSION_DAY", "SAP.TIME.VIEW_DIMENSION_DAY.relational.xml");
        AssetMessage first = view("SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY");
        AssetMessage later = new AssetMessage(first.schemaVersion(), "20250302T020000Z-0c1d2e3f", first.space(),
                first.spaceLabel(), first.asset(), first.label(), first.kind(), first.relationalMetadataUrl(),
                first.analyticalMetadataUrl(), first.hasParameters(), 5);

        assertEquals(GlueTableMapper.map(first, model, SETTINGS).fingerprint(),
                GlueTableMapper.map(later, model, SETTINGS).fingerprint());
    }

    @Test
    void theFingerprintChangesWhenAColumnChanges() {
        EntityModel model = parse("SAP.TIME.VIEW_DIMENSION_DAY", "SAP.TIME.VIEW_DIMENSION_DAY.relational.xml");
        EntityModel longerYear = withColumn(model, "YEAR", c -> new CsdlColumn(c.name(), c.edmType(), 5,
                c.precision(), c.scale(), c.srid(), c.nullable(), c.key(), c.label(), c.dimension(), c.measure(),
                c.aggregation(), c.currencyRef(), c.unitRef(), c.textRef(), c.calendar(), c.annotations()));
        EntityModel relabelled = withColumn(model, "YEAR", c -> relabel(c, "Calendar year"));
        AssetMessage asset = view("SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY");

        String original = GlueTableMapper.map(asset, model, SETTINGS).fingerprint();

        assertNotEquals(original, GlueTableMapper.map(asset, longerYear, SETTINGS).fingerprint());
        assertNotEquals(original, GlueTableMapper.map(asset, relabelled, SETTINGS).fingerprint());
    }

    // --- refusals ---

    @Test
    void twoColumnsWithTheSameGlueNameAreRefusedNamingTheAssetAndBothColumns() {
        MappingException e = assertThrows(MappingException.class,
                () -> map(view("SPACE_A", "AMOUNTS"), "clashing-columns.relational.xml"));

        assertTrue(e.getMessage().contains("SPACE_A/AMOUNTS"), e.getMessage());
        assertTrue(e.getMessage().contains("'Net.Amount'"), e.getMessage());
        assertTrue(e.getMessage().contains("'NET_AMOUNT'"), e.getMessage());
        assertTrue(e.getMessage().contains("'net_amount'"), e.getMessage());
    }

    @Test
    void aTableParameterOver512000CharactersIsRefused() {
        EntityModel model = parse("SAP.TIME.VIEW_DIMENSION_DAY", "SAP.TIME.VIEW_DIMENSION_DAY.relational.xml");
        EntityModel huge = new EntityModel(model.entitySet(), model.entityType(), "L".repeat(512_001),
                model.originalName(), model.dimensionType(), model.columns(), model.hierarchies(),
                model.annotations(), model.complexTypes());

        MappingException e = assertThrows(MappingException.class,
                () -> GlueTableMapper.map(view("SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY"), huge, SETTINGS));

        assertTrue(e.field().startsWith("parameters.datasphere."), e.field());
        assertTrue(e.getMessage().contains("SAP_CONTENT/SAP.TIME.VIEW_DIMENSION_DAY"), e.getMessage());
        assertTrue(e.getMessage().contains("512000"), e.getMessage());
    }

    @Test
    void aColumnParameterOver512000CharactersIsRefused() {
        EntityModel model = parse("SAP.TIME.VIEW_DIMENSION_DAY", "SAP.TIME.VIEW_DIMENSION_DAY.relational.xml");
        EntityModel huge = withColumn(model, "YEAR", c -> relabel(c, "Y".repeat(512_001)));

        MappingException e = assertThrows(MappingException.class,
                () -> GlueTableMapper.map(view("SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY"), huge, SETTINGS));

        assertEquals("parameters.datasphere.label", e.field());
        assertTrue(e.getMessage().contains("column YEAR"), e.getMessage());
    }

    @Test
    void parametersOfExactly512000CharactersAreAccepted() {
        EntityModel model = parse("SAP.TIME.VIEW_DIMENSION_DAY", "SAP.TIME.VIEW_DIMENSION_DAY.relational.xml");
        EntityModel atLimit = withColumn(model, "YEAR", c -> relabel(c, "Y".repeat(512_000)));

        TableDefinition table = GlueTableMapper.map(view("SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY"), atLimit,
                SETTINGS);

        assertEquals(512_000, column(table, "year").parameters().get("datasphere.label").length());
    }

    // --- database ---

    @Test
    void theDatabaseDescribesTheSpace() {
        DatabaseDefinition database = GlueTableMapper.database(view("SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY"),
                SETTINGS);

        assertEquals("datasphere_sap_content", database.name());
        assertEquals("SAP Datasphere space SAP Content (SAP_CONTENT)", database.description());
        assertEquals(Map.of("datasphere.space", "SAP_CONTENT", "datasphere.space_label", "SAP Content",
                "datasphere.source_system", "mytenant.eu10.hcs.cloud.sap/SAP_CONTENT",
                "datasphere.sync.managed_by", "datasphere-glue-sync"), database.parameters());
    }

    // --- helpers ---

    private static TableDefinition mapTimeDimension() {
        return map(view("SAP_CONTENT", "SAP.TIME.VIEW_DIMENSION_DAY"), "SAP.TIME.VIEW_DIMENSION_DAY.relational.xml");
    }

    private static TableDefinition map(AssetMessage asset, String fixture) {
        return GlueTableMapper.map(asset, parse(asset.asset(), fixture), SETTINGS);
    }

    private static AssetMessage view(String space, String asset) {
        return new AssetMessage(AssetMessage.SCHEMA_VERSION, "20250301T020000Z-7bf73129", space,
                "SAP_CONTENT".equals(space) ? "SAP Content" : null, asset, null, AssetKind.VIEW,
                metadataUrl("relational", space, asset), null, false, 0);
    }

    private static AssetMessage analyticModel(String space, String asset) {
        return new AssetMessage(AssetMessage.SCHEMA_VERSION, "20250301T020000Z-7bf73129", space, "SAP Content", asset,
                null, AssetKind.ANALYTIC_MODEL, null, metadataUrl("analytical", space, asset), false, 0);
    }

    private static String metadataUrl(String flavour, String space, String asset) {
        return TENANT + "/api/v1/dwc/consumption/" + flavour + "/" + space + "/" + asset + "/$metadata";
    }

    private static EntityModel parse(String asset, String fixture) {
        try (InputStream in = GlueTableMapperTest.class.getResourceAsStream("/csdl/" + fixture)) {
            return CsdlParser.parse(asset, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ColumnDefinition column(TableDefinition table, String name) {
        return table.columns().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + name + " in " + table.name()));
    }

    private static String label(EntityModel model, String column) {
        return model.columns().stream().filter(c -> c.name().equals(column)).findFirst().orElseThrow().label();
    }

    private static EntityModel withColumn(EntityModel model, String name, UnaryOperator<CsdlColumn> change) {
        return new EntityModel(model.entitySet(), model.entityType(), model.label(), model.originalName(),
                model.dimensionType(), model.columns().stream().map(c -> c.name().equals(name) ? change.apply(c) : c)
                .toList(), model.hierarchies(), model.annotations(), model.complexTypes());
    }

    private static CsdlColumn relabel(CsdlColumn c, String label) {
        return new CsdlColumn(c.name(), c.edmType(), c.maxLength(), c.precision(), c.scale(), c.srid(), c.nullable(),
                c.key(), label, c.dimension(), c.measure(), c.aggregation(), c.currencyRef(), c.unitRef(),
                c.textRef(), c.calendar(), c.annotations());
    }
}
