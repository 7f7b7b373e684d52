package com.contoso.media.webhooks;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.contoso.media.json.Json;
import com.contoso.media.consistency.OptimisticUpdate;
import com.contoso.media.tables.TableRows;
import com.contoso.media.uploads.ConcurrentUpdateException;
import com.contoso.media.uploads.OffsetToken;
import com.contoso.media.uploads.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Webhook endpoints and deliveries in Table storage (Azurite locally), the same contract as the Cosmos DB adapter.
 * One partition per tenant; rows {@code endpoint|<id>} and {@code delivery|<id>}, each holding the item as JSON.
 * Replacing is conditional on the row's ETag. Delivery listings sort in memory: Table storage orders by row key
 * only, and this adapter serves one machine's volumes (Table storage has no time to live either; the Cosmos DB
 * adapter's records expire).
 */
public final class TableWebhookStore implements WebhookStore {

    private static final String ENDPOINT = "endpoint|";
    private static final String DELIVERY = "delivery|";
    private static final String ROSTER = "roster";

    private final TableClient table;

    public TableWebhookStore(TableClient table) {
        this.table = table;
    }

    @Override
    public WebhookEndpoint createEndpoint(WebhookEndpoint endpoint) {
        TableEntity row = row(endpoint.tenantId(), ENDPOINT + endpoint.id(), endpoint);
        if (!create(row)) {
            throw new ConcurrentUpdateException("Webhook endpoint " + endpoint.id() + " already exists");
        }
        return findEndpoint(endpoint.tenantId(), endpoint.id()).orElseThrow();
    }

    @Override
    public Optional<WebhookEndpoint> findEndpoint(String tenantId, String endpointId) {
        return TableRows.find(table, tenantId, ENDPOINT + endpointId).map(TableWebhookStore::toEndpoint);
    }

    @Override
    public List<WebhookEndpoint> endpoints(String tenantId) {
        return query(TableRows.inPartition(tenantId) + " and " + TableRows.ofKind(ENDPOINT),
                TableWebhookStore::toEndpoint).stream()
                .sorted(Comparator.comparing(WebhookEndpoint::createdAt).thenComparing(WebhookEndpoint::id)).toList();
    }

    @Override
    public WebhookEndpoint replaceEndpoint(WebhookEndpoint endpoint) {
        return replace(row(endpoint.tenantId(), ENDPOINT + endpoint.id(), endpoint), endpoint.etag(),
                "Webhook endpoint " + endpoint.id(), endpoint::withEtag);
    }

    @Override
    public Optional<OptimisticUpdate.Stored<EndpointRoster>> roster(String tenantId) {
        return TableRows.findJson(table, tenantId, ROSTER, EndpointRoster.class);
    }

    @Override
    public boolean saveRoster(EndpointRoster roster, Optional<String> ifMatch) {
        return TableRows.writeJsonIfMatch(table, roster.tenantId(), ROSTER, roster, ifMatch);
    }

    @Override
    public void deleteEndpoint(String tenantId, String endpointId) {
        try {
            table.deleteEntity(tenantId, ENDPOINT + endpointId);
        } catch (TableServiceException e) {
            if (e.getResponse() == null || e.getResponse().getStatusCode() != 404) {
                throw e;
            }
        }
    }

    @Override
    public boolean createDelivery(WebhookDelivery delivery) {
        return create(deliveryRow(delivery));
    }

    @Override
    public Optional<WebhookDelivery> findDelivery(String tenantId, String deliveryId) {
        return TableRows.find(table, tenantId, DELIVERY + deliveryId).map(TableWebhookStore::toDelivery);
    }

    @Override
    public WebhookDelivery replaceDelivery(WebhookDelivery delivery) {
        return replace(deliveryRow(delivery), delivery.etag(), "Webhook delivery " + delivery.id(), delivery::withEtag);
    }

