// The event backbone: topic media-events (one message per upload state change, messageId = event id) with a
// subscription per projection, filtered on the tenant-free `subject` property so no body is read to route.
param name string
param location string
param tags object
@description('Duplicate-detection window of the topic and the dead-letter queue; RedriveDeadLetters waits it out.')
param duplicateDetectionMinutes int = 60

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: 'media-events'
  properties: {
    // Publishers retry; the broker drops a resend of the same event id inside this window.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT${duplicateDetectionMinutes}M'
    defaultMessageTimeToLive: 'P14D'
    supportOrdering: false
  }
}

resource usageReport 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: topic
  name: 'usage-report'
  properties: {
    maxDeliveryCount: 10
    lockDuration: 'PT1M'
    deadLetteringOnMessageExpiration: true
    deadLetteringOnFilterEvaluationExceptions: true
  }
}

resource usageReportFilter 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = {
  parent: usageReport
  name: 'usage-event-types'
  properties: {
    filterType: 'SqlFilter'
    // The event types UsageProjection.FOLDED counts (a test keeps the two lists equal).
    sqlFilter: { sqlExpression: 'sys.Label IN (\'media.upload.accepted\', \'media.upload.rejected\', \'media.transcode.succeeded\', \'media.transcode.failed\')' }
  }
}

// Every upload event, for the storage report: each one may change an upload's footprint or status.
resource storageReport 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: topic
  name: 'storage-report'
  properties: {
    maxDeliveryCount: 10
    lockDuration: 'PT1M'
    deadLetteringOnMessageExpiration: true
    deadLetteringOnFilterEvaluationExceptions: true
  }
}

resource storageReportFilter 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = {
  parent: storageReport
  name: 'upload-events'
  properties: {
    filterType: 'SqlFilter'
    sqlFilter: { sqlExpression: 'sys.Label LIKE \'media.%\'' }
  }
}

// Every upload event, for the webhook dispatcher: it fans each out to the tenant's matching endpoints.
resource webhooks 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: topic
  name: 'webhooks'
  properties: {
    maxDeliveryCount: 10
    lockDuration: 'PT1M'
    deadLetteringOnMessageExpiration: true
    deadLetteringOnFilterEvaluationExceptions: true
  }
}

resource webhooksFilter 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = {
  parent: webhooks
  name: 'upload-events'
  properties: {
    filterType: 'SqlFilter'
    sqlFilter: { sqlExpression: 'sys.Label LIKE \'media.%\'' }
  }
}

// One message per webhook attempt; a retry is a scheduled message that stays hidden until it is due (up to 12 h
// ahead, so the time to live is two days). Its id names the attempt, so a resend of the same one is dropped.
resource webhookDeliveries 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: 'webhook-deliveries'
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT${duplicateDetectionMinutes}M'
    maxDeliveryCount: 10
    // Longer than the 10 s call timeout, so a slow endpoint's attempt keeps its lock.
    lockDuration: 'PT1M'
    defaultMessageTimeToLive: 'P2D'
    deadLetteringOnMessageExpiration: true
  }
}

// Poison messages are completed and written here with their reason, since a Java trigger cannot dead-letter
// with a reason itself (azure-functions-java-worker #336); the re-drive job reads it.
resource deadLetters 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: 'media-events-deadletter'
  properties: {
    // The aggregator resends a poison message with a stable id when its batch is redelivered.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT${duplicateDetectionMinutes}M'
    maxDeliveryCount: 10
    defaultMessageTimeToLive: 'P30D'
    deadLetteringOnMessageExpiration: false
  }
}

output name string = namespace.name
output topicName string = topic.name
output usageSubscriptionName string = usageReport.name
output storageSubscriptionName string = storageReport.name
output webhooksSubscriptionName string = webhooks.name
output webhookDeliveriesQueueName string = webhookDeliveries.name
output deadLetterQueueName string = deadLetters.name
output duplicateDetectionMinutes int = duplicateDetectionMinutes
// The host name of the namespace's own endpoint (https://<name>.servicebus.<cloud suffix>:443/).
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '/')[2], ':')[0]
