# azd's prepackage hook for the web app, on Windows: see web-config.sh (the same checks and messages).
$ErrorActionPreference = 'Stop'
function Value($name) { $v = azd env get-value $name 2>$null; if ($LASTEXITCODE -ne 0) { '' } else { $v } }
$api = Value 'API_BASE_URL'
$client = Value 'ENTRA_CLIENT_ID'
$authority = Value 'ENTRA_AUTHORITY'
$scope = Value 'API_SCOPE'
if (-not $api) {
  Write-Error 'web-config: API_BASE_URL is empty in the azd environment: provision first (azd provision, or azd up)'
  exit 1
}
if (($client -or $authority -or $scope) -and -not ($client -and $authority -and $scope)) {
  Write-Error 'web-config: set all of ENTRA_CLIENT_ID, ENTRA_AUTHORITY and API_SCOPE, or none (docs/web-app.md)'
  exit 1
}
@(
  "VITE_API_BASE_URL=$api",
  "VITE_ENTRA_CLIENT_ID=$client",
  "VITE_ENTRA_AUTHORITY=$authority",
  "VITE_API_SCOPE=$scope"
) | Set-Content .env.production
