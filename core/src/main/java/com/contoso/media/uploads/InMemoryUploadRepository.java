package com.contoso.media.uploads;

import com.contoso.media.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The local runtime's stand-in for the Cosmos DB uploads container, with the semantics the services rely on:
 * per-tenant partitions, create conflicts, and ETag-conditional replace.
 */
public final class InMemoryUploadRepository implements UploadRepository {

    private record Key(String tenantId, String uploadId) {
    }

    private final ConcurrentMap<Key, Upload> records = new ConcurrentHashMap<>();

    @Override
    public Upload create(Upload upload) {
        Upload stored = upload.withEtag(newEtag());
        if (records.putIfAbsent(new Key(upload.tenantId(), upload.id()), stored) != null) {
            throw new ConcurrentUpdateException("Upload " + upload.id() + " already exists");
        }
        return stored;
    }

    /** Puts back a record exactly as it was stored, ETag included (a restarted local runtime reloading its data). */
    public void restore(Upload upload) {
        records.put(new Key(upload.tenantId(), upload.id()), upload);
    }

    @Override
    public Optional<Upload> find(String tenantId, String uploadId) {
        return Optional.ofNullable(records.get(new Key(tenantId, uploadId)));
    }

    @Override
    public Upload replace(Upload upload) {
        Upload stored = upload.withEtag(newEtag());
        Upload result = records.compute(new Key(upload.tenantId(), upload.id()), (key, current) -> {
            if (current == null || !current.etag().equals(upload.etag())) {
                throw new ConcurrentUpdateException("Upload " + upload.id() + " changed since it was read");
            }
            return stored;
        });
        return result;
    }

    @Override
    public Page<Upload> list(String tenantId, Optional<UploadStatus> status, int limit,
                             Optional<String> continuationToken) {
        List<Upload> matching = records.values().stream()
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
                .filter(u -> u.status() == status && u.updatedAt().isBefore(writtenBefore))
                .sorted(Comparator.comparing(Upload::updatedAt))
                .limit(limit)
                .toList();
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
            throw ProblemException.badRequest("invalid_continuation_token",
                    "continuationToken is not one this service issued.");
        }
    }
}
