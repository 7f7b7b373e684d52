// One account: the Functions host and Durable (queues, tables), uploads, media outputs and the deployment
// package. Shared-key access is off, so SAS URLs are user-delegation SAS signed with the app's identity.
param name string
param location string
param tags object
param corsAllowedOrigins array
param originalRetentionDays int

var uploadsContainer = 'uploads'
var mediaContainer = 'media'
var deploymentContainer = 'deployment'

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
    // Browsers PUT (and Put Block / Put Block List) straight to the uploads container with a SAS URL.
    cors: {
      corsRules: empty(corsAllowedOrigins) ? [] : [
        {
          allowedOrigins: corsAllowedOrigins
          allowedMethods: [ 'PUT', 'OPTIONS', 'GET', 'HEAD' ]
          allowedHeaders: [ 'content-type', 'x-ms-blob-type', 'x-ms-meta-*', 'x-ms-version', 'x-ms-client-request-id', 'x-ms-blob-content-type' ]
          exposedHeaders: [ 'etag', 'x-ms-request-id', 'x-ms-version' ]
          maxAgeInSeconds: 3600
        }
      ]
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for container in [ uploadsContainer, mediaContainer, deploymentContainer ]: {
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
          // Originals, accepted or abandoned, are only needed until outputs exist: kept a while for
          // re-processing, then deleted. Uncommitted blocks of abandoned uploads go after 7 days by themselves.
          name: 'expire-originals'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: [ 'blockBlob' ], prefixMatch: [ '${uploadsContainer}/' ] }
            actions: { baseBlob: { delete: { daysAfterModificationGreaterThan: originalRetentionDays } } }
          }
        }
        {
          // Renditions are read most in their first weeks; older ones move to the cheaper cool tier.
          name: 'cool-media-outputs'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: [ 'blockBlob' ], prefixMatch: [ '${mediaContainer}/' ] }
            actions: { baseBlob: { tierToCool: { daysAfterModificationGreaterThan: 30 } } }
          }
        }
      ]
    }
  }
}

output name string = account.name
output uploadsContainer string = uploadsContainer
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer}'
