# azd's prepackage hook for the web app, on Windows: see web-config.sh.
$ErrorActionPreference = 'Stop'
function Value($name) { $v = azd env get-value $name 2>$null; if ($LASTEXITCODE -ne 0) { '' } else { $v } }
@(
  "VITE_API_BASE_URL=$(Value 'API_BASE_URL')",
  "VITE_ENTRA_CLIENT_ID=$(Value 'ENTRA_CLIENT_ID')",
  "VITE_ENTRA_AUTHORITY=$(Value 'ENTRA_AUTHORITY')",
  "VITE_API_SCOPE=$(Value 'API_SCOPE')"
) | Set-Content .env.production
