// The vault that holds the key-encryption key of webhook signing secrets (envelope encryption: the secrets are in
// Cosmos DB, sealed; the key that unseals them is here, usable only through the app's identity). RBAC only, no
// access policies. Soft delete keeps a deleted vault or key recoverable for 90 days; purge protection is left off
// so that `azd down --purge` can remove the vault and a later `azd up` can create it again under the same name
// (with it on, the name stays taken for the 90 days). Turn it on for a production environment that is never torn down.
param name string
param location string
param tags object
@description('Principal id of the app identity: granted Key Vault Crypto User on this vault alone')
param principalId string

// Key Vault Crypto User: wrap and unwrap with keys; it cannot read secrets or manage the vault.
var cryptoUser = '12338af0-0e69-4776-bea7-57ae8d297424'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    publicNetworkAccess: 'Enabled'
  }
}

resource key 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: vault
  name: 'webhook-secrets'
  properties: {
    kty: 'RSA'
    keySize: 3072
    keyOps: [ 'wrapKey', 'unwrapKey' ]
    // A new version each year; older versions stay, so values wrapped by them still unwrap.
    rotationPolicy: {
      lifetimeActions: [ { action: { type: 'rotate' }, trigger: { timeAfterCreate: 'P1Y' } } ]
    }
  }
}

resource cryptoUserRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, principalId, cryptoUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', cryptoUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Without a version: the app wraps with the current version and records it in each sealed value.
output keyId string = '${vault.properties.vaultUri}keys/${key.name}'
