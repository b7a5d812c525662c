package io.dsgluesync.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.csdl.CsdlColumn;
import io.dsgluesync.csdl.CsdlParser;
import io.dsgluesync.csdl.EntityModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * One test per row of the Edm → Hive mapping table (README, "Column types"). The columns come from
 * {@code csdl/edm-types.relational.xml}, one property per row, and {@code csdl/complex-types.relational.xml}.
 */
class EdmTypesTest {
    private static final EntityModel ALL_TYPES = parse("ALL_TYPES", "edm-types.relational.xml");
    private static final EntityModel CUSTOMERS = parse("CUSTOMERS", "complex-types.relational.xml");

    // --- Edm.String ---

    @Test
    void stringWithMaxLengthBecomesVarcharOfThatLength() {
        assertExact("varchar(10)", "STRING_10");
    }

    @Test
    void stringOfMaxLengthOneIsTheShortestVarchar() {
        assertExact("varchar(1)", "STRING_1");
    }

    @Test
    void stringAtHivesVarcharLimitStaysVarchar() {
        assertExact("varchar(65535)", "STRING_65535");
    }

    @Test
    void stringLongerThanHivesVarcharLimitBecomesString() {
        assertExact("string", "STRING_65536");
    }

    @Test
    void stringWithMaxLengthZeroBecomesString() {
        assertExact("string", "STRING_0");
    }

    @Test
    void stringWithMaxLengthMaxBecomesString() {
        assertExact("string", "STRING_MAX");
    }

    @Test
    void stringWithoutMaxLengthBecomesString() {
        assertExact("string", "LARGE_STRING");
    }

    // --- numbers, booleans ---

    @Test
    void booleanBecomesBoolean() {
        assertExact("boolean", "FLAG");
    }

    @Test
    void signedByteBecomesTinyint() {
        assertExact("tinyint", "SIGNED_BYTE");
    }

    @Test
    void unsignedByteBecomesSmallintBecauseTinyintStopsAt127() {
        assertExact("smallint", "DAY_INT");
    }

    @Test
    void int16BecomesSmallint() {
        assertExact("smallint", "SMALL_INT");
    }

    @Test
    void int32BecomesInt() {
        assertExact("int", "INT");
    }

    @Test
    void int64BecomesBigint() {
        assertExact("bigint", "BIG_INT");
    }

    @Test
    void singleBecomesFloat() {
        assertExact("float", "REAL");
    }

    @Test
    void doubleBecomesDouble() {
        assertExact("double", "DOUBLE");
    }

    // --- Edm.Decimal ---

    @Test
    void decimalKeepsItsPrecisionAndScale() {
        assertExact("decimal(15,2)", "AMOUNT");
    }

    @Test
    void decimalWithoutScaleHasScaleZero() {
        assertExact("decimal(10,0)", "COUNTER");
    }

    @Test
    void decimalAtHivesPrecisionLimitStaysDecimal() {
        assertExact("decimal(38,38)", "WIDEST");
    }

    @Test
    void decimalWithVariableScaleBecomesStringWithANote() {
        assertApproximate("string", "Scale=variable", "DECIMAL_FLOAT");
    }

    @Test
    void decimalWithoutPrecisionBecomesStringWithANote() {
        assertApproximate("string", "without Precision", "UNBOUNDED_DECIMAL");
    }

    @Test
    void decimalOverHivesPrecisionBecomesStringWithANote() {
        assertApproximate("string", "Precision=40", "TOO_PRECISE");
    }

    @Test
    void decimalWithScaleOverPrecisionBecomesStringWithANote() {
        assertApproximate("string", "Scale=7", "SCALE_OVER_PRECISION");
    }

    // --- dates and times ---

    @Test
    void dateBecomesDate() {
        assertExact("date", "DAY");
    }

    @Test
    void dateTimeOffsetBecomesTimestamp() {
        assertExact("timestamp", "CHANGED_AT");
    }

    @Test
    void timeOfDayBecomesStringWithANote() {
        assertApproximate("string", "Edm.TimeOfDay", "TIME_OF_DAY");
    }

    @Test
    void durationBecomesStringWithANote() {
        assertApproximate("string", "Edm.Duration", "WAIT");
    }

    // --- other primitives ---

    @Test
    void guidBecomesStringWithANote() {
        assertApproximate("string", "Edm.Guid", "UUID");
    }

    @Test
    void binaryBecomesBinary() {
        assertExact("binary", "PICTURE");
    }

    @Test
    void streamBecomesBinary() {
        assertExact("binary", "DOCUMENT");
    }

    @Test
    void geographyBecomesStringWithANote() {
        assertApproximate("string", "Edm.GeographyPoint: spatial", "LOCATION");
    }

    @Test
    void geometryBecomesStringWithANote() {
        assertApproximate("string", "Edm.GeometryPolygon: spatial", "SHAPE");
    }

    @Test
    void unknownTypeBecomesStringWithANote() {
        assertApproximate("string", "unknown type Edm.Untyped", "ANYTHING");
    }

    // --- structured types ---

