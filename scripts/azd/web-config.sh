#!/usr/bin/env sh
# azd's prepackage hook for the web app: the build-time settings of the deployed page. API_BASE_URL is an output of
# main.bicep, so it exists only after provisioning (azure.yaml's `up` workflow provisions first); the hook stops
# with a message rather than build a page that calls nowhere. The Entra ID values are optional (without them the
# page offers the pasted-token sign-in only), but all three or none (docs/web-app.md):
#   azd env set ENTRA_CLIENT_ID <app registration of the web app>
#   azd env set ENTRA_AUTHORITY https://login.microsoftonline.com/organizations
#   azd env set API_SCOPE "api://media-backend/media.read api://media-backend/media.write"
set -eu
value() { azd env get-value "$1" 2>/dev/null || true; }
api=$(value API_BASE_URL)
client=$(value ENTRA_CLIENT_ID)
authority=$(value ENTRA_AUTHORITY)
scope=$(value API_SCOPE)
if [ -z "$api" ]; then
  echo "web-config: API_BASE_URL is empty in the azd environment: provision first (azd provision, or azd up)" >&2
  exit 1
fi
if [ -n "$client$authority$scope" ] && { [ -z "$client" ] || [ -z "$authority" ] || [ -z "$scope" ]; }; then
  echo "web-config: set all of ENTRA_CLIENT_ID, ENTRA_AUTHORITY and API_SCOPE, or none (docs/web-app.md)" >&2
  exit 1
fi
{
  echo "VITE_API_BASE_URL=$api"
  echo "VITE_ENTRA_CLIENT_ID=$client"
  echo "VITE_ENTRA_AUTHORITY=$authority"
  echo "VITE_API_SCOPE=$scope"
} > .env.production
