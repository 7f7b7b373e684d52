// The tenant web app (web/): a Static Web App that azd deploys from web/dist. Its origin is added to the CORS
// rules of the Function App and of Blob Storage, so the page can call the API and PUT to SAS URLs.
param name string
param location string
param tags object

resource site 'Microsoft.Web/staticSites@2023-12-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  sku: { name: 'Free', tier: 'Free' }
  properties: {}
}

output name string = site.name
output origin string = 'https://${site.properties.defaultHostname}'
