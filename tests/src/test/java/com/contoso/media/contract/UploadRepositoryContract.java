package com.contoso.media.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.contoso.media.blobs.BlobRef;
import com.contoso.media.events.EventType;
import com.contoso.media.events.Outbox;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.json.Json;
import com.contoso.media.uploads.ConcurrentUpdateException;
import com.contoso.media.uploads.InvalidContinuationTokenException;
import com.contoso.media.uploads.Page;
import com.contoso.media.uploads.TenantMetadata;
import com.contoso.media.uploads.Upload;
import com.contoso.media.uploads.UploadFilter;
import com.contoso.media.uploads.UploadRepository;
import com.contoso.media.uploads.UploadScans;
import com.contoso.media.uploads.UploadStatus;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UploadRepository} must do, whichever store is behind it. Runs on the in-process
 * stand-in always and on Cosmos DB when an account is configured.
 */
abstract class UploadRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");
    protected final String tenant = "contract-" + UUID.randomUUID();

    protected abstract UploadRepository repository();

    /** The jobs' cross-tenant queries; every store implements them over the same records. */
    protected UploadScans scans() {
        return (UploadScans) repository();
    }

    @Test
    void aCreatedRecordReadsBackWithAnEtag() {
        Upload created = repository().create(upload(tenant, 0));

        Upload read = repository().find(tenant, created.id()).orElseThrow();

        assertThat(read.etag()).isPresent();
        assertThat(read.withEtag("x")).isEqualTo(created.withEtag("x"));
    }

    @Test
    void creatingTheSameIdTwiceConflicts() {
        Upload upload = upload(tenant, 0);
        repository().create(upload);

        assertThatThrownBy(() -> repository().create(upload)).isInstanceOf(ConcurrentUpdateException.class);
    }

    @Test
    void aReplaceBasedOnAStaleReadIsRefused() {
        Upload created = repository().create(upload(tenant, 0));
        repository().replace(created.startValidating(T0.plusSeconds(1)));

        assertThatThrownBy(() -> repository().replace(created.delete(T0.plusSeconds(2))))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(repository().find(tenant, created.id()).orElseThrow().status()).isEqualTo(UploadStatus.Validating);
    }

    @Test
    void recordsAreInvisibleToOtherTenants() {
        Upload created = repository().create(upload(tenant, 0));

        assertThat(repository().find("someone-else", created.id())).isEmpty();
        assertThat(repository().list("someone-else", UploadFilter.ALL, 10, Optional.empty()).items()).isEmpty();
    }

    @Test
    void listingIsNewestFirstPagedAndFilteredByStatus() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(repository().create(upload(tenant, i)).id());
        }
        repository().update(tenant, ids.get(0), u -> u.startValidating(T0.plusSeconds(60)));

        Page<Upload> first = repository().list(tenant, UploadFilter.ALL, 2, Optional.empty());
        Page<Upload> second = repository().list(tenant, UploadFilter.ALL, 2, first.continuationToken());
        Page<Upload> validating = repository().list(tenant, UploadFilter.byStatus(Optional.of(UploadStatus.Validating)),
                10, Optional.empty());

        assertThat(first.items()).extracting(Upload::id).containsExactly(ids.get(4), ids.get(3));
        assertThat(second.items()).extracting(Upload::id).containsExactly(ids.get(2), ids.get(1));
        assertThat(validating.items()).extracting(Upload::id).containsExactly(ids.get(0));
    }

    @Test
    void aContinuationTokenTheStoreNeverIssuedIsRefusedAsSuch() {
        repository().create(upload(tenant, 0));

        for (String forged : List.of("not-a-token", "%%%", "b2Zmc2V0Onh5eg")) {
            assertThatThrownBy(() -> repository().list(tenant, UploadFilter.ALL, 2, Optional.of(forged)))
                    .as("token %s", forged).isInstanceOf(InvalidContinuationTokenException.class);
        }
    }

    @Test
    void concurrentUpdatesAreAllAppliedThroughRetries() {
        Upload created = repository().create(upload(tenant, 0));
        AtomicInteger applied = new AtomicInteger();

        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            writers.add(CompletableFuture.runAsync(() -> repository().update(tenant, created.id(), current -> {
                if (current.status() != UploadStatus.AwaitingUpload) {
                    return current;
                }
                applied.incrementAndGet();
                return current.startValidating(T0.plusSeconds(5));
            })));
        }
        writers.forEach(CompletableFuture::join);

        Upload after = repository().find(tenant, created.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(UploadStatus.Validating);
        assertThat(after.history()).hasSize(2);
        assertThat(applied.get()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void eachWriteStoresTheEventsItRaisedInTheOutboxUntilTheyAreRemoved() {
        assertThat(repository()).isInstanceOf(Outbox.class);
        Outbox outbox = (Outbox) repository();
        Upload created = repository().create(upload(tenant, 0));
        Upload validating = repository().replace(created.startValidating(T0.plusSeconds(1)));
        repository().replace(validating.succeed(List.of(), T0.plusSeconds(2)));

        List<UploadEvent> mine = outbox.pending(1000).stream().filter(e -> e.uploadId().equals(created.id())).toList();
        assertThat(mine).extracting(UploadEvent::type)
                .containsExactly(EventType.UPLOAD_REQUESTED, EventType.UPLOAD_ACCEPTED);
        assertThat(mine).extracting(UploadEvent::sequence).containsExactly(1L, 2L);

        mine.forEach(outbox::remove);
        mine.forEach(outbox::remove);
        assertThat(outbox.pending(1000)).noneMatch(e -> e.uploadId().equals(created.id()));
    }

    @Test
    void theJobsFindTenantsAndUploadsWrittenSinceATime() {
        Instant now = Instant.now();
        Upload recent = repository().create(Upload.awaitingUpload(UUID.randomUUID().toString(), tenant, "f.png",
                "image/png", 8, new BlobRef("uploads", tenant + "/r/f.png"), "c", now, now.plusSeconds(900)));

        assertThat(scans().tenantsChangedSince(now.minusSeconds(60))).contains(tenant);
        assertThat(scans().changedSince(tenant, now.minusSeconds(60))).extracting(Upload::id)
                .containsExactly(recent.id());
        assertThat(scans().changedSince("someone-else", now.minusSeconds(60))).isEmpty();
    }

    @Test
    void theSweeperFindsRecordsLeftInAStatusSinceBeforeATime() {
        Instant now = Instant.now();
        Upload created = repository().create(Upload.awaitingUpload(UUID.randomUUID().toString(), tenant, "f.png",
                "image/png", 8, new BlobRef("uploads", tenant + "/s/f.png"), "c", now, now.plusSeconds(900)));
        repository().replace(created.startValidating(now));

        assertThat(scans().findStale(UploadStatus.Validating, now.plusSeconds(120), 1000)).extracting(Upload::id)
                .contains(created.id());
        assertThat(scans().findStale(UploadStatus.Validating, now.minusSeconds(3600), 1000)).extracting(Upload::id)
                .doesNotContain(created.id());
        assertThat(scans().findStale(UploadStatus.AwaitingUpload, now.plusSeconds(120), 1000)).extracting(Upload::id)
                .doesNotContain(created.id());
    }

    @Test
    void theListFiltersByTagAndExternalIdAcrossPages() {
        for (int i = 0; i < 7; i++) {
            String fields = "{\"tags\":[\"all\"" + (i % 2 == 0 ? ",\"even\"" : "") + "],\"externalId\":\"ext-" + i + "\"}";
            repository().create(upload(tenant, i).withTenantMetadata(TenantMetadata.fromCreate(
                    Json.read(fields, JsonNode.class))));
        }
        UploadFilter even = new UploadFilter(Optional.empty(), Optional.of("even"), Optional.empty());

        Page<Upload> first = repository().list(tenant, even, 3, Optional.empty());
        Page<Upload> second = repository().list(tenant, even, 3, first.continuationToken());

        assertThat(first.items()).hasSize(3);
        assertThat(second.continuationToken()).isEmpty();
        assertThat(concat(first, second)).extracting(u -> u.tenantMetadata().externalId().orElseThrow())
                .containsExactly("ext-6", "ext-4", "ext-2", "ext-0");
        assertThat(repository().list(tenant, new UploadFilter(Optional.empty(), Optional.empty(), Optional.of("ext-3")),
                10, Optional.empty()).items()).extracting(u -> u.tenantMetadata().tags()).containsExactly(List.of("all"));
        assertThat(repository().list(tenant, new UploadFilter(Optional.of(UploadStatus.Validating), Optional.of("all"),
                Optional.empty()), 10, Optional.empty()).items()).isEmpty();
        assertThat(repository().list("someone-else", even, 10, Optional.empty()).items()).isEmpty();
    }

    private static List<Upload> concat(Page<Upload> first, Page<Upload> second) {
        List<Upload> all = new ArrayList<>(first.items());
        all.addAll(second.items());
        return all;
    }

    private static Upload upload(String tenant, int minute) {
        String id = UUID.randomUUID().toString();
        Instant created = T0.plusSeconds(60L * minute);
        return Upload.awaitingUpload(id, tenant, "f.png", "image/png", 8,
                new BlobRef("uploads", tenant + "/" + id + "/f.png"), "c-" + id, created, created.plusSeconds(900));
    }
}
