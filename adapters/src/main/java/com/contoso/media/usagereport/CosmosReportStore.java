package com.contoso.media.usagereport;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBatch;
import com.azure.cosmos.models.CosmosBatchResponse;
import com.azure.cosmos.models.CosmosPatchOperations;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Usage reports in Cosmos DB, partition key {@code /tenantId}: one document per tenant and day, and one
 * idempotency record per applied event that expires by TTL. Applying an event is one transactional batch, i.e.
 * one round trip: create the record (a conflict means "already applied") and patch-increment the day. Only the
 * first event of a day, whose document does not exist yet, takes a second batch. Increments are server-side
 * and commute, so concurrent consumers and any delivery order give the same totals. The records also carry the
 * event time, which is how {@link #newestFolded} answers freshness without a read-modify-write of its own.
 */
public final class CosmosReportStore implements ReportStore {

    static final String USAGE = "usage";
    static final String APPLIED = "applied";
    static final String CHECKPOINT = "checkpoint";
    /** Job state lives in a partition no tenant can have: tenant ids start with a letter or digit. */
    static final String JOBS_PARTITION = "_jobs";
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;
    private static final int MAX_ATTEMPTS = 5;

    private final CosmosContainer container;
    private final Duration idempotencyTtl;

    public CosmosReportStore(CosmosContainer container, Duration idempotencyTtl) {
        this.container = container;
        this.idempotencyTtl = idempotencyTtl;
    }

    @Override
    public boolean applyOnce(UsageFold fold) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            CosmosBatch batch = CosmosBatch.createCosmosBatch(new PartitionKey(fold.tenantId()));
            batch.createItemOperation(appliedRecord(fold));
            batch.patchItemOperation(dayId(fold.day()), increments(fold.delta()));
            CosmosBatchResponse response = container.executeCosmosBatch(batch);
            if (response.isSuccessStatusCode()) {
                return true;
            }
            if (response.getResults().get(0).getStatusCode() == CONFLICT) {
                return false;
            }
            if (response.getResults().get(1).getStatusCode() != NOT_FOUND) {
                throw failure(response, fold.tenantId());
            }
            Optional<Boolean> created = createDay(fold);
            if (created.isPresent()) {
                return created.get();
            }
        }
        throw new IllegalStateException("Usage of " + fold.tenantId() + " on " + fold.day()
                + " kept changing; gave up after " + MAX_ATTEMPTS + " attempts");
    }

    /** The first event of a day creates its document; empty when a concurrent first event won that race. */
    private Optional<Boolean> createDay(UsageFold fold) {
        CosmosBatch batch = CosmosBatch.createCosmosBatch(new PartitionKey(fold.tenantId()));
        batch.createItemOperation(appliedRecord(fold));
        batch.createItemOperation(dayDocument(fold.tenantId(), fold.day(), fold.delta()));
        CosmosBatchResponse response = container.executeCosmosBatch(batch);
        if (response.isSuccessStatusCode()) {
            return Optional.of(true);
        }
        if (response.getResults().get(0).getStatusCode() == CONFLICT) {
            return Optional.of(false);
        }
        if (response.getResults().get(1).getStatusCode() == CONFLICT) {
            return Optional.empty();
        }
        throw failure(response, fold.tenantId());
    }

    @Override
    public List<DailyUsage> read(String tenantId, LocalDate from, LocalDate to) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE c.docType = @usage AND c.day >= @from"
                + " AND c.day <= @to ORDER BY c.day", List.of(new SqlParameter("@usage", USAGE),
                new SqlParameter("@from", from.toString()), new SqlParameter("@to", to.toString())));
        CosmosQueryRequestOptions options = new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(tenantId));
        return container.queryItems(query, options, JsonNode.class).stream()
                .map(CosmosReportStore::toDailyUsage).toList();
    }

    /** The newest idempotency record's event time: an indexed TOP 1 in the tenant's partition. */
    @Override
    public Optional<Instant> newestFolded(String tenantId) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT TOP 1 VALUE c.eventTimeMillis FROM c WHERE c.docType = @applied"
                + " ORDER BY c.eventTimeMillis DESC", List.of(new SqlParameter("@applied", APPLIED)));
        CosmosQueryRequestOptions options = new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(tenantId));
        return container.queryItems(query, options, Long.class).stream().findFirst().map(Instant::ofEpochMilli);
    }

    @Override
    public boolean wasApplied(String tenantId, String eventId) {
        try {
            container.readItem(APPLIED + "-" + eventId, new PartitionKey(tenantId), JsonNode.class);
            return true;
        } catch (CosmosException e) {
            if (e.getStatusCode() == NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<String> checkpoint(String job) {
        try {
            return Optional.of(container.readItem(CHECKPOINT + "-" + job, new PartitionKey(JOBS_PARTITION),
                    JsonNode.class).getItem().path("position").asText());
        } catch (CosmosException e) {
            if (e.getStatusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void saveCheckpoint(String job, String position) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", CHECKPOINT + "-" + job);
        node.put("tenantId", JOBS_PARTITION);
        node.put("docType", CHECKPOINT);
        node.put("position", position);
        container.upsertItem(node);
    }

    static String dayId(LocalDate day) {
        return USAGE + "-" + day;
    }

    private ObjectNode appliedRecord(UsageFold fold) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", APPLIED + "-" + fold.eventId());
        node.put("tenantId", fold.tenantId());
        node.put("docType", APPLIED);
        node.put("day", fold.day().toString());
        node.put("eventTimeMillis", fold.eventTime().toEpochMilli());
        node.put("ttl", idempotencyTtl.toSeconds());
        return node;
    }

    private static ObjectNode dayDocument(String tenantId, LocalDate day, UsageCounters counters) {
        ObjectNode node = Json.MAPPER.valueToTree(counters);
        node.put("id", dayId(day));
        node.put("tenantId", tenantId);
        node.put("docType", USAGE);
        node.put("day", day.toString());
        return node;
    }

    private static CosmosPatchOperations increments(UsageCounters delta) {
        return CosmosPatchOperations.create()
                .increment("/uploads", delta.uploads())
                .increment("/uploadedBytes", delta.uploadedBytes())
                .increment("/videosTranscoded", delta.videosTranscoded())
                .increment("/transcodedMillis", delta.transcodedMillis())
                .increment("/outputBytes", delta.outputBytes())
                .increment("/rejected", delta.rejected())
                .increment("/failed", delta.failed());
    }

    private static DailyUsage toDailyUsage(JsonNode node) {
        UsageCounters counters = new UsageCounters(node.path("uploads").asLong(), node.path("uploadedBytes").asLong(),
                node.path("videosTranscoded").asLong(), node.path("transcodedMillis").asLong(),
                node.path("outputBytes").asLong(), node.path("rejected").asLong(), node.path("failed").asLong());
        return new DailyUsage(LocalDate.parse(node.path("day").asText()), counters);
    }

    private static IllegalStateException failure(CosmosBatchResponse response, String tenantId) {
        return new IllegalStateException("Usage batch for " + tenantId + " failed with status "
                + response.getStatusCode() + ": " + response.getErrorMessage());
    }
}
