package com.contoso.media.tables;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
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

    /** {@code PartitionKey eq '<key>'}, quoted for OData. */
    public static String inPartition(String partitionKey) {
        return "PartitionKey eq '" + partitionKey.replace("'", "''") + "'";
    }

    /** Row keys that start with {@code prefix} (which ends in {@code |}): the range up to the next character. */
    public static String ofKind(String prefix) {
        return "RowKey ge '" + prefix + "' and RowKey lt '" + prefix.substring(0, prefix.length() - 1) + "}'";
    }
}
