package com.contoso.media.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.models.CosmosChangeFeedRequestOptions;
import com.azure.cosmos.models.FeedRange;
import com.contoso.media.blobs.BlobRef;
import com.contoso.media.events.EventType;
import com.contoso.media.events.OutboxBatch;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.json.Json;
import com.contoso.media.uploads.CosmosUploadRepository;
import com.contoso.media.uploads.Upload;
import com.contoso.media.usagereport.CosmosReportStore;
import com.contoso.media.usagereport.UsageCounters;
import com.contoso.media.usagereport.UsageFold;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * What the Cosmos adapters rely on beyond their ports' contracts: the container's time to live, and the change
 * feed that carries outbox documents to the Functions trigger.
 */
@EnabledIfEnvironmentVariable(named = "CONTRACT_COSMOS_ENDPOINT", matches = ".+")
class CosmosContainerBehaviourTest {

    private final String tenant = "contract-" + UUID.randomUUID();

    @Test
    void anIdempotencyRecordIsForgottenOnceItsTimeToLiveHasPassed() throws InterruptedException {
        CosmosReportStore store = new CosmosReportStore(
                ContractCosmos.withContainer("reports").getContainer("reports"), Duration.ofSeconds(3));
        store.applyOnce(new UsageFold(tenant, LocalDate.parse("2026-11-20"), "e1",
                new UsageCounters(1, 100, 0, 0, 0, 0, 0), Instant.parse("2026-11-20T10:00:00Z")));
        assertThat(store.wasApplied(tenant, "e1")).isTrue();

        // TTL counts from _ts, which is whole seconds (so 3 s leave at least 2 for the read above); Cosmos hides
        // an expired item from reads at once, before its background deletion.
        Instant giveUp = Instant.now().plusSeconds(30);
        while (store.wasApplied(tenant, "e1") && Instant.now().isBefore(giveUp)) {
            Thread.sleep(250);
        }
        assertThat(store.wasApplied(tenant, "e1")).isFalse();
    }

    @Test
    void outboxDocumentsReachTheChangeFeedInTheShapeTheTriggerReads() {
        assumeFalse(ContractCosmos.local(), "the local Cosmos-compatible server has no change feed; runs against an account");
        CosmosContainer container = ContractCosmos.withContainer("uploads").getContainer("uploads");
        CosmosUploadRepository repository = new CosmosUploadRepository(container);
        Instant now = Instant.now();
        Upload created = repository.create(Upload.awaitingUpload(UUID.randomUUID().toString(), tenant, "f.png",
                "image/png", 8, new BlobRef("uploads", tenant + "/c/f.png"), "c", now, now.plusSeconds(900)));

        ArrayNode batch = Json.MAPPER.createArrayNode();
        container.queryChangeFeed(CosmosChangeFeedRequestOptions.createForProcessingFromBeginning(FeedRange.forFullRange()),
                JsonNode.class).forEach(batch::add);
        OutboxBatch events = CosmosUploadRepository.outboxEvents(batch);

        assertThat(events.unreadable()).isEmpty();
        assertThat(events.events()).filteredOn(e -> e.uploadId().equals(created.id()))
                .extracting(UploadEvent::type).containsExactly(EventType.UPLOAD_REQUESTED);
    }
}
