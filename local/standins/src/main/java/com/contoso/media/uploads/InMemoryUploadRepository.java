package com.contoso.media.uploads;

import com.contoso.media.events.Outbox;
import com.contoso.media.events.UploadEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/**
 * The local runtime's stand-in for the Cosmos DB uploads container, with the semantics the services rely on:
 * per-tenant partitions, create conflicts, ETag-conditional replace, and each record written atomically with
 * the outbox entries of the events it raised. For unit tests; the local runtime keeps records in Azurite's Table
 * storage ({@code TableUploadRepository}).
 */
public final class InMemoryUploadRepository implements UploadRepository, UploadScans, Outbox {

    private record Key(String tenantId, String uploadId) {
    }

    private final ConcurrentMap<Key, StoredUpload> records = new ConcurrentHashMap<>();
    private final Set<Key> withPendingEvents = ConcurrentHashMap.newKeySet();
    @Override
    public Upload create(UploadEvents.Raised raised) {
        Upload written = raised.upload().withEtag(newEtag());
        store(written, current -> {
            if (current != null) {
                throw new ConcurrentUpdateException("Upload " + written.id() + " already exists");
            }
            return new StoredUpload(written, raised.events());
        });
        return written;
    }

    @Override
    public Optional<Upload> find(String tenantId, String uploadId) {
        return Optional.ofNullable(records.get(new Key(tenantId, uploadId))).map(StoredUpload::upload);
    }

    @Override
    public Upload replace(UploadEvents.Raised raised) {
        Upload read = raised.upload();
        Upload written = read.withEtag(newEtag());
        store(written, current -> {
            if (current == null || !current.upload().etag().equals(read.etag())) {
                throw new ConcurrentUpdateException("Upload " + read.id() + " changed since it was read");
            }
            List<UploadEvent> outbox = new ArrayList<>(current.outbox());
            outbox.addAll(raised.events());
            return new StoredUpload(written, outbox);
        });
        return written;
    }

    @Override
    public List<UploadEvent> pending(int limit) {
        return withPendingEvents.stream()
                .map(records::get)
                .filter(Objects::nonNull)
                .flatMap(stored -> stored.outbox().stream())
                .sorted(Comparator.comparing(UploadEvent::time).thenComparing(UploadEvent::sequence))
                .limit(limit)
                .toList();
    }

    @Override
    public void remove(UploadEvent event) {
        records.computeIfPresent(new Key(event.tenantId(), event.uploadId()), (key, current) -> {
            List<UploadEvent> outbox = current.outbox().stream().filter(e -> !e.id().equals(event.id())).toList();
            if (outbox.size() == current.outbox().size()) {
                return current;
            }
            StoredUpload next = new StoredUpload(current.upload(), outbox);
            if (outbox.isEmpty()) {
                withPendingEvents.remove(key);
            }
            return next;
        });
    }

    private void store(Upload upload, UnaryOperator<StoredUpload> change) {
        records.compute(keyOf(upload), (key, current) -> {
            StoredUpload next = change.apply(current);
            if (!next.outbox().isEmpty()) {
                withPendingEvents.add(key);
            }
            return next;
        });
    }

    private static Key keyOf(Upload upload) {
        return new Key(upload.tenantId(), upload.id());
    }

    @Override
    public Page<Upload> list(String tenantId, UploadFilter filter, int limit, Optional<String> continuationToken) {
        List<Upload> matching = records.values().stream()
                .map(StoredUpload::upload)
                .filter(u -> u.tenantId().equals(tenantId))
                .filter(filter::matches)
                .sorted(Comparator.comparing(Upload::createdAt).reversed().thenComparing(Upload::id))
                .toList();
        return OffsetToken.page(matching, limit, continuationToken);
    }

    @Override
    public List<Upload> findStale(UploadStatus status, Instant writtenBefore, int limit) {
        return records.values().stream()
                .map(StoredUpload::upload)
                .filter(u -> u.status() == status && u.updatedAt().isBefore(writtenBefore))
                .sorted(Comparator.comparing(Upload::updatedAt))
                .limit(limit)
                .toList();
    }

    @Override
    public List<String> tenantsChangedSince(Instant since) {
        return records.values().stream().map(StoredUpload::upload).filter(u -> !u.updatedAt().isBefore(since))
                .map(Upload::tenantId).distinct().sorted().toList();
    }

    @Override
    public List<Upload> changedSince(String tenantId, Instant since) {
        return records.values().stream().map(StoredUpload::upload)
                .filter(u -> u.tenantId().equals(tenantId) && !u.updatedAt().isBefore(since)).toList();
    }

    private static String newEtag() {
        return "\"" + UUID.randomUUID() + "\"";
    }
}
