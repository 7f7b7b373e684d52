package com.contoso.media.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosBatch;
import com.azure.cosmos.models.CosmosBatchOperationResult;
import com.azure.cosmos.models.CosmosBatchResponse;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.CosmosItemOperationType;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.PartitionKey;
import com.contoso.media.events.OutboxBatch;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.json.Json;
import com.contoso.media.blobs.BlobRef;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

@SuppressWarnings("unchecked")
class CosmosUploadRepositoryTest {

    private final CosmosContainer container = mock(CosmosContainer.class);
    private final CosmosUploadRepository repository = new CosmosUploadRepository(container);
    private final Upload upload = Upload.awaitingUpload("u1", "tenant-a", "a.png", "image/png", 8,
            new BlobRef("uploads", "tenant-a/u1/a.png"), "corr-u1", Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:15:00Z"));

    @Test
    void createWritesTheRecordAndItsEventInOneBatchInTheTenantsPartition() {
        CosmosBatchResponse response = batchResult(200, "\"e1\"");
        when(container.executeCosmosBatch(any(CosmosBatch.class))).thenReturn(response);

        Upload stored = repository.create(upload);

        CosmosBatch batch = executedBatch();
        assertThat(batch.getPartitionKeyValue()).isEqualTo(new PartitionKey("tenant-a"));
        assertThat(batch.getOperations()).extracting(CosmosItemOperation::getOperationType)
                .containsExactly(CosmosItemOperationType.CREATE, CosmosItemOperationType.CREATE);
        ObjectNode record = batch.getOperations().get(0).getItem();
        assertThat(record.get("id").asText()).isEqualTo("u1");
        assertThat(record.get("docType").asText()).isEqualTo("upload");
        assertThat(record.get("status").asText()).isEqualTo("AwaitingUpload");
        assertThat(record.get("eventsRaised").asInt()).isEqualTo(1);
        assertThat(record.has("_etag")).isFalse();
        ObjectNode outbox = batch.getOperations().get(1).getItem();
        assertThat(outbox.get("docType").asText()).isEqualTo("outbox");
        assertThat(outbox.get("tenantId").asText()).isEqualTo("tenant-a");
        assertThat(outbox.path("event").path("type").asText()).isEqualTo("UPLOAD_REQUESTED");
        assertThat(outbox.path("event").path("sequence").asLong()).isEqualTo(1);
        assertThat(stored.etag()).contains("\"e1\"");
    }

    @Test
    void replaceIsConditionalOnTheEtagAndA412IsAConcurrentUpdate() {
        CosmosBatchResponse response = batchResult(412, null);
        when(container.executeCosmosBatch(any(CosmosBatch.class))).thenReturn(response);
        Upload read = upload.withEventsRaised().withEtag("\"e1\"");

        assertThatThrownBy(() -> repository.replace(read.startValidating(Instant.now())))
                .isInstanceOf(ConcurrentUpdateException.class);

        CosmosItemOperation replace = executedBatch().getOperations().get(0);
        assertThat(replace.getOperationType()).isEqualTo(CosmosItemOperationType.REPLACE);
        assertThat(replace.getId()).isEqualTo("u1");
        assertThat(executedBatch().getOperations()).hasSize(1); // Validating raises no event
    }

    @Test
    void aReplaceThatRaisesEventsAddsOnlyTheNewOnes() {
        CosmosBatchResponse response = batchResult(200, "\"e3\"");
        when(container.executeCosmosBatch(any(CosmosBatch.class))).thenReturn(response);
        Upload validating = upload.startValidating(Instant.now()).withEventsRaised().withEtag("\"e2\"");

        repository.replace(validating.reject(new UploadError("empty_file", "empty"), Instant.now()));

        List<CosmosItemOperation> operations = executedBatch().getOperations();
        assertThat(operations).hasSize(2);
        ObjectNode event = operations.get(1).<ObjectNode>getItem();
        assertThat(event.path("event").path("type").asText()).isEqualTo("UPLOAD_REJECTED");
        assertThat(event.path("event").path("sequence").asLong()).isEqualTo(2);
        assertThat(event.path("event").path("data").path("errorCode").asText()).isEqualTo("empty_file");
    }

    @Test
    void aDuplicateCreateIsAConflict() {
        CosmosBatchResponse response = batchResult(409, null);
        when(container.executeCosmosBatch(any(CosmosBatch.class))).thenReturn(response);

        assertThatThrownBy(() -> repository.create(upload)).isInstanceOf(ConcurrentUpdateException.class);
    }

    @Test
    void changeFeedDocumentsYieldOnlyTheOutboxEvents() {
        ObjectNode record = Json.MAPPER.valueToTree(upload);
        record.put("docType", "upload");
        ObjectNode outbox = Json.MAPPER.createObjectNode().put("docType", "outbox");
        UploadEvent requested = UploadEvents.all(upload).get(0);
        outbox.set("event", Json.MAPPER.valueToTree(requested));

        OutboxBatch batch = CosmosUploadRepository.outboxEvents(Json.MAPPER.createArrayNode().add(record).add(outbox));

        assertThat(batch.events()).containsExactly(requested);
        assertThat(batch.unreadable()).isEmpty();
    }

    @Test
    void anOutboxDocumentThatIsNotAnEventComesBackApartInsteadOfFailingTheBatch() {
        UploadEvent requested = UploadEvents.all(upload).get(0);
        ObjectNode good = Json.MAPPER.createObjectNode().put("docType", "outbox");
        good.set("event", Json.MAPPER.valueToTree(requested));
        ObjectNode bad = Json.MAPPER.createObjectNode().put("docType", "outbox").put("id", "outbox-x");
        bad.putObject("event").put("sequence", "not a number");

        OutboxBatch batch = CosmosUploadRepository.outboxEvents(Json.MAPPER.createArrayNode().add(bad).add(good));

        assertThat(batch.events()).containsExactly(requested);
        assertThat(batch.unreadable()).singleElement().satisfies(parked -> {
            assertThat(parked.document()).contains("outbox-x");
            assertThat(parked.problem()).contains("unreadable");
        });
    }

    @Test
    void findReadsOnlyFromTheTenantsPartitionAndMaps404ToEmpty() {
        ObjectNode document = Json.MAPPER.valueToTree(upload);
        document.put("_etag", "\"e7\"");
        document.put("_ts", Instant.now().getEpochSecond());
        CosmosItemResponse<JsonNode> found = mock(CosmosItemResponse.class);
        when(found.getItem()).thenReturn(document);
        when(container.readItem("u1", new PartitionKey("tenant-a"), JsonNode.class)).thenReturn(found);
        CosmosException notFound = cosmosError(404);
        when(container.readItem("u1", new PartitionKey("tenant-b"), JsonNode.class)).thenThrow(notFound);

        assertThat(repository.find("tenant-a", "u1")).get().satisfies(read -> {
            assertThat(read.etag()).contains("\"e7\"");
            assertThat(read.withEtag("x")).isEqualTo(upload.withEtag("x"));
        });
        assertThat(repository.find("tenant-b", "u1")).isEmpty();
    }

    @Test
    void otherErrorsPropagate() {
        CosmosException throttled = cosmosError(429);
        when(container.readItem("u1", new PartitionKey("tenant-a"), JsonNode.class)).thenThrow(throttled);

        assertThatThrownBy(() -> repository.find("tenant-a", "u1")).isSameAs(throttled);
    }

    private CosmosBatch executedBatch() {
        ArgumentCaptor<CosmosBatch> batch = ArgumentCaptor.forClass(CosmosBatch.class);
        verify(container).executeCosmosBatch(batch.capture());
        return batch.getValue();
    }

    /** A batch response whose first operation (the record) has {@code status}; the others fail as dependents. */
    private static CosmosBatchResponse batchResult(int status, String etag) {
        CosmosBatchResponse response = mock(CosmosBatchResponse.class);
        CosmosBatchOperationResult first = mock(CosmosBatchOperationResult.class);
        when(first.getStatusCode()).thenReturn(status);
        when(first.getETag()).thenReturn(etag);
        when(response.isSuccessStatusCode()).thenReturn(status < 300);
        when(response.getStatusCode()).thenReturn(status);
        when(response.getResults()).thenReturn(List.of(first));
        return response;
    }

    private static CosmosException cosmosError(int status) {
        CosmosException error = mock(CosmosException.class);
        when(error.getStatusCode()).thenReturn(status);
        return error;
    }
}
