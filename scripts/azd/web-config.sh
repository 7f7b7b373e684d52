#!/usr/bin/env sh
# azd's prepackage hook for the web app: the build-time settings of the deployed page. API_BASE_URL is an output of
# main.bicep; the Entra ID values are set once per environment (docs/web-app.md):
#   azd env set ENTRA_CLIENT_ID <app registration of the web app>
#   azd env set ENTRA_AUTHORITY https://login.microsoftonline.com/organizations
#   azd env set API_SCOPE "api://media-backend/media.read api://media-backend/media.write"
set -eu
value() { azd env get-value "$1" 2>/dev/null || true; }
{
  echo "VITE_API_BASE_URL=$(value API_BASE_URL)"
  echo "VITE_ENTRA_CLIENT_ID=$(value ENTRA_CLIENT_ID)"
  echo "VITE_ENTRA_AUTHORITY=$(value ENTRA_AUTHORITY)"
  echo "VITE_API_SCOPE=$(value API_SCOPE)"
} > .env.production