    @Test
    void collectionOfPrimitivesBecomesArrayWithTheElementsFacets() {
        assertEquals(HiveType.exact("array<varchar(20)>"), hive(CUSTOMERS, "TAGS"));
        assertEquals(HiveType.exact("array<decimal(5,2)>"), hive(CUSTOMERS, "SCORES"));
    }

    @Test
    void complexTypeBecomesStructWithLowerCaseFieldNamesNestedAsDeclared() {
        assertEquals(HiveType.exact("struct<street:varchar(60),city:string,"
                + "position:struct<latitude:double,longitude:double>>"), hive(CUSTOMERS, "ADDRESS"));
    }

    @Test
    void collectionOfComplexTypesBecomesArrayOfStructAndKeepsTheFieldsNotes() {
        HiveType contacts = hive(CUSTOMERS, "CONTACTS");

        assertEquals("array<struct<email:varchar(241),contactid:string>>", contacts.type());
        assertTrue(contacts.note().startsWith("ContactId: Edm.Guid"), contacts.note());
    }

    @Test
    void complexTypeReferencedThroughTheSchemaAliasBecomesStruct() {
        EntityModel partners = parse("PARTNERS", "aliases.relational.xml");

        assertEquals(HiveType.exact("struct<city:varchar(40),postalcode:varchar(10)>"), hive(partners, "ADDRESS"));
    }

    // --- types that would expand past what Glue stores fail their column, never the worker ---

    @Test
    void aComplexTypeHoldingItselfSixTimesFailsNamingTheColumnInsteadOfExhaustingMemory() {
        EntityModel trees = parse("TREES", "recursive-complex-type.relational.xml");

        MappingException e = refused(() -> hive(trees, "ROOT"));

        assertEquals("columns.ROOT.type", e.field());
        assertTrue(e.getMessage().startsWith("column ROOT: type StandaloneService.Node expands to more than 131072"
                + " characters"), e.getMessage());
    }

    @Test
    void notesThatOutgrowGluesParameterLimitFailNamingTheColumn() {
        // Five levels of six fields over an unknown type with a 100,000-character name: the Hive type stays small
        // (7,776 string fields), but each field's note repeats the name.
        Map<String, List<CsdlColumn>> types = new HashMap<>();
        String inner = "Custom." + "X".repeat(100_000);
        for (int level = 1; level <= 5; level++) {
            String outer = "Custom.Level" + level;
            String fieldType = inner;
            types.put(outer, Stream.of("A", "B", "C", "D", "E", "F").map(name -> column(name, fieldType)).toList());
            inner = outer;
        }

        MappingException e = refused(() -> EdmTypes.toHive(column("WIDE", "Custom.Level5"), types));

        assertEquals("columns.WIDE.type", e.field());
        assertTrue(e.getMessage().startsWith("column WIDE: the notes on type Custom.Level5 come to more than 512000"
                + " characters"), e.getMessage());
    }

    @Test
    void collectionsNestedDeeperThanEnginesReadFailNamingTheColumn() {
        // The CSN reader hands element types through unchanged, so this can reach the mapping from there.
        CsdlColumn deep = column("DEEP", "Collection(".repeat(20_000) + "Edm.String" + ")".repeat(20_000));

        MappingException e = refused(() -> EdmTypes.toHive(deep, Map.of()));

        assertEquals("columns.DEEP.type", e.field());
        assertTrue(e.getMessage().startsWith("column DEEP: type Collection(Collection("), e.getMessage());
        assertTrue(e.getMessage().contains("nests deeper than 64 levels"), e.getMessage());
        assertTrue(e.getMessage().length() < 300, "the type is not repeated in full: " + e.getMessage().length());
    }

    @Test
    void collectionsNestedAsDeepAsEnginesReadStillMap() {
        CsdlColumn nested = column("NESTED", "Collection(".repeat(64) + "Edm.Int32" + ")".repeat(64));

        assertEquals(HiveType.exact("array<".repeat(64) + "int" + ">".repeat(64)),
                EdmTypes.toHive(nested, Map.of()));
    }

    // --- helpers ---

    private static MappingException refused(Executable mapping) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(MappingException.class, mapping));
    }

    private static CsdlColumn column(String name, String edmType) {
        return new CsdlColumn(name, edmType, null, null, null, null, true, false, null, false, false, null, null, null,
                null, null, Map.of());
    }

    private static void assertExact(String hiveType, String column) {
        HiveType type = hive(ALL_TYPES, column);
        assertEquals(hiveType, type.type(), column);
        assertNull(type.note(), column);
    }

    private static void assertApproximate(String hiveType, String noteMentions, String column) {
        HiveType type = hive(ALL_TYPES, column);
        assertEquals(hiveType, type.type(), column);
        assertTrue(type.note() != null && type.note().contains(noteMentions), column + ": " + type.note());
    }

    private static HiveType hive(EntityModel model, String column) {
        CsdlColumn found = model.columns().stream().filter(c -> c.name().equals(column)).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + column));
        return EdmTypes.toHive(found, model.complexTypes());
    }

    private static EntityModel parse(String asset, String fixture) {
        try (InputStream in = EdmTypesTest.class.getResourceAsStream("/csdl/" + fixture)) {
            return CsdlParser.parse(asset, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
