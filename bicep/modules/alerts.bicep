// Alerts on what needs a person, sent to one action group whose e-mail is a parameter: messages dead-lettered on
// Service Bus (the subscriptions' dead-letter sub-queues and the project's own dead-letter queue), transcodes that
// failed, webhook endpoints switched off for failing, and intake rejecting uploads faster than usual. Dead-lettered
// Event Grid events are alerted on in eventgrid.bicep, where the system topic is. The log alerts match lines the
// app writes (docs/operations.md lists them, with the KQL).
param name string
param location string
param tags object
@description('Where the alerts go; empty: the action group has no receiver yet (add one in the portal)')
param alertEmail string
@description('Intake rejections in 15 minutes above which someone should look (a client sending bad files)')
param rejectionsPer15Minutes int
param serviceBusName string
param deadLetterQueueName string
param appInsightsName string

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${name}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'media-ops'
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : [
      { name: 'operator', emailAddress: alertEmail, useCommonAlertSchema: true }
    ]
  }
}

var serviceBusAlerts = [
  {
    name: 'dead-lettered'
    description: 'A subscription dead-lettered a message: an aggregator or the webhook dispatcher gave up on it (RedriveDeadLetters moves it back once fixed).'
    metric: 'DeadletteredMessages'
    entities: [ '*' ]
  }
  {
    name: 'poison-messages'
    description: 'The project dead-letter queue holds a message: a poison message, with its reason in its properties.'
    metric: 'ActiveMessages'
    entities: [ deadLetterQueueName ]
  }
]

resource deadLetterAlerts 'Microsoft.Insights/metricAlerts@2018-03-01' = [for alert in serviceBusAlerts: {
  name: 'alert-${name}-${alert.name}'
  location: 'global'
  tags: tags
  properties: {
    description: alert.description
    severity: 2
    enabled: true
    scopes: [ serviceBus.id ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: alert.name
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: alert.metric
          dimensions: [ { name: 'EntityName', operator: 'Include', values: alert.entities } ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: [ { actionGroupId: actionGroup.id } ]
  }
}]

var logAlerts = [
  {
    name: 'failed-transcodes'
    description: 'A transcode ended Failed, or the Durable host reports a failed orchestration.'
    severity: 2
    threshold: 0
    query: 'traces | where message has "transcoding ended Failed" or (tostring(customDimensions.Category) startswith "Host.Triggers.DurableTask" and tostring(customDimensions.prop__state) == "Failed")'
  }
  {
    name: 'webhook-endpoint-disabled'
    description: 'A tenant webhook endpoint failed for longer than WEBHOOK_DISABLE_AFTER and was switched off.'
    severity: 3
    threshold: 0
    query: 'traces | where message has "webhook endpoint disabled"'
  }
  {
    name: 'intake-rejections'
    description: 'Intake rejected more uploads than usual in 15 minutes.'
    severity: 3
    threshold: rejectionsPer15Minutes
    query: 'traces | where message has "upload rejected:"'
  }
]

resource logAlertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for alert in logAlerts: {
  name: 'alert-${name}-${alert.name}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: alert.name
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [ appInsights.id ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: alert.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: alert.threshold
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [ actionGroup.id ] }
  }
}]

output actionGroupId string = actionGroup.id
