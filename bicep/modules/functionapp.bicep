// The Function App on Flex Consumption (Linux, Java 17), running as the user-assigned identity.
// All app settings are assembled in one place below; tests/ checks them against what the code and the
// bindings read (BicepSettingsTest).
param name string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
@description('The storage account\'s blob, queue and table endpoints (from its resource properties).')
param storageEndpoints object
param deploymentContainerUrl string
param appInsightsConnectionString string
param cosmosEndpoint string
param cosmosDatabase string
param serviceBusNamespace string
param eventTopic string
param usageSubscription string
param storageSubscription string
param webhooksSubscription string
param webhookDeliveriesQueue string
param deadLetterQueue string
param duplicateDetectionMinutes int
param authIssuer string
param authAudience string
param authJwksUrl string
param authTenantClaim string
@description('The operator\'s own Entra directory: onboarded as tenant \'operator\' at its first sign-in')
param operatorDirectoryId string
@description('The Key Vault key that wraps the keys of sealed webhook secrets (URL without a version)')
param webhookSecretsKeyId string
param instanceMemoryMB int
param maximumInstanceCount int
@description('Browser origins the platform answers CORS for (the same list Blob Storage uses).')
param corsAllowedOrigins array

var appSettings = {
  // Identity-based connection of the Functions host and Durable (blob, queue, table) and of our SAS signing.
  AzureWebJobsStorage__blobServiceUri: storageEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storageEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storageEndpoints.table
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AZURE_CLIENT_ID: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // Identity-based connections: the Cosmos DB change-feed trigger and our client; the Service Bus trigger and senders.
  CosmosDb__accountEndpoint: cosmosEndpoint
  CosmosDb__credential: 'managedidentity'
  CosmosDb__clientId: identityClientId
  ServiceBusConnection__fullyQualifiedNamespace: serviceBusNamespace
  ServiceBusConnection__credential: 'managedidentity'
  ServiceBusConnection__clientId: identityClientId
  COSMOS_DATABASE: cosmosDatabase
  COSMOS_UPLOADS_CONTAINER: 'uploads'
  COSMOS_REPORTS_CONTAINER: 'reports'
  COSMOS_WEBHOOKS_CONTAINER: 'webhooks'
  COSMOS_STORAGE_CONTAINER: 'storage'
  COSMOS_LEDGERS_CONTAINER: 'ledgers'
  COSMOS_TENANTS_CONTAINER: 'tenants'
  COSMOS_LEASES_CONTAINER: 'leases'
  SERVICEBUS_TOPIC: eventTopic
  USAGE_SUBSCRIPTION: usageSubscription
  STORAGE_SUBSCRIPTION: storageSubscription
  DEADLETTER_QUEUE: deadLetterQueue
  WEBHOOKS_SUBSCRIPTION: webhooksSubscription
  WEBHOOK_DELIVERIES_QUEUE: webhookDeliveriesQueue
  // Standard Webhooks delivery: 8 attempts over about 21 h; an endpoint failing for 5 days is switched off.
  WEBHOOK_RETRY_SCHEDULE: '5s,1m,5m,30m,2h,6h,12h'
  WEBHOOK_DISABLE_AFTER: '5d'
  WEBHOOK_TIMEOUT_SECONDS: '10'
  WEBHOOK_DELIVERY_TTL_DAYS: '30'
  WEBHOOK_MAX_ENDPOINTS: '20'
  // SSRF: in Azure a webhook URL must be https to a public address; only a developer's machine allows loopback.
  WEBHOOK_ALLOW_LOOPBACK: 'false'
  WEBHOOK_ALLOWED_PORTS: '443'
  // Imports from a URL: a Storage queue of fetch slices (created by the app), https to public addresses only.
  IMPORT_QUEUE: 'source-imports'
  IMPORT_ALLOW_LOOPBACK: 'false'
  IMPORT_ALLOWED_PORTS: '443'
  WEBHOOK_SECRETS_KEY_ID: webhookSecretsKeyId
  REPORT_MAX_RANGE_DAYS: '366'
  // Longer than any redelivery: the topic's 14-day message TTL, and re-drive skips events older than 14 days.
  REPORT_IDEMPOTENCY_TTL_DAYS: '30'
  DURABLE_TASK_HUB: 'MediaTranscoding'
  UPLOADS_CONTAINER: 'uploads'
  MEDIA_CONTAINER: 'media'
  UPLOAD_MAX_BYTES: '2147483648'
  UPLOAD_ALLOWED_CONTENT_TYPES: 'video/mp4,video/quicktime,video/webm,image/jpeg,image/png,application/pdf'
  UPLOAD_URL_TTL_MINUTES: '15'
  DOWNLOAD_URL_TTL_MINUTES: '10'
  STATUS_RETRY_AFTER_SECONDS: '2'
  AUTH_ISSUER: authIssuer
  AUTH_AUDIENCE: authAudience
  AUTH_JWKS_URL: authJwksUrl
  AUTH_TENANT_CLAIM: authTenantClaim
  AUTH_TENANT_CACHE_SECONDS: '30'
  AUTH_OPERATOR_DIRECTORY: operatorDirectoryId
  AUTH_DEV_AUTO_ONBOARD: 'false'
  TRANSCODE_LADDER: '1080:5000,720:2800,480:1400,360:800'
  TRANSCODE_SEGMENT_SECONDS: '4'
  // Scale-out: one activity per chunk per rung, so Functions spreads one video over many instances.
  TRANSCODE_ENCODE_MODE: 'per-rung'
  TRANSCODE_CHUNK_SECONDS: '20'
  TRANSCODE_MAX_PARALLEL: '50'
  TENANT_MAX_ACTIVE_TRANSCODES: '3'
  INTAKE_CLAIM_LEASE_SECONDS: '600'
  TENANT_DAILY_TRANSCODE_MINUTES: '600'
  TRANSCODE_QUEUE_POLL_SECONDS: '30'
  TRANSCODE_OPTION_MAX_HEIGHT: '1080'
  TRANSCODE_OPTION_MAX_KBPS: '8000'
  TRANSCODE_STEP_TIMEOUT_MINUTES: '20'
  TRANSCODE_DEADLINE_MINUTES: '120'
  TRANSCODE_RETRY_FIRST_SECONDS: '5'
  // Each ffmpeg run gets the instance's cores divided by this (host.json maxConcurrentActivityFunctions), so two
  // encodes on a 2-vCPU instance do not fight over the cores.
  FFMPEG_CONCURRENT_RUNS: '2'
  // A probe reads an index and a few packets through the loopback endpoint: seconds, even for hours of video.
  PROBE_TIMEOUT_SECONDS: '60'
  // Source limits, checked at intake: what one upload may cost (docs/configuration.md gives each default's reason).
  MAX_VIDEO_SECONDS: '14400'
  MAX_VIDEO_WIDTH: '4096'
  MAX_VIDEO_HEIGHT: '4096'
  MAX_VIDEO_PIXELS: '9437184'
  MAX_VIDEO_FRAME_RATE: '120'
  MAX_TRANSCODE_CHUNKS: '1800'
  // Every 10 min: the upload SAS lives 15 min plus 15 min grace, so an abandoned upload is expired within
  // 40 min; checking more often finds nothing new. NCRONTAB: second minute hour day month weekday.
  EXPIRE_UPLOADS_SCHEDULE: '0 */10 * * * *'
  UPLOAD_EXPIRY_GRACE_MINUTES: '15'
  // Every 5 min: a lost orchestration is the only thing that can leave an upload Processing, and callers
  // polling it deserve an answer within minutes; a longer period only delays that answer.
  TRANSCODE_WATCHDOG_SCHEDULE: '0 */5 * * * *'
  WATCHDOG_MIN_AGE_MINUTES: '10'
  // Every 30 min: intake deletes inbox blobs within seconds; this only catches a lost notification or a crash
  // between promotion and delete, so an orphan lives at most the SAS lifetime + margin + 30 min.
  SWEEP_INBOX_SCHEDULE: '0 */30 * * * *'
  INBOX_SWEEP_MARGIN_MINUTES: '60'
  JOB_BATCH_SIZE: '200'
  // Hourly: lost events are rare and the aggregator is exactly-once, so reports drift rarely; an hour bounds how
  // long a drift can show, and each run re-reads RECONCILE_DAYS of upload records, which is not free.
  RECONCILE_REPORTS_SCHEDULE: '0 15 * * * *'
  RECONCILE_DAYS: '3'
  RECONCILE_TENANTS_PER_RUN: '50'
  // Every 15 min: a dead letter waits out the duplicate-detection window anyway (60 min), so a shorter period
  // would only find messages that must still wait.
  // Every 10 min: a webhook attempt lost for good is rare (poison after an outage); 15 min overdue finds it.
  WEBHOOK_WATCHDOG_SCHEDULE: '0 */10 * * * *'
  REDRIVE_DEAD_LETTERS_SCHEDULE: '0 */15 * * * *'
  REDRIVE_MAX_ATTEMPTS: '3'
  REDRIVE_MAX_AGE_DAYS: '14'
  DUPLICATE_DETECTION_MINUTES: string(duplicateDetectionMinutes)
  // The Azurite twins of RelayOutbox, UsageAggregator, StorageAggregator, WebhookDispatcher and WebhookSender, for `func start` without Cosmos DB or Service Bus: off
  // here, where the change feed and the Service Bus subscription drive the real ones.
  LOCAL_BUS_PREFIX: 'local'
  LOCAL_OUTBOX_RELAY_SCHEDULE: '*/5 * * * * *'
  'AzureWebJobs.RelayOutboxTimer.Disabled': 'true'
  'AzureWebJobs.UsageAggregatorQueue.Disabled': 'true'
  'AzureWebJobs.StorageAggregatorQueue.Disabled': 'true'
  'AzureWebJobs.WebhookDispatcherQueue.Disabled': 'true'
  'AzureWebJobs.WebhookSenderQueue.Disabled': 'true'
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // The platform answers preflights and adds the CORS headers; the app code does the same only locally.
      cors: { allowedOrigins: corsAllowedOrigins, supportCredentials: false }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: { name: 'java', version: '17' }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostName}'
