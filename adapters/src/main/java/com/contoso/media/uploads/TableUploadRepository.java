package com.contoso.media.uploads;

import com.azure.core.http.HttpHeaderName;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import com.contoso.media.events.Outbox;
import com.contoso.media.events.UploadEvent;
import com.contoso.media.json.Json;
import com.contoso.media.tables.TableRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Upload records and their outbox in Table storage (Azurite locally), the same contract as the Cosmos DB adapter.
 * One partition per tenant; the record is the row {@code upload|<id>}, each pending event the row
 * {@code outbox|<eventId>} beside it, and a write is one entity-group transaction of the two kinds, so state and
 * events cannot diverge. Replacing is conditional on the record's ETag. Listings sort in memory: Table storage
 * orders by row key only, and this adapter serves one machine's volumes.
 */
public final class TableUploadRepository implements UploadRepository, UploadScans, Outbox {

    private static final String UPLOAD = "upload|";
    private static final String OUTBOX = "outbox|";

    private static final Set<String> LOST_RACE = Set.of("EntityAlreadyExists", "UpdateConditionNotSatisfied",
            "ResourceNotFound");

    private final TableClient table;

    public TableUploadRepository(TableClient table) {
        this.table = table;
    }

    @Override
    public Upload create(UploadEvents.Raised write) {
        List<TableTransactionAction> actions = new ArrayList<>();
        actions.add(new TableTransactionAction(TableTransactionActionType.CREATE, recordEntity(write.upload())));
        return written(write, actions);
    }

    @Override
    public Upload replace(UploadEvents.Raised write) {
        Upload read = write.upload();
        TableEntity record = recordEntity(read);
        read.etag().ifPresent(etag -> record.addProperty("odata.etag", etag));
        List<TableTransactionAction> actions = new ArrayList<>();
        actions.add(new TableTransactionAction(TableTransactionActionType.UPDATE_REPLACE, record, true));
        return written(write, actions);
    }

    private Upload written(UploadEvents.Raised write, List<TableTransactionAction> actions) {
        for (UploadEvent event : write.events()) {
            actions.add(new TableTransactionAction(TableTransactionActionType.CREATE, new TableEntity(
                    event.tenantId(), OUTBOX + event.id()).addProperty("json", Json.write(event))
                    .addProperty("time", event.time().toEpochMilli())));
        }
        try {
            String etag = table.submitTransaction(actions).getTransactionActionResponses().get(0).getHeaders()
                    .getValue(HttpHeaderName.ETAG);
            if (etag != null) {
                return write.upload().withEtag(etag);
            }
            // Azurite's transaction responses carry no per-entity ETag: read the record's back.
            return find(write.upload().tenantId(), write.upload().id()).orElseThrow();
        } catch (TableTransactionFailedException e) {
            // A failed transaction reports the failing action's error code (its HTTP response is not exposed): the
            // record already exists (a create lost the race), or its ETag moved on or it vanished (a replace did).
            String code = e.getValue() == null || e.getValue().getErrorCode() == null ? ""
                    : e.getValue().getErrorCode().toString();
            if (LOST_RACE.contains(code)) {
                throw new ConcurrentUpdateException("Upload " + write.upload().id() + " changed since it was read ("
                        + code + ")");
            }
            throw e;
        }
    }

    @Override
    public Optional<Upload> find(String tenantId, String uploadId) {
        return TableRows.find(table, tenantId, UPLOAD + uploadId).map(TableUploadRepository::toUpload);
    }

    @Override
    public Page<Upload> list(String tenantId, UploadFilter filter, int limit, Optional<String> continuationToken) {
        // Status is a column; tags and the external id live in the record's JSON, so they are matched here.
        String query = TableRows.inPartition(tenantId) + " and " + TableRows.ofKind(UPLOAD)
                + filter.status().map(s -> " and status eq '" + s.name() + "'").orElse("");
        List<Upload> matching = query(query).stream().filter(filter::matches)
                .sorted(Comparator.comparing(Upload::createdAt).reversed().thenComparing(Upload::id)).toList();
        return OffsetToken.page(matching, limit, continuationToken);
    }

    @Override
    public List<Upload> findStale(UploadStatus status, Instant writtenBefore, int limit) {
        return query(TableRows.ofKind(UPLOAD) + " and status eq '" + status.name() + "' and updatedAt lt "
                + writtenBefore.toEpochMilli() + "L").stream()
                .sorted(Comparator.comparing(Upload::updatedAt)).limit(limit).toList();
    }

    @Override
    public List<String> tenantsChangedSince(Instant since) {
        return query(TableRows.ofKind(UPLOAD) + " and updatedAt ge " + since.toEpochMilli() + "L").stream()
                .map(Upload::tenantId).distinct().sorted().toList();
    }

    @Override
    public List<Upload> changedSince(String tenantId, Instant since) {
        return query(TableRows.inPartition(tenantId) + " and " + TableRows.ofKind(UPLOAD) + " and updatedAt ge " + since.toEpochMilli() + "L");
    }

    @Override
    public List<UploadEvent> pending(int limit) {
        List<UploadEvent> events = new ArrayList<>();
        table.listEntities(new ListEntitiesOptions().setFilter(TableRows.ofKind(OUTBOX)), null, null)
                .forEach(entity -> events.add(Json.read((String) entity.getProperty("json"), UploadEvent.class)));
        return events.stream().sorted(Comparator.comparing(UploadEvent::time).thenComparing(UploadEvent::sequence))
                .limit(limit).toList();
    }

    @Override
    public void remove(UploadEvent event) {
        try {
            table.deleteEntity(event.tenantId(), OUTBOX + event.id());
        } catch (TableServiceException e) {
            if (e.getResponse().getStatusCode() != 404) {
                throw e;
            }
        }
    }

    private List<Upload> query(String filter) {
        List<Upload> found = new ArrayList<>();
        table.listEntities(new ListEntitiesOptions().setFilter(filter), null, null)
                .forEach(entity -> found.add(toUpload(entity)));
        return found;
    }

    private static TableEntity recordEntity(Upload upload) {
        return new TableEntity(upload.tenantId(), UPLOAD + upload.id())
                .addProperty("json", Json.write(upload))
                .addProperty("status", upload.status().name())
                .addProperty("updatedAt", upload.updatedAt().toEpochMilli());
    }

    private static Upload toUpload(TableEntity entity) {
        return Json.read((String) entity.getProperty("json"), Upload.class).withEtag(entity.getETag());
    }

}
