package io.dsgluesync.csn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.csdl.CsdlColumn;
import io.dsgluesync.csdl.CsdlException;
import io.dsgluesync.csdl.EntityModel;
import io.dsgluesync.mapping.EdmTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Design-time CSN, as the {@code datasphere} CLI reads it, read into the model the CSDL parser produces. */
class CsnParserTest {

    private static EntityModel parse(String name) throws Exception {
        return CsnParser.parse(name, Files.readAllBytes(Path.of("src/test/resources/csn/" + name + ".json")));
    }

    private static CsdlColumn column(EntityModel model, String name) {
        return model.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void localTableBecomesColumnsWithKeysLabelsAndEdmTypes() throws Exception {
        EntityModel table = parse("SAP.TIME.M_TIME_DIMENSION");
        assertEquals("Time Table", table.label());
        assertEquals(List.of("DATETIMESTAMP"), table.keyColumns());
        CsdlColumn ts = column(table, "DATETIMESTAMP");
        assertEquals("Edm.DateTimeOffset", ts.edmType());
        assertEquals("timestamp", EdmTypes.toHive(ts, Map.of()).type());
        assertEquals("varchar(14)", EdmTypes.toHive(column(table, "DATETIME_SAP"), Map.of()).type());
        assertEquals("decimal(21,7)", EdmTypes.toHive(column(table, "TZNTSTMPL"), Map.of()).type());
        assertEquals("smallint", EdmTypes.toHive(column(table, "MONTH_INT"), Map.of()).type(), "TINYINT is unsigned");
    }

    @Test
    void viewCarriesSemanticUsageTextAssociationsAndCurrencies() throws Exception {
        EntityModel orders = parse("SAP_SC_SALES_V_SalesOrders");
        assertEquals("fact", orders.annotations().get(CsnParser.SEMANTIC_USAGE));
        assertEquals("CURRENCY", column(orders, "GROSSAMOUNT").currencyRef());
        EntityModel day = parse("SAP.TIME.VIEW_DIMENSION_DAY");
        assertEquals("dimension", day.annotations().get(CsnParser.SEMANTIC_USAGE));
        assertEquals("DAY_INT", column(day, "DATE_SQL").textRef());
        assertEquals("_MONTH", column(day, "CALMONTH").textRef());
        assertEquals("calendaryearmonth", column(day, "CALMONTH").calendar());
        assertTrue(day.columns().stream().noneMatch(c -> c.name().startsWith("_")), "associations are not columns");
    }

    @Test
    void analyticModelMeasuresKeepTheirAggregation() throws Exception {
        EntityModel model = parse("SALES_AM_ORDER_ITEMS");
        assertEquals("analytic_model", model.annotations().get(CsnParser.SEMANTIC_USAGE));
        CsdlColumn gross = column(model, "GROSSAMOUNT");
        assertTrue(gross.measure());
        assertEquals("sum", gross.aggregation());
    }

    @Test
    void enrichmentAddsWhatTheCsdlLacksAndKeepsWhatItHas() throws Exception {
        EntityModel csn = parse("SAP.TIME.VIEW_DIMENSION_DAY");
        CsdlColumn bare = new CsdlColumn("CALMONTH", "Edm.String", 6, null, null, null, true, false, "Month (CSDL)",
                false, false, null, null, null, null, null, Map.of());
        EntityModel csdl = new EntityModel("SAP_TIME_VIEW_DIMENSION_DAY", "S.T", "Day", null, null, List.of(bare),
                List.of(), Map.of(), Map.of());
        EntityModel enriched = CsnParser.enrich(csdl, csn);
        CsdlColumn month = enriched.columns().get(0);
        assertEquals("Month (CSDL)", month.label(), "the consumption label wins");
        assertEquals("_MONTH", month.textRef());
        assertTrue(month.dimension());
        assertEquals("dimension", enriched.annotations().get(CsnParser.SEMANTIC_USAGE));
        assertEquals(6, month.maxLength(), "types stay those of the CSDL");
    }

    @Test
    void csnWithoutDefinitionsNamesTheAsset() {
        CsdlException e = assertThrows(CsdlException.class,
                () -> CsnParser.parse("X", "{\"definitions\":{}}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("asset X"), e.getMessage());
        assertThrows(CsdlException.class, () -> CsnParser.parse("X", "<html>".getBytes(StandardCharsets.UTF_8)));
    }
}
