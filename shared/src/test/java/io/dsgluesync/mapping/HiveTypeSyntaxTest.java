package io.dsgluesync.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Hive type grammar Athena and Trino parse: what they accept and what they refuse, with the reason. */
class HiveTypeSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"boolean", "tinyint", "smallint", "int", "bigint", "float", "double", "string", "binary",
            "date", "timestamp", "decimal", "decimal(38,0)", "decimal(15,2)", "decimal(5)", "varchar(1)",
            "varchar(65535)", "char(255)", "array<int>", "map<string,array<decimal(10,2)>>",
            "struct<a:int,b:struct<c:varchar(3),d:array<date>>>"})
    void typesTheEnginesParseAreAccepted(String type) {
        assertEquals(Optional.empty(), HiveTypeSyntax.problem(type));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "varchar|varchar needs a length",
            "varchar(0)|varchar length 0 outside 1..65535",
            "varchar(65536)|varchar length 65536 outside 1..65535",
            "char(256)|char length 256 outside 1..255",
            "decimal(39,2)|decimal precision 39 outside 1..38",
            "decimal(10,11)|decimal scale 11 greater than precision 10",
            "integer|unknown type 'integer' (Hive spells it int)",
            "DECIMAL(10,2)|must be lower case without spaces",
            "decimal(10, 2)|must be lower case without spaces",
            "array<int|'>' expected",
            "struct<a:int,a:string>|struct field 'a' appears twice",
            "map<array<int>,int>|a map key must be a primitive type",
            "uniontype<int,string>|unknown type 'uniontype'",
            "int>|unexpected '>'"})
    void typesTheEnginesRejectAreRefusedWithTheReason(String type, String reason) {
        String problem = HiveTypeSyntax.problem(type).orElseThrow();
        assertTrue(problem.contains(reason), problem);
    }

    @Test
    void deeplyNestedTypesAreRefusedWithoutExhaustingTheStack() {
        String deep = "array<".repeat(10_000) + "int" + ">".repeat(10_000);
        assertTrue(HiveTypeSyntax.problem(deep).orElseThrow().contains("nested deeper than 64 levels"));
        assertTrue(HiveTypeSyntax.problem("").orElseThrow().contains("empty type"));
    }
}
