package com.contoso.media.usagereport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosBatch;
import com.azure.cosmos.models.CosmosBatchOperationResult;
import com.azure.cosmos.models.CosmosBatchResponse;
import com.azure.cosmos.models.CosmosItemOperation;
import com.azure.cosmos.models.CosmosItemOperationType;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlQuerySpec;
import com.azure.cosmos.util.CosmosPagedIterable;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

@SuppressWarnings("unchecked")
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
        assertThat(record.get("eventTimeMillis").asLong()).isEqualTo(FOLD.eventTime().toEpochMilli());
        assertThat(operations.get(1).getId()).isEqualTo("usage-2026-11-23");
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

    @Test
    void theNewestFoldedEventIsOneTopOneQueryInTheTenantsPartition() {
        CosmosPagedIterable<Long> newest = mock(CosmosPagedIterable.class);
        when(newest.stream()).thenReturn(Stream.of(FOLD.eventTime().toEpochMilli()));
        when(container.queryItems(any(SqlQuerySpec.class), any(CosmosQueryRequestOptions.class), eq(Long.class)))
                .thenReturn(newest);

        assertThat(store.newestFolded("tenant-a")).contains(FOLD.eventTime());

        ArgumentCaptor<SqlQuerySpec> query = ArgumentCaptor.forClass(SqlQuerySpec.class);
        ArgumentCaptor<CosmosQueryRequestOptions> options = ArgumentCaptor.forClass(CosmosQueryRequestOptions.class);
        verify(container).queryItems(query.capture(), options.capture(), eq(Long.class));
        assertThat(query.getValue().getQueryText()).startsWith("SELECT TOP 1 VALUE c.eventTimeMillis")
                .contains("ORDER BY c.eventTimeMillis DESC");
        assertThat(options.getValue().getPartitionKey()).isEqualTo(new PartitionKey("tenant-a"));
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
