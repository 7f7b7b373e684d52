// One account: the Functions host and Durable (queues, tables), uploads, media outputs and the deployment
// package. Shared-key access is off, so SAS URLs are user-delegation SAS signed with the app's identity.
param name string
param location string
param tags object
param corsAllowedOrigins array
@description('Days after which the lifecycle policy deletes whatever is still in the inbox (a safety net: intake and the SweepInbox job empty it within minutes).')
@minValue(1)
@maxValue(2)
param inboxRetentionDays int
@description('Days after which library blobs (originals and outputs) move to the cool tier.')
param mediaCoolAfterDays int
@description('Days after which promoted originals move to the archive tier (reading one then needs rehydration first).')
param originalArchiveAfterDays int

var uploadsContainer = 'uploads'
var mediaContainer = 'media'
var deploymentContainer = 'deployment'
// Event Grid writes here what it could not deliver to UploadIntake (after 24 h, or a 400/403/413 answer).
var eventGridDeadLetterContainer = 'eventgrid-deadletter'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    // Browsers PUT (and Put Block / Put Block List) straight to the inbox with a SAS URL, and read the library
    // (playlists, segments, previews) with read SAS URLs.
    cors: {
      corsRules: empty(corsAllowedOrigins) ? [] : [
        {
          allowedOrigins: corsAllowedOrigins
          allowedMethods: [ 'PUT', 'OPTIONS', 'GET', 'HEAD' ]
          // @azure/storage-blob in a browser sends x-ms-version, x-ms-client-request-id, x-ms-useragent,
          // x-ms-blob-type, x-ms-blob-content-type and x-ms-meta-*; players send range.
          allowedHeaders: [ 'content-type', 'content-length', 'range', 'x-ms-*' ]
          exposedHeaders: [ 'etag', 'content-type', 'content-length', 'content-range', 'content-disposition', 'x-ms-*' ]
          maxAgeInSeconds: 3600
        }
      ]
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for container in [ uploadsContainer, mediaContainer, deploymentContainer, eventGridDeadLetterContainer ]: {
  parent: blobs
  name: container
  properties: { publicAccess: 'None' }
}]

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          // The inbox is short-lived: intake promotes or deletes every blob within seconds and SweepInbox catches
          // what a lost notification leaves. This rule is the last net; it never touches the library.
          name: 'inbox-safety-net'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: [ 'blockBlob' ], prefixMatch: [ '${uploadsContainer}/' ] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: inboxRetentionDays } } }
          }
        }
        {
          // Renditions and thumbnails are read most in their first weeks; older ones move to the cheaper cool tier.
          name: 'cool-media'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: [ 'blockBlob' ], prefixMatch: [ '${mediaContainer}/' ] }
            actions: { baseBlob: { tierToCool: { daysAfterModificationGreaterThan: mediaCoolAfterDays } } }
          }
        }
        {
          // Originals (tagged kind=original by intake) are kept for as long as their upload exists, in archive
          // once they are old; only DELETE /api/uploads/{id} removes them. No rule ever deletes from media.
          name: 'archive-originals'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [ 'blockBlob' ]
              prefixMatch: [ '${mediaContainer}/' ]
              blobIndexMatch: [ { name: 'kind', op: '==', value: 'original' } ]
            }
            actions: { baseBlob: { tierToArchive: { daysAfterModificationGreaterThan: originalArchiveAfterDays } } }
          }
        }
      ]
    }
  }
}

output name string = account.name
output uploadsContainer string = uploadsContainer
output eventGridDeadLetterContainer string = eventGridDeadLetterContainer
// The account's own endpoints, not assembled from a public-cloud suffix.
output endpoints object = {
  blob: account.properties.primaryEndpoints.blob
  queue: account.properties.primaryEndpoints.queue
  table: account.properties.primaryEndpoints.table
}
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer}'
