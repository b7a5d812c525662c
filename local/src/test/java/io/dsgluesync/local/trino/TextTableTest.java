package io.dsgluesync.local.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void alignsColumnsRightAlignsNumbersAndShowsNulls() {
        QueryResult result = new QueryResult("q1",
                List.of(new QueryResult.Column("id", "bigint"), new QueryResult.Column("customer", "varchar")),
                List.of(List.of(1, "Alice"), Arrays.asList(1200, null)), Optional.empty());

        assertEquals("""
                 id   | customer
                ------+----------
                    1 | Alice
                 1200 | NULL
                (2 rows)
                """, TextTable.render(result));
    }

    @Test
    void statementWithoutRowsPrintsItsUpdateType() {
        QueryResult result = new QueryResult("q2", List.of(), List.of(), Optional.of("CREATE CATALOG"));

        assertEquals("CREATE CATALOG\n", TextTable.render(result));
    }
}
