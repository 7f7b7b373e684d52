package com.contoso.media.storagereport;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import com.contoso.media.json.Json;
import com.contoso.media.tables.TableRows;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The storage report in Table storage (Azurite locally), the same contract as the Cosmos DB store. One partition
 * per tenant: {@code upload|<id>} (the latest version applied, its facts as JSON), {@code day|<yyyy-MM-dd>} (the
 * day's counters, {@link DayDelta#fields()}), and {@code summary} (the newest event time). A transition is one
 * query for the rows it touches and one entity-group transaction conditional on their ETags; a transaction that
 * lost a race on a day or the summary is retried on fresh rows, one that lost it on the upload's state is not.
 */
public final class TableStorageReportStore implements StorageReportStore {

    private static final String UPLOAD = "upload|";
    private static final String DAY = "day|";
    private static final String SUMMARY = "summary";
    private static final String NEWEST = "newestMillis";
    private static final int MAX_ATTEMPTS = 16;

    private final TableClient table;

    public TableStorageReportStore(TableClient table) {
        this.table = table;
    }

    @Override
    public Optional<UploadStorage> find(String tenantId, String uploadId) {
        return TableRows.find(table, tenantId, UPLOAD + uploadId).map(TableStorageReportStore::toState);
    }

    @Override
    public boolean apply(StorageTransition transition) {
        String tenant = transition.tenantId();
        String stateKey = UPLOAD + transition.to().uploadId();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Map<String, TableEntity> rows = rows(tenant, stateKey, transition.days());
            long stored = Optional.ofNullable(rows.get(stateKey)).map(row -> (Long) row.getProperty("sequence"))
                    .orElse(0L);
            if (stored != transition.fromSequence()) {
                return false;
            }
            List<TableTransactionAction> actions = new ArrayList<>();
            actions.add(write(rows.get(stateKey), new TableEntity(tenant, stateKey)
                    .addProperty("sequence", transition.to().sequence())
                    .addProperty("json", Json.write(transition.to().facts()))));
            for (DayDelta delta : transition.days()) {
                TableEntity existing = rows.get(DAY + delta.day());
                DayDelta total = existing == null ? delta : toDay(existing).plus(delta);
                TableEntity row = new TableEntity(tenant, DAY + delta.day());
                total.fields().forEach(row::addProperty);
                actions.add(write(existing, row));
            }
            TableEntity summary = rows.get(SUMMARY);
            long newest = Math.max(transition.eventTime().toEpochMilli(),
                    summary == null ? 0L : (Long) summary.getProperty(NEWEST));
            actions.add(write(summary, new TableEntity(tenant, SUMMARY).addProperty(NEWEST, newest)));
            try {
                table.submitTransaction(actions);
                return true;
            } catch (TableTransactionFailedException lostRace) {
                // Another consumer wrote one of these rows first: read them again and decide again.
            }
        }
        throw new IllegalStateException("Storage report rows of " + tenant + " kept changing; gave up after "
                + MAX_ATTEMPTS + " attempts");
    }

    @Override
    public List<DayDelta> daysThrough(String tenantId, LocalDate through) {
        List<DayDelta> days = new ArrayList<>();
        table.listEntities(new ListEntitiesOptions().setFilter(TableRows.inPartition(tenantId) + " and "
                        + "RowKey ge '" + DAY + "' and RowKey le '" + DAY + through + "'"), null, null)
                .forEach(row -> days.add(toDay(row)));
        return days;
    }

    @Override
    public Optional<Instant> newestApplied(String tenantId) {
        return TableRows.find(table, tenantId, SUMMARY).map(row -> Instant.ofEpochMilli((Long) row.getProperty(NEWEST)));
    }

    /** The upload's state, the touched days and the summary, in one query. */
    private Map<String, TableEntity> rows(String tenant, String stateKey, List<DayDelta> days) {
        List<String> keys = new ArrayList<>();
        keys.add(stateKey);
        keys.add(SUMMARY);
        days.forEach(delta -> keys.add(DAY + delta.day()));
        return TableRows.findAll(table, tenant, keys);
    }

    private static TableTransactionAction write(TableEntity existing, TableEntity replacement) {
        if (existing == null) {
            return new TableTransactionAction(TableTransactionActionType.CREATE, replacement);
        }
        replacement.addProperty("odata.etag", existing.getETag());
        return new TableTransactionAction(TableTransactionActionType.UPDATE_REPLACE, replacement, true);
    }

    private static UploadStorage toState(TableEntity row) {
        String uploadId = row.getRowKey().substring(UPLOAD.length());
        return new UploadStorage(row.getPartitionKey(), uploadId, (Long) row.getProperty("sequence"),
                Json.read((String) row.getProperty("json"), StorageFacts.class));
    }

    private static DayDelta toDay(TableEntity row) {
        Map<String, Long> fields = new HashMap<>();
        row.getProperties().forEach((name, value) -> {
            if (value instanceof Long number) {
                fields.put(name, number);
            } else if (value instanceof Integer number) {
                fields.put(name, number.longValue());
            }
        });
        return DayDelta.fromFields(LocalDate.parse(row.getRowKey().substring(DAY.length())), fields);
    }
}
