# azd's postdeploy hook on Windows: see subscribe-upload-events.sh.
$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '../..')
$delay = 10
for ($attempt = 1; $attempt -le 8; $attempt++) {
  az deployment group create --only-show-errors -o none -g $env:AZURE_RESOURCE_GROUP -n upload-events `
    -f bicep/modules/eventgrid.bicep -p name=$env:EVENTGRID_TOPIC_NAME location=$env:AZURE_LOCATION `
    tags='{\"workload\":\"media-backend\"}' storageAccountName=$env:AZURE_STORAGE_ACCOUNT_NAME `
    functionAppName=$env:AZURE_FUNCTION_APP_NAME uploadsContainer=uploads deadLetterContainer=eventgrid-deadletter
  if ($LASTEXITCODE -eq 0) { Write-Output 'Event Grid subscription upload-intake is in place'; exit 0 }
  Write-Output "UploadIntake is not listed yet (attempt $attempt); retrying in $delay s"
  Start-Sleep -Seconds $delay
  $delay = [Math]::Min($delay * 2, 120)
}
Write-Error 'could not create the Event Grid subscription after 8 attempts'
exit 1
