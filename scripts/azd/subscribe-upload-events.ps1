# azd's postdeploy hook on Windows: see subscribe-upload-events.sh (the same checks, retries and messages).
$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '../..')
foreach ($name in 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP', 'AZURE_LOCATION', 'AZURE_STORAGE_ACCOUNT_NAME',
    'AZURE_FUNCTION_APP_NAME', 'EVENTGRID_TOPIC_NAME') {
  if (-not [Environment]::GetEnvironmentVariable($name)) {
    Write-Error "subscribe-upload-events: $name is empty; run it through azd (azd up) or set the main.bicep outputs"
    exit 1
  }
}
if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
  Write-Error 'subscribe-upload-events: the Azure CLI (az) is needed, signed in with az login'
  exit 1
}
$delay = if ($env:SUBSCRIBE_RETRY_DELAY_SECONDS) { [int]$env:SUBSCRIBE_RETRY_DELAY_SECONDS } else { 10 }
for ($attempt = 1; ; $attempt++) {
  $errors = az deployment group create --only-show-errors -o none --subscription $env:AZURE_SUBSCRIPTION_ID `
    -g $env:AZURE_RESOURCE_GROUP -n upload-events `
    -f bicep/modules/eventgrid.bicep -p name=$env:EVENTGRID_TOPIC_NAME location=$env:AZURE_LOCATION `
    tags='{\"workload\":\"media-backend\"}' storageAccountName=$env:AZURE_STORAGE_ACCOUNT_NAME `
    functionAppName=$env:AZURE_FUNCTION_APP_NAME uploadsContainer=uploads deadLetterContainer=eventgrid-deadletter `
    actionGroupId=$env:AZURE_ALERTS_ACTION_GROUP_ID 2>&1
  if ($LASTEXITCODE -eq 0) { Write-Output 'Event Grid subscription upload-intake is in place'; exit 0 }
  if (-not ("$errors" -match '(?i)destination endpoint not found')) {
    Write-Error "subscribe-upload-events: creating the Event Grid subscription failed: $errors"
    exit 1
  }
  if ($attempt -ge 8) {
    Write-Error "subscribe-upload-events: UploadIntake was still not listed after $attempt attempts"
    exit 1
  }
  Write-Output "UploadIntake is not listed yet (attempt $attempt); retrying in $delay s"
  Start-Sleep -Seconds $delay
  $delay = [Math]::Min($delay * 2, 120)
}
