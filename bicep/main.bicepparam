using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'media')
param location = readEnvironmentVariable('AZURE_LOCATION', 'westeurope')
// No defaults: a deployment without its identity provider would answer 401 to every call, so it stops here instead
// ("Environment variable AUTH_ISSUER does not exist"). With azd: azd env set AUTH_ISSUER https://login.microsoftonline.com/<tenant-id>/v2.0
param authIssuer = readEnvironmentVariable('AUTH_ISSUER')
param authAudience = readEnvironmentVariable('AUTH_AUDIENCE', 'api://media-backend')
param authJwksUrl = readEnvironmentVariable('AUTH_JWKS_URL')
// Origins besides the web app deployed with the backend (its origin is added by main.bicep), e.g. a tenant's own
// front-end: CORS_ALLOWED_ORIGINS="https://app.contoso.com,https://admin.contoso.com".
param corsAllowedOrigins = empty(readEnvironmentVariable('CORS_ALLOWED_ORIGINS', '')) ? [] : split(readEnvironmentVariable('CORS_ALLOWED_ORIGINS', ''), ',')
param alertEmail = readEnvironmentVariable('ALERT_EMAIL', '')
param deployEventSubscription = bool(readEnvironmentVariable('DEPLOY_EVENT_SUBSCRIPTION', 'false'))
