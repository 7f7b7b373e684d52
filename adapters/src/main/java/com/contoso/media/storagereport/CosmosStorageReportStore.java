package com.contoso.media.storagereport;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBatch;
import com.azure.cosmos.models.CosmosBatchOperationResult;
import com.azure.cosmos.models.CosmosBatchPatchItemRequestOptions;
import com.azure.cosmos.models.CosmosBatchResponse;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosPatchOperations;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlParameter;
import com.azure.cosmos.models.SqlQuerySpec;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The storage report in Cosmos DB, partition key {@code /tenantId}: documents {@code upload-<id>} (the latest
 * version applied, its facts and its event time) and {@code storageday-<yyyy-MM-dd>} (the day's counters). A
 * transition is one transactional batch, so the common case is
 * one round trip: the state is created (first version) or patched on the condition that its sequence is still the
 * one the transition starts from, and each day's counters are incremented server-side (no read). A day document that
 * does not exist yet fails the batch with 404; it is created empty and the batch sent again.
 */
public final class CosmosStorageReportStore implements StorageReportStore {

    static final String UPLOAD = "storageupload";
    static final String DAY = "storageday";
    /** Cosmos DB takes at most ten operations in one patch. */
    private static final int PATCH_LIMIT = 10;
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;
    private static final int PRECONDITION_FAILED = 412;
    private static final int MAX_ATTEMPTS = 5;

    private final CosmosContainer container;

    public CosmosStorageReportStore(CosmosContainer container) {
        this.container = container;
    }

    @Override
    public Optional<UploadStorage> find(String tenantId, String uploadId) {
        return read(tenantId, UPLOAD + "-" + uploadId).map(node -> new UploadStorage(tenantId, uploadId,
                node.path("sequence").asLong(), convert(node.path("facts"))));
    }

    @Override
    public boolean apply(StorageTransition transition) {
        String tenant = transition.tenantId();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            CosmosBatch batch = CosmosBatch.createCosmosBatch(new PartitionKey(tenant));
            UploadStorage to = transition.to();
            if (transition.fromSequence() == 0) {
                batch.createItemOperation(stateDocument(to, transition.eventTime()));
            } else {
                batch.patchItemOperation(UPLOAD + "-" + to.uploadId(), CosmosPatchOperations.create()
                        .set("/sequence", to.sequence())
                        .set("/facts", Json.MAPPER.valueToTree(to.facts()))
                        .set("/eventMillis", transition.eventTime().toEpochMilli()),
                        new CosmosBatchPatchItemRequestOptions().setFilterPredicate(
                                "FROM c WHERE c.sequence = " + transition.fromSequence()));
            }
            for (DayDelta delta : transition.days()) {
                for (CosmosPatchOperations increments : increments(delta)) {
                    batch.patchItemOperation(DAY + "-" + delta.day(), increments);
                }
            }
            CosmosBatchResponse response = container.executeCosmosBatch(batch);
            if (response.isSuccessStatusCode()) {
                return true;
            }
            int stateStatus = response.getResults().get(0).getStatusCode();
            if (stateStatus == CONFLICT || stateStatus == PRECONDITION_FAILED || stateStatus == NOT_FOUND) {
                return false;
            }
            if (response.getResults().stream().map(CosmosBatchOperationResult::getStatusCode)
                    .noneMatch(status -> status == NOT_FOUND)) {
                throw new IllegalStateException("Storage report batch of " + tenant + " failed: "
                        + response.getStatusCode() + " " + response.getErrorMessage());
            }
            transition.days().forEach(delta -> createEmptyDay(tenant, delta.day()));
        }
        throw new IllegalStateException("Storage report days of " + tenant + " could not be written after "
                + MAX_ATTEMPTS + " attempts");
    }

    @Override
    public List<DayDelta> daysThrough(String tenantId, LocalDate through) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT * FROM c WHERE c.docType = @type AND c.day <= @through"
                + " ORDER BY c.day", List.of(new SqlParameter("@type", DAY),
                new SqlParameter("@through", through.toString())));
        List<DayDelta> days = new ArrayList<>();
        container.queryItems(query, new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(tenantId)),
                JsonNode.class).forEach(node -> {
                    Map<String, Long> fields = new HashMap<>();
                    node.fields().forEachRemaining(field -> {
                        if (field.getValue().isIntegralNumber()) {
                            fields.put(field.getKey(), field.getValue().asLong());
                        }
                    });
                    days.add(DayDelta.fromFields(LocalDate.parse(node.path("day").asText()), fields));
                });
        return days;
    }

    /** Computed when a report is read (rarer than events), so no write has to keep a maximum up to date. */
    @Override
    public Optional<Instant> newestApplied(String tenantId) {
        SqlQuerySpec query = new SqlQuerySpec("SELECT VALUE MAX(c.eventMillis) FROM c WHERE c.docType = @type",
                List.of(new SqlParameter("@type", UPLOAD)));
        return container.queryItems(query, new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(tenantId)),
                Long.class).stream().filter(Objects::nonNull).findFirst().map(Instant::ofEpochMilli);
    }

    private static List<CosmosPatchOperations> increments(DayDelta delta) {
        List<CosmosPatchOperations> patches = new ArrayList<>();
        CosmosPatchOperations current = CosmosPatchOperations.create();
        int count = 0;
        for (Map.Entry<String, Long> field : delta.fields().entrySet()) {
            if (count == PATCH_LIMIT) {
                patches.add(current);
                current = CosmosPatchOperations.create();
                count = 0;
            }
            current.increment("/" + field.getKey(), field.getValue());
            count++;
        }
        if (count > 0) {
            patches.add(current);
        }
        return patches;
    }

    private void createEmptyDay(String tenant, LocalDate day) {
        ObjectNode document = Json.MAPPER.createObjectNode();
        document.put("id", DAY + "-" + day);
        document.put("tenantId", tenant);
        document.put("docType", DAY);
        document.put("day", day.toString());
        try {
            container.createItem(document, new PartitionKey(tenant), new CosmosItemRequestOptions());
        } catch (CosmosException e) {
            if (e.getStatusCode() != CONFLICT) {
                throw e;
            }
        }
    }

    private ObjectNode stateDocument(UploadStorage state, Instant eventTime) {
        ObjectNode document = Json.MAPPER.createObjectNode();
        document.put("id", UPLOAD + "-" + state.uploadId());
        document.put("tenantId", state.tenantId());
        document.put("docType", UPLOAD);
        document.put("sequence", state.sequence());
        document.put("eventMillis", eventTime.toEpochMilli());
        document.set("facts", Json.MAPPER.valueToTree(state.facts()));
        return document;
    }

    private Optional<JsonNode> read(String tenantId, String id) {
        try {
            return Optional.of(container.readItem(id, new PartitionKey(tenantId), JsonNode.class).getItem());
        } catch (CosmosException e) {
            if (e.getStatusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static StorageFacts convert(JsonNode node) {
        try {
            return Json.MAPPER.treeToValue(node, StorageFacts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Storage facts are unreadable", e);
        }
    }
}
