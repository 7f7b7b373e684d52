package com.contoso.media.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.implementation.RequestOptions;
import com.azure.cosmos.implementation.batch.ItemBatchOperation;
import com.azure.cosmos.models.CosmosBatch;
import com.azure.cosmos.models.CosmosBatchOperationResult;
import com.azure.cosmos.models.CosmosBatchResponse;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.CosmosItemOperationType;
import com.azure.cosmos.models.PartitionKey;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class CosmosReportStoreTest {

    private static final UsageFold FOLD = new UsageFold("tenant-a", LocalDate.parse("2026-11-23"), "e1",
            new UsageCounters(1, 500, 0, 0, 0, 0, 0), Instant.parse("2026-11-23T08:00:00Z"));

    private final CosmosContainer container = mock(CosmosContainer.class);
    private final CosmosReportStore store = new CosmosReportStore(container, Duration.ofDays(30));

    @Test
    void applyingAnEventIsOneBatchInTheTenantsPartitionCreatingTheRecordAndPatchingTheDay() {
        CosmosBatchResponse ok = response(200, 201, 200);
        when(container.executeCosmosBatch(any(CosmosBatch.class))).thenReturn(ok);

        assertThat(store.applyOnce(FOLD)).isTrue();

        CosmosBatch batch = executed(1).get(0);
        assertThat(batch.getPartitionKeyValue()).isEqualTo(new PartitionKey("tenant-a"));
        List<CosmosItemOperation> operations = batch.getOperations();
        assertThat(operations).extracting(CosmosItemOperation::getOperationType)
                .containsExactly(CosmosItemOperationType.CREATE, CosmosItemOperationType.PATCH);
        ObjectNode record = operations.get(0).getItem();
        assertThat(record.get("id").asText()).isEqualTo("applied-e1");
        assertThat(record.get("tenantId").asText()).isEqualTo("tenant-a");
        assertThat(record.get("ttl").asLong()).isEqualTo(Duration.ofDays(30).toSeconds());
        assertThat(operations.get(1).getId()).isEqualTo("usage-2026-11-23");
        assertThat(filterOf(operations.get(1))).isEqualTo("FROM c WHERE c.asOfMillis < " + FOLD.eventTime().toEpochMilli());
    }

    @Test
    void aConflictOnTheRecordMeansAlreadyAppliedAndNothingElseIsTried() {
        CosmosBatchResponse conflict = response(409, 409, 424);
        when(container.executeCosmosBatch(any(CosmosBatch.class))).thenReturn(conflict);

        assertThat(store.applyOnce(FOLD)).isFalse();
        executed(1);
    }

    @Test
    void theFirstEventOfADayCreatesTheDayDocumentInASecondBatch() {
        CosmosBatchResponse missingDay = response(404, 424, 404);
        CosmosBatchResponse created = response(200, 201, 201);
        when(container.executeCosmosBatch(any(CosmosBatch.class))).thenReturn(missingDay, created);

        assertThat(store.applyOnce(FOLD)).isTrue();

        CosmosBatch second = executed(2).get(1);
        assertThat(second.getOperations()).extracting(CosmosItemOperation::getOperationType)
                .containsExactly(CosmosItemOperationType.CREATE, CosmosItemOperationType.CREATE);
        ObjectNode day = second.getOperations().get(1).getItem();
        assertThat(day.get("id").asText()).isEqualTo("usage-2026-11-23");
        assertThat(day.get("uploadedBytes").asLong()).isEqualTo(500);
        assertThat(day.get("asOfMillis").asLong()).isEqualTo(FOLD.eventTime().toEpochMilli());
    }

    @Test
    void anEventOlderThanTheDaysAsOfIsCountedWithoutTouchingAsOf() {
        CosmosBatchResponse newerAsOf = response(412, 424, 412);
        CosmosBatchResponse ok = response(200, 201, 200);
        when(container.executeCosmosBatch(any(CosmosBatch.class))).thenReturn(newerAsOf, ok);

        assertThat(store.applyOnce(FOLD)).isTrue();

        CosmosItemOperation retried = executed(2).get(1).getOperations().get(1);
        assertThat(retried.getOperationType()).isEqualTo(CosmosItemOperationType.PATCH);
        assertThat(filterOf(retried)).isNull();
    }

    @Test
    void twoConsumersCreatingTheSameDayRaceAndTheLoserPatches() {
        CosmosBatchResponse missingDay = response(404, 424, 404);
        CosmosBatchResponse lostCreate = response(409, 424, 409);
        CosmosBatchResponse ok = response(200, 201, 200);
        when(container.executeCosmosBatch(any(CosmosBatch.class))).thenReturn(missingDay, lostCreate, ok);

        assertThat(store.applyOnce(FOLD)).isTrue();
        executed(3);
    }

    /** The patch's filter predicate; only the SDK's implementation type exposes an operation's options. */
    private static String filterOf(CosmosItemOperation operation) {
        RequestOptions options = ((ItemBatchOperation<?>) operation).getRequestOptions();
        return options == null ? null : options.getFilterPredicate();
    }

    private List<CosmosBatch> executed(int times) {
        ArgumentCaptor<CosmosBatch> batches = ArgumentCaptor.forClass(CosmosBatch.class);
        verify(container, times(times)).executeCosmosBatch(batches.capture());
        return batches.getAllValues();
    }

    /** A batch response: overall status, then each operation's status in order. */
    private static CosmosBatchResponse response(int status, int... operations) {
        CosmosBatchResponse response = mock(CosmosBatchResponse.class);
        List<CosmosBatchOperationResult> results = Arrays.stream(operations).mapToObj(code -> {
            CosmosBatchOperationResult result = mock(CosmosBatchOperationResult.class);
            when(result.getStatusCode()).thenReturn(code);
            return result;
        }).toList();
        when(response.getStatusCode()).thenReturn(status);
        when(response.isSuccessStatusCode()).thenReturn(status < 300);
        when(response.getResults()).thenReturn(results);
        return response;
    }
}
