package io.dsgluesync.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyncedObjectIndexTest {

    private static int bytes(List<String> chunk) {
        return chunk.stream().mapToInt(n -> n.getBytes(StandardCharsets.UTF_8).length + 1).sum();
    }

    @Test
    void namesAreCutIntoChunksOfAtMostTheLimitInOrderAndNoneIsLost() {
        List<String> names = IntStream.range(0, 20_000).mapToObj(i -> "SPACE_VIEW_" + "X".repeat(i % 40) + i)
                .toList();
        List<List<String>> chunks = SyncedObjectIndex.chunks(names, SyncedObjectIndex.MAX_CHUNK_BYTES);

        assertTrue(chunks.size() > 1, "20,000 names of ~35 bytes need more than one chunk of 300 KB");
        chunks.forEach(c -> assertTrue(bytes(c) <= SyncedObjectIndex.MAX_CHUNK_BYTES, "chunk of " + bytes(c)));
        List<String> joined = new ArrayList<>();
        chunks.forEach(joined::addAll);
        assertEquals(names, joined);
        for (int i = 0; i < chunks.size() - 1; i++) {
            List<String> next = chunks.get(i + 1);
            assertTrue(bytes(chunks.get(i)) + next.get(0).getBytes(StandardCharsets.UTF_8).length + 1
                    > SyncedObjectIndex.MAX_CHUNK_BYTES, "a chunk is filled before the next one starts");
        }
    }

    @Test
    void multiByteNamesAreCountedInUtf8Bytes() {
        // 3 bytes each in UTF-8: ten of them and their list overhead are 40 bytes
        List<List<String>> chunks = SyncedObjectIndex.chunks(List.of("日", "本", "語", "日", "本", "語", "日", "本",
                "語", "日"), 8);
        assertEquals(List.of(2, 2, 2, 2, 2), chunks.stream().map(List::size).toList());
    }

    @Test
    void anEmptySpaceIsOneEmptyChunkSoThatItsOldChunksAreReplaced() {
        assertEquals(List.of(List.of()), SyncedObjectIndex.chunks(List.of(), 100));
    }

    @Test
    void aNameLargerThanAChunkIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SyncedObjectIndex.chunks(List.of("x".repeat(100)), 50));
    }

    @Test
    void withoutAnIndexNothingExistsOrIsSynced() {
        assertFalse(SyncedObjects.none().spaceExists("S"));
        assertFalse(SyncedObjects.none().synced("S", "V"));
    }
}
