package com.contoso.media.tables;

import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.contoso.media.consistency.OptimisticUpdate;
import com.contoso.media.json.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the Table storage adapters share: point reads that answer "absent" for a 404, several rows of a partition
 * in one query, and the OData filters that
 * select one partition or one kind of row (rows of a kind share a row-key prefix ending in {@code |}).
 */
public final class TableRows {

    private TableRows() {
    }

    public static Optional<TableEntity> find(TableClient table, String partitionKey, String rowKey) {
        try {
            return Optional.of(table.getEntity(partitionKey, rowKey));
        } catch (TableServiceException e) {
            if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The rows with these row keys in one partition, by row key, in one query: what a transaction is about to
     * write, read in one round trip instead of a point read each.
     */
    public static Map<String, TableEntity> findAll(TableClient table, String partitionKey, List<String> rowKeys) {
        String filter = inPartition(partitionKey) + " and (" + rowKeys.stream()
                .map(key -> "RowKey eq '" + key.replace("'", "''") + "'").collect(Collectors.joining(" or ")) + ")";
        Map<String, TableEntity> rows = new HashMap<>();
        table.listEntities(new ListEntitiesOptions().setFilter(filter), null, null)
                .forEach(row -> rows.put(row.getRowKey(), row));
        return rows;
    }

    /** The JSON value of one row, with the row's ETag. */
    public static <T> Optional<OptimisticUpdate.Stored<T>> findJson(TableClient table, String partitionKey,
                                                                   String rowKey, Class<T> type) {
        return find(table, partitionKey, rowKey).map(row ->
                new OptimisticUpdate.Stored<>(Json.read((String) row.getProperty("json"), type), row.getETag()));
    }

    /**
     * Writes {@code value} as JSON into one row if the stored row is still {@code ifMatch} (empty: if there is none
     * yet): what the single-document stores (a ledger, a roster, the tenant registry) do. False when another
     * writer got there first.
     */
    public static boolean writeJsonIfMatch(TableClient table, String partitionKey, String rowKey, Object value,
                                           Optional<String> ifMatch) {
        TableEntity row = new TableEntity(partitionKey, rowKey).addProperty("json", Json.write(value));
        try {
            if (ifMatch.isEmpty()) {
                table.createEntity(row);
            } else {
                row.addProperty("odata.etag", ifMatch.get());
                table.updateEntityWithResponse(row, TableEntityUpdateMode.REPLACE, true, null, Context.NONE);
            }
            return true;
        } catch (TableServiceException e) {
            return lostRace(e);
        }
    }

    /**
     * False for a conditional write that another writer beat (409: inserted first; 412: changed since it was read;
     * 404: removed meanwhile); any other failure is rethrown.
     */
    public static boolean lostRace(TableServiceException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
        if (status == 409 || status == 412 || status == 404) {
            return false;
        }
        throw e;
    }

    /** {@code PartitionKey eq '<key>'}, quoted for OData. */
    public static String inPartition(String partitionKey) {
        return "PartitionKey eq '" + partitionKey.replace("'", "''") + "'";
    }

    /** Row keys that start with {@code prefix} (which ends in {@code |}): the range up to the next character. */
    public static String ofKind(String prefix) {
        return "RowKey ge '" + prefix + "' and RowKey lt '" + prefix.substring(0, prefix.length() - 1) + "}'";
    }
}
