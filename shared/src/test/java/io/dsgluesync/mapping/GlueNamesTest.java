package io.dsgluesync.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Glue names: lower case {@code [a-z0-9_]}, at most 255 characters (252 for databases), distinct when cut. */
class GlueNamesTest {
    private static final String LEGAL = "[a-z0-9_]+";

    @Test
    void tableNamesAreLowerCase() {
        assertEquals("sap_sc_sales_v_salesorders", GlueNames.table("SAP_SC_SALES_V_SalesOrders"));
    }

    @Test
    void dotsInAssetNamesBecomeUnderscores() {
        assertEquals("sap_time_view_dimension_day", GlueNames.table("SAP.TIME.VIEW_DIMENSION_DAY"));
    }

    @Test
    void everyCharacterOutsideLettersDigitsAndUnderscoreBecomesUnderscore() {
        String name = GlueNames.column("Net Amount (EUR)/Ä-1");

        assertEquals("net_amount__eur____1", name);
        assertTrue(name.matches(LEGAL), name);
    }

    @Test
    void aNameOfExactly255CharactersIsKept() {
        String name = "c".repeat(255);

        assertEquals(name, GlueNames.column(name));
    }

    @Test
    void anOverLongNameIsCutToTheLimitWithAHashSuffix() {
        String asset = "SAP_SC_" + "VERY_LONG_VIEW_NAME_".repeat(20);

        String table = GlueNames.table(asset);

        assertEquals(255, table.length());
        assertTrue(table.matches(LEGAL), table);
        assertTrue(table.startsWith(asset.toLowerCase().substring(0, 246)), table);
        assertTrue(table.matches(".*_[0-9a-f]{8}"), table);
    }

    @Test
    void twoLongNamesThatShareTheirFirst255CharactersStayDistinct() {
        String common = "X".repeat(260);

        assertNotEquals(GlueNames.table(common + "_ORDERS"), GlueNames.table(common + "_ITEMS"));
    }

    @Test
    void theCutIsDeterministic() {
        String long1 = "ASSET_".repeat(60);

        assertEquals(GlueNames.table(long1), GlueNames.table(long1));
        assertEquals(GlueNames.table(long1), GlueNames.table(new String(long1.toCharArray())));
    }

    @Test
    void databaseNameIsThePrefixFollowedByTheSpaceInLowerCase() {
        assertEquals("datasphere_sap_content", GlueNames.database("datasphere_", "SAP_CONTENT"));
    }

    @Test
    void databaseNameWithoutPrefixIsTheSpace() {
        assertEquals("sap_content", GlueNames.database(null, "SAP_CONTENT"));
        assertEquals("sap_content", GlueNames.database("", "SAP_CONTENT"));
    }

    @Test
    void databaseNameOf252CharactersIsKept() {
        String space = "S".repeat(252 - "datasphere_".length());

        assertEquals(252, GlueNames.database("datasphere_", space).length());
        assertEquals("datasphere_" + space.toLowerCase(), GlueNames.database("datasphere_", space));
    }

    @Test
    void databaseNamesAreCutAt252Characters() {
        String database = GlueNames.database("datasphere_", "SPACE_".repeat(50));

        assertEquals(252, database.length());
        assertTrue(database.matches(LEGAL), database);
        assertTrue(database.startsWith("datasphere_space_"), database);
    }

    @Test
    void anEmptyNameIsRefused() {
        MappingException e = assertThrows(MappingException.class, () -> GlueNames.column(" "));

        assertEquals("name", e.field());
    }
}
