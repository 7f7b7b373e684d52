package com.contoso.media.cosmos;

import com.azure.cosmos.CosmosContainer;
import com.azure.cosmos.CosmosException;
import com.azure.cosmos.models.CosmosQueryRequestOptions;
import com.azure.cosmos.models.FeedResponse;
import com.azure.cosmos.models.PartitionKey;
import com.azure.cosmos.models.SqlQuerySpec;
import com.contoso.media.uploads.InvalidContinuationTokenException;
import com.contoso.media.uploads.Page;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One page of a query in one tenant's partition, with Cosmos DB's own continuation token. */
public final class CosmosPages {

    private CosmosPages() {
    }

    /** A token the SDK cannot parse, or the service refuses, is an {@link InvalidContinuationTokenException}. */
    public static <T> Page<T> page(CosmosContainer container, SqlQuerySpec query, String tenantId, int limit,
                                   Optional<String> continuationToken, Function<JsonNode, T> convert) {
        CosmosQueryRequestOptions options = new CosmosQueryRequestOptions().setPartitionKey(new PartitionKey(tenantId));
        FeedResponse<JsonNode> page;
        try {
            Iterator<FeedResponse<JsonNode>> pages = container.queryItems(query, options, JsonNode.class)
                    .iterableByPage(continuationToken.orElse(null), limit).iterator();
            if (!pages.hasNext()) {
                return new Page<>(List.of(), Optional.empty());
            }
            page = pages.next();
        } catch (IllegalArgumentException | IllegalStateException e) {
            // The SDK parses the token before it sends anything and refuses a malformed one this way.
            throw new InvalidContinuationTokenException(continuationToken.orElse(""), e);
        } catch (CosmosException e) {
            if (e.getStatusCode() == 400 && continuationToken.isPresent()) {
                throw new InvalidContinuationTokenException(continuationToken.get(), e);
            }
            throw e;
        }
        return new Page<>(page.getResults().stream().map(convert).toList(),
                Optional.ofNullable(page.getContinuationToken()));
    }
}