    @Override
    public boolean earlierPending(String tenantId, String endpointId, String uploadId, long sequence) {
        String filter = TableRows.inPartition(tenantId) + " and " + TableRows.ofKind(DELIVERY) + " and endpointId eq '"
                + endpointId.replace("'", "''") + "' and uploadId eq '" + uploadId.replace("'", "''")
                + "' and status eq 'Pending' and sequence lt " + sequence + "L";
        return table.listEntities(new ListEntitiesOptions().setFilter(filter).setTop(1), null, null).iterator()
                .hasNext();
    }

    /** A scan across partitions (Azurite's volumes are one machine's); the watchdog runs it every few minutes. */
    @Override
    public List<WebhookDelivery> overdue(Instant dueBefore, int limit) {
        return query(TableRows.ofKind(DELIVERY) + " and status eq 'Pending' and nextAttemptAtMillis lt "
                + dueBefore.toEpochMilli() + "L", TableWebhookStore::toDelivery).stream()
                .sorted(Comparator.comparing(d -> d.nextAttemptAt().orElseThrow())).limit(limit).toList();
    }

    @Override
    public Page<WebhookDelivery> deliveries(String tenantId, String endpointId, int limit,
                                            Optional<String> continuationToken) {
        List<WebhookDelivery> sorted = query(TableRows.inPartition(tenantId) + " and " + TableRows.ofKind(DELIVERY)
                + " and endpointId eq '" + endpointId.replace("'", "''") + "'", TableWebhookStore::toDelivery)
                .stream().sorted(WebhookStores.NEWEST_FIRST).toList();
        return OffsetToken.page(sorted, limit, continuationToken);
    }

    private boolean create(TableEntity row) {
        try {
            table.createEntity(row);
            return true;
        } catch (TableServiceException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    private <T> T replace(TableEntity row, Optional<String> etag, String what, Function<String, T> withEtag) {
        row.addProperty("odata.etag", etag.orElseThrow(() -> new IllegalArgumentException(what + " was never read")));
        try {
            Response<Void> response = table.updateEntityWithResponse(row, TableEntityUpdateMode.REPLACE, true, null,
                    Context.NONE);
            String written = response.getHeaders().getValue(HttpHeaderName.ETAG);
            if (written == null || !written.endsWith("\"")) {
                // Azurite 3.35 answers an update with its ETag cut short (no closing quote): read the row's own.
                written = TableRows.find(table, row.getPartitionKey(), row.getRowKey()).map(TableEntity::getETag)
                        .orElseThrow(() -> new ConcurrentUpdateException(what + " was deleted meanwhile"));
            }
            return withEtag.apply(written);
        } catch (TableServiceException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            if (status == 412 || status == 404) {
                throw new ConcurrentUpdateException(what + " changed since it was read (" + status + ")");
            }
            throw e;
        }
    }

    private <T> List<T> query(String filter, Function<TableEntity, T> convert) {
        List<T> found = new ArrayList<>();
        table.listEntities(new ListEntitiesOptions().setFilter(filter), null, null)
                .forEach(entity -> found.add(convert.apply(entity)));
        return found;
    }

    /** The delivery's JSON, and the columns its queries filter on. */
    private static TableEntity deliveryRow(WebhookDelivery delivery) {
        TableEntity row = row(delivery.tenantId(), DELIVERY + delivery.id(), delivery)
                .addProperty("endpointId", delivery.endpointId())
                .addProperty("status", delivery.status().name())
                .addProperty("sequence", delivery.sequence());
        delivery.uploadId().ifPresent(upload -> row.addProperty("uploadId", upload));
        delivery.nextAttemptAt().filter(at -> delivery.status() == WebhookDelivery.Status.Pending)
                .ifPresent(at -> row.addProperty("nextAttemptAtMillis", at.toEpochMilli()));
        return row;
    }

    private static TableEntity row(String tenantId, String rowKey, Object item) {
        return new TableEntity(tenantId, rowKey).addProperty("json", Json.write(item));
    }

    private static WebhookEndpoint toEndpoint(TableEntity entity) {
        return Json.read((String) entity.getProperty("json"), WebhookEndpoint.class).withEtag(entity.getETag());
    }

    private static WebhookDelivery toDelivery(TableEntity entity) {
        return Json.read((String) entity.getProperty("json"), WebhookDelivery.class).withEtag(entity.getETag());
    }
}
