// Serverless Cosmos DB with key auth disabled (the app signs in with its identity, see rbac.bicep).
// Every container is partitioned by tenant, so each request stays inside one partition.
param name string
param location string
param tags object

var databaseName = 'media'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
    capabilities: [ { name: 'EnableServerless' } ]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [ { locationName: location, failoverPriority: 0, isZoneRedundant: false } ]
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: account
  name: databaseName
  properties: { resource: { id: databaseName } }
}

// uploads: upload records and their outbox entries (docType 'upload' / 'outbox'; the change feed relays the latter).
// reports: per-tenant, per-day usage documents and the aggregator's idempotency records, which expire via
// per-item ttl. defaultTtl -1 turns TTL on without expiring anything by default.
// storage: the storage report's per-upload state (docType 'storageupload') and day counters ('storageday').
// webhooks: tenants' webhook endpoints (docType 'endpoint') and delivery records (docType 'delivery', per-item ttl).
// ledgers: one document per tenant (id = tenant id): encoding slots, the queue and the day's minutes (fair use).
// tenants: the tenant registry, all in the partition 'registry': a document per directory (the tenant, its status)
// and one per tenant id (naming its directory), created together in a transactional batch.
resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [for container in [ 'uploads', 'reports', 'storage', 'webhooks', 'ledgers', 'tenants' ]: {
  parent: database
  name: container
  properties: {
    resource: {
      id: container
      partitionKey: { paths: [ '/tenantId' ], kind: 'Hash', version: 2 }
      defaultTtl: -1
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        // _ts: the scheduled jobs' cross-tenant query (status + last write, ORDER BY _ts).
        includedPaths: [ { path: '/tenantId/?' }, { path: '/docType/?' }, { path: '/status/?' }, { path: '/createdAt/?' }, { path: '/day/?' }, { path: '/eventTimeMillis/?' }, { path: '/endpointId/?' }, { path: '/uploadId/?' }, { path: '/sequence/?' }, { path: '/createdAtMillis/?' }, { path: '/eventMillis/?' }, { path: '/nextAttemptAtMillis/?' }, { path: '/_ts/?' } ]
        excludedPaths: [ { path: '/*' } ]
        compositeIndexes: [ [ { path: '/tenantId', order: 'ascending' }, { path: '/createdAt', order: 'descending' } ] ]
      }
    }
  }
}]

// The change-feed trigger's checkpoints (RelayOutbox); the Functions extension requires partition key /id.
resource leases 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'leases'
  properties: {
    resource: {
      id: 'leases'
      partitionKey: { paths: [ '/id' ], kind: 'Hash', version: 2 }
    }
  }
}

output name string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = databaseName
