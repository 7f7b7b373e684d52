// The whole system in one resource group: Function App on Flex Consumption (Java 17) with a user-assigned
// identity, Storage, Event Grid, Service Bus, Cosmos DB (serverless) and monitoring. No keys, no connection
// strings: every connection is identity-based and every role is granted in modules/rbac.bicep.
targetScope = 'resourceGroup'

@description('The azd environment name, e.g. "Media_Dev". Any letters, digits, "-", "_" or "." work: resource names are derived from it within each resource type\'s rules (see compactName).')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Region for all resources (one that offers Flex Consumption).')
param location string = resourceGroup().location

@description('Issuer every bearer token must carry (iss), e.g. https://login.microsoftonline.com/<tenant>/v2.0.')
param authIssuer string

@description('Audience every bearer token must carry (aud), e.g. api://media-backend.')
param authAudience string

@description('JWKS URL of the identity provider that signs the tokens.')
param authJwksUrl string

@description('Token claim that holds the tenant id.')
@description('E-mail address the alerts go to (ALERT_EMAIL); empty: the action group has no receiver yet.')
param alertEmail string = ''
@description('Intake rejections in 15 minutes above which an alert fires.')
param rejectionsPer15Minutes int = 20
param authTenantClaim string = 'tid'
@description('The operator\'s own Entra directory id; its media.admin users onboard the customers. Default: this deployment\'s directory.')
param operatorDirectoryId string = tenant().tenantId

@description('Browser origins, besides the web app deployed here, allowed to call the API and to PUT uploads straight to Blob Storage with a SAS URL. One list for both, so they cannot drift.')
param corsAllowedOrigins array = []

@description('Region of the web app (Static Web Apps run in a few regions only).')
@allowed(['westeurope', 'eastus2', 'centralus', 'westus2', 'eastasia'])
param webLocation string = 'westeurope'

@description('Memory per instance: ffmpeg needs room for a 1080p decode plus encoders.')
@allowed([2048, 4096])
param instanceMemoryMB int = 4096

@description('Upper bound on instances Flex Consumption may scale out to.')
param maximumInstanceCount int = 40

@description('Days before the lifecycle policy deletes leftovers in the upload inbox (a safety net; 1 or 2).')
param inboxRetentionDays int = 1

@description('Days before library blobs (originals and outputs) move to the cool tier.')
param mediaCoolAfterDays int = 30

@description('Days before promoted originals move to the archive tier; they are never deleted while their upload exists.')
param originalArchiveAfterDays int = 365

@description('Create the Event Grid subscription that feeds UploadIntake. Needs the code deployed first (azd does this in its postdeploy hook).')
param deployEventSubscription bool = false

var suffix = uniqueString(subscription().id, resourceGroup().id, environmentName)
// Lower case letters and digits only: valid in every resource name here (storage and Cosmos DB allow nothing else),
// and cut per resource type so that each name stays within its length limit with the unique suffix kept whole.
var compactName = toLower(replace(replace(replace(environmentName, '-', ''), '_', ''), '.', ''))
var tags = { 'azd-env-name': environmentName, workload: 'media-backend' }

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: { name: 'id-${take(compactName, 40)}-${suffix}', location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: { environmentName: take(compactName, 40), suffix: suffix, location: location, tags: tags }
}

module web 'modules/webapp.bicep' = {
  name: 'webapp'
  params: { name: 'stapp-${take(compactName, 20)}-${suffix}', location: webLocation, tags: tags }
}

// The API and Blob Storage accept the same browser origins: the deployed web app's and the ones configured.
var browserOrigins = union(corsAllowedOrigins, [ web.outputs.origin ])

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'st${take(compactName, 9)}${suffix}'
    location: location
    tags: tags
    corsAllowedOrigins: browserOrigins
    inboxRetentionDays: inboxRetentionDays
    mediaCoolAfterDays: mediaCoolAfterDays
    originalArchiveAfterDays: originalArchiveAfterDays
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: { name: 'sb-${take(compactName, 30)}-${suffix}', location: location, tags: tags }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: { name: 'cosmos-${take(compactName, 23)}-${suffix}', location: location, tags: tags }
}

// Name: 'kv' + 8 + the 13-character suffix = 23, within Key Vault's 24, letters and digits only.
module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: 'kv${take(compactName, 8)}${suffix}'
    location: location
    tags: tags
    principalId: identity.outputs.principalId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  // The app starts as soon as it exists; without its roles its first triggers would fail on authorization.
  dependsOn: [ rbac, keyVault ]
  params: {
    // 'func-' + 35 + '-' + 13 = 54; its plan, 'plan-' + that, stays within the plan limit of 60.
    name: 'func-${take(compactName, 35)}-${suffix}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageEndpoints: storage.outputs.endpoints
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabase: cosmos.outputs.databaseName
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    eventTopic: serviceBus.outputs.topicName
    usageSubscription: serviceBus.outputs.usageSubscriptionName
    storageSubscription: serviceBus.outputs.storageSubscriptionName
    webhooksSubscription: serviceBus.outputs.webhooksSubscriptionName
    webhookDeliveriesQueue: serviceBus.outputs.webhookDeliveriesQueueName
    deadLetterQueue: serviceBus.outputs.deadLetterQueueName
    duplicateDetectionMinutes: serviceBus.outputs.duplicateDetectionMinutes
    authIssuer: authIssuer
    authAudience: authAudience
    authJwksUrl: authJwksUrl
    authTenantClaim: authTenantClaim
    operatorDirectoryId: operatorDirectoryId
    webhookSecretsKeyId: keyVault.outputs.keyId
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    corsAllowedOrigins: browserOrigins
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    serviceBusName: serviceBus.outputs.name
    cosmosAccountName: cosmos.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

var eventGridTopicName = 'evgt-${take(compactName, 40)}-${suffix}'

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    name: take(compactName, 40)
    location: location
    tags: tags
    alertEmail: alertEmail
    rejectionsPer15Minutes: rejectionsPer15Minutes
    serviceBusName: serviceBus.outputs.name
    deadLetterQueueName: serviceBus.outputs.deadLetterQueueName
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

module uploadEvents 'modules/eventgrid.bicep' = if (deployEventSubscription) {
  name: 'eventgrid'
  params: {
    actionGroupId: alerts.outputs.actionGroupId
    name: eventGridTopicName
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    functionAppName: functionApp.outputs.name
    uploadsContainer: storage.outputs.uploadsContainer
    deadLetterContainer: storage.outputs.eventGridDeadLetterContainer
  }
}

output AZURE_RESOURCE_GROUP string = resourceGroup().name
output AZURE_ALERTS_ACTION_GROUP_ID string = alerts.outputs.actionGroupId
output AZURE_LOCATION string = location
output EVENTGRID_TOPIC_NAME string = eventGridTopicName
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.url
output API_BASE_URL string = '${functionApp.outputs.url}/api'
output WEB_URL string = web.outputs.origin
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_SERVICEBUS_NAMESPACE string = serviceBus.outputs.name
output AZURE_COSMOS_ACCOUNT_NAME string = cosmos.outputs.name
output AZURE_COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.appInsightsName
