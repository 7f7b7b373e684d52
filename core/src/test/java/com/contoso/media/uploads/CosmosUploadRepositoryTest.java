package com.contoso.media.uploads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosItemRequestOptions;
import com.azure.cosmos.models.CosmosItemResponse;
import com.azure.cosmos.models.PartitionKey;
import com.contoso.media.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

@SuppressWarnings("unchecked")
class CosmosUploadRepositoryTest {

    private final CosmosContainer container = mock(CosmosContainer.class);
    private final CosmosUploadRepository repository = new CosmosUploadRepository(container);
    private final Upload upload = UploadTest.awaiting("tenant-a", "u1", "a.png", "image/png", 8);

    @Test
    void createWritesTheRecordInTheTenantsPartitionAndKeepsTheEtag() {
        CosmosItemResponse<ObjectNode> created = mock(CosmosItemResponse.class);
        when(created.getETag()).thenReturn("\"e1\"");
        when(container.createItem(any(ObjectNode.class), any(PartitionKey.class), any(CosmosItemRequestOptions.class)))
                .thenReturn(created);

        Upload stored = repository.create(upload);

        ArgumentCaptor<ObjectNode> document = ArgumentCaptor.forClass(ObjectNode.class);
        verify(container).createItem(document.capture(), eq(new PartitionKey("tenant-a")), any(CosmosItemRequestOptions.class));
        assertThat(document.getValue().get("id").asText()).isEqualTo("u1");
        assertThat(document.getValue().get("tenantId").asText()).isEqualTo("tenant-a");
        assertThat(document.getValue().get("status").asText()).isEqualTo("AwaitingUpload");
        assertThat(document.getValue().has("_etag")).isFalse();
        assertThat(stored.etag()).contains("\"e1\"");
    }

    @Test
    void replaceIsConditionalOnTheEtagAndA412IsAConcurrentUpdate() {
        CosmosException preconditionFailed = cosmosError(412);
        when(container.replaceItem(any(ObjectNode.class), eq("u1"), eq(new PartitionKey("tenant-a")),
                any(CosmosItemRequestOptions.class))).thenThrow(preconditionFailed);

        assertThatThrownBy(() -> repository.replace(upload.withEtag("\"e1\"")))
                .isInstanceOf(ConcurrentUpdateException.class);

        ArgumentCaptor<CosmosItemRequestOptions> options = ArgumentCaptor.forClass(CosmosItemRequestOptions.class);
        verify(container).replaceItem(any(ObjectNode.class), eq("u1"), eq(new PartitionKey("tenant-a")), options.capture());
        assertThat(options.getValue().getIfMatchETag()).isEqualTo("\"e1\"");
    }

    @Test
    void aDuplicateCreateIsAConflict() {
        CosmosException conflict = cosmosError(409);
        when(container.createItem(any(ObjectNode.class), any(PartitionKey.class), any(CosmosItemRequestOptions.class)))
                .thenThrow(conflict);

        assertThatThrownBy(() -> repository.create(upload)).isInstanceOf(ConcurrentUpdateException.class);
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

    private static CosmosException cosmosError(int status) {
        CosmosException error = mock(CosmosException.class);
        when(error.getStatusCode()).thenReturn(status);
        return error;
    }
}
