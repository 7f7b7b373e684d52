package com.contoso.media.tenants;

import com.contoso.media.consistency.OptimisticUpdate.Stored;
import java.util.List;
import java.util.Optional;

/**
 * Port to the tenant registry (Cosmos DB in Azure, Table storage with Azurite, in memory in unit tests): one entry
 * per onboarded tenant, found by its directory (every request) or by its id (the operator's API). Both keys are
 * unique: an insert claims both at once or neither, so two directories can never share a tenant id (and its data).
 */
public interface TenantRegistryStore {

    /** The tenant entry of a directory, with the store's version of it. */
    Optional<Stored<Tenant>> findByDirectory(String directoryId);

    Optional<Stored<Tenant>> findById(String tenantId);

    /** Every tenant, by tenant id. */
    List<Tenant> list();

    /** Stores a new tenant under both its keys in one atomic write; false, writing nothing, if either is taken. */
    boolean insert(Tenant tenant);

    /** Replaces the tenant if its stored version is still {@code etag}; false, writing nothing, otherwise. */
    boolean replace(Tenant tenant, String etag);
}
