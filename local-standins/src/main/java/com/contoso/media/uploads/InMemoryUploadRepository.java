package com.contoso.media.uploads;

import com.contoso.media.events.Outbox;
import com.contoso.media.events.UploadEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
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
 * the outbox entries of the events it raised. An optional {@link WriteThrough} sees every change of a record
 * (under that record's lock), so the local runtime can keep a copy on disk.
 */
public final class InMemoryUploadRepository implements UploadRepository, UploadScans, Outbox {

    /** Called with the record and its pending outbox entries after each change, in the order they happened. */
    @FunctionalInterface
    public interface WriteThrough {
        void written(StoredUpload stored);
    }

    private record Key(String tenantId, String uploadId) {
    }

    private final ConcurrentMap<Key, StoredUpload> records = new ConcurrentHashMap<>();
    private final Set<Key> withPendingEvents = ConcurrentHashMap.newKeySet();
    private final WriteThrough writeThrough;

    public InMemoryUploadRepository() {
        this(stored -> { });
    }

    public InMemoryUploadRepository(WriteThrough writeThrough) {
        this.writeThrough = writeThrough;
    }

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

    /** Puts back a record exactly as it was stored, ETag and outbox included (a restarted local runtime). */
    public void restore(StoredUpload stored) {
        Key key = keyOf(stored.upload());
        records.put(key, stored);
        if (!stored.outbox().isEmpty()) {
            withPendingEvents.add(key);
        }
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
            writeThrough.written(next);
            if (outbox.isEmpty()) {
                withPendingEvents.remove(key);
            }
            return next;
        });
    }

    private void store(Upload upload, UnaryOperator<StoredUpload> change) {
        records.compute(keyOf(upload), (key, current) -> {
            StoredUpload next = change.apply(current);
            writeThrough.written(next);
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
    public Page<Upload> list(String tenantId, Optional<UploadStatus> status, int limit,
                             Optional<String> continuationToken) {
        List<Upload> matching = records.values().stream()
                .map(StoredUpload::upload)
                .filter(u -> u.tenantId().equals(tenantId))
                .filter(u -> status.map(s -> s == u.status()).orElse(true))
                .sorted(Comparator.comparing(Upload::createdAt).reversed().thenComparing(Upload::id))
                .toList();
        int from = continuationToken.map(InMemoryUploadRepository::decodeOffset).orElse(0);
        int to = Math.min(matching.size(), from + limit);
        Optional<String> next = to < matching.size() ? Optional.of(encodeOffset(to)) : Optional.empty();
        return new Page<>(from >= matching.size() ? List.of() : matching.subList(from, to), next);
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

    private static String encodeOffset(int offset) {
        return Base64.getUrlEncoder().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeOffset(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return Integer.parseInt(decoded.substring("offset:".length()));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new InvalidContinuationTokenException(token, e);
        }
    }
}
