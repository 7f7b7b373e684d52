package com.contoso.media.storagereport;

import static org.assertj.core.api.Assertions.assertThat;

import com.contoso.media.events.UploadEventData.HistoryEntry;
import com.contoso.media.events.UploadEventData.StoredBytes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StorageFactsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void captionBytesCountFromEachChangeAtTheBytesItRecordsUntilTheUploadIsDeleted() {
        StorageFacts facts = new StorageFacts(List.of(
                new HistoryEntry("AwaitingUpload", T0), new HistoryEntry("Validating", T0.plusSeconds(1)),
                new HistoryEntry("Processing", T0.plusSeconds(2)), new HistoryEntry("Succeeded", T0.plusSeconds(3)),
                new HistoryEntry("Succeeded", T0.plusSeconds(100), Optional.of(900L)),
                new HistoryEntry("Succeeded", T0.plusSeconds(200), Optional.of(1500L)),
                new HistoryEntry("Succeeded", T0.plusSeconds(300), Optional.of(600L)),
                new HistoryEntry("Deleted", T0.plusSeconds(400))), new StoredBytes(5000, 800, 70));

        List<StorageFacts.Change> changes = facts.changes();

        assertThat(changes.get(4).bytes()).isEqualTo(Map.of(StoredKind.CAPTIONS, 900L));
        assertThat(changes.get(4).statuses()).as("still one Succeeded upload").isEmpty();
        assertThat(changes.get(5).bytes()).isEqualTo(Map.of(StoredKind.CAPTIONS, 600L));
        assertThat(changes.get(6).bytes()).isEqualTo(Map.of(StoredKind.CAPTIONS, -900L));
        assertThat(changes.get(7).bytes()).containsEntry(StoredKind.CAPTIONS, -600L)
                .containsEntry(StoredKind.ORIGINALS, -5000L);
        assertThat(new StorageFacts(facts.history().subList(0, 7), facts.bytes()).storedNow())
                .containsEntry(StoredKind.CAPTIONS, 600L).containsEntry(StoredKind.RENDITIONS, 800L);
        assertThat(facts.storedNow().values()).allMatch(bytes -> bytes == 0);
    }
}
