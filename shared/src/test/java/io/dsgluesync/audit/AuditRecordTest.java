package io.dsgluesync.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dsgluesync.model.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Audit records stay far below DynamoDB's 400 KB item limit, whatever the asset. */
class AuditRecordTest {

    @Test
    void fiveThousandColumnWarningsAreKeptToFiftyWithACount() {
        List<String> warnings = IntStream.range(0, 5_000)
                .mapToObj(i -> "COLUMN_" + i + ": Edm.Guid: Hive has no uuid type; 36-character text").toList();

        AuditRecord record = record(warnings, "x".repeat(100_000));

        assertEquals(51, record.warnings().size());
        assertEquals("… and 4950 more", record.warnings().get(50));
        assertTrue(record.error().length() < 2_100);
        assertTrue(record.error().endsWith("(98000 more characters)"), record.error().substring(1_990));
        assertTrue(JsonCodec.write(record).getBytes(StandardCharsets.UTF_8).length < 20_000);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String text = "x".repeat(1_999) + "😀" + "y".repeat(10);
        String cut = record(List.of(), text).error();
        assertTrue(cut.startsWith("x".repeat(1_999) + "…"), cut.substring(1_990, 2_005));
    }

    private static AuditRecord record(List<String> warnings, String error) {
        return new AuditRecord(AuditRecord.TYPE, 1, "run", "S", "A", "view", "db", "t", AuditAction.FAILED, 0, null,
                null, List.of(), "Rejected", null, error, null, warnings, Map.of(), null, Map.of(), 0, "now", null);
    }
}
