#!/usr/bin/env sh
# azd's postdeploy hook: creates (or updates: it is idempotent) the Event Grid subscription that delivers the
# uploads container's BlobCreated events to UploadIntake. It can only exist once the function does, and a freshly
# deployed app lists its functions after a lag, so that one error ("Destination endpoint not found") is retried
# with backoff; any other error (not signed in, no permission, a wrong name) stops the hook at once with az's
# message. It deploys into azd's subscription, whatever `az account show` says. Needs `az login` (azd's own
# sign-in is not shared with az). Nothing is stored in the azd environment.
# Without azd: AZURE_SUBSCRIPTION_ID=... AZURE_RESOURCE_GROUP=... AZURE_LOCATION=... AZURE_STORAGE_ACCOUNT_NAME=...
#              AZURE_FUNCTION_APP_NAME=... EVENTGRID_TOPIC_NAME=... scripts/azd/subscribe-upload-events.sh
set -eu
cd "$(dirname "$0")/../.."
for name in AZURE_SUBSCRIPTION_ID AZURE_RESOURCE_GROUP AZURE_LOCATION AZURE_STORAGE_ACCOUNT_NAME \
    AZURE_FUNCTION_APP_NAME EVENTGRID_TOPIC_NAME; do
  if [ -z "$(printenv "$name" || true)" ]; then
    echo "subscribe-upload-events: $name is empty; run it through azd (azd up) or set the main.bicep outputs" >&2
    exit 1
  fi
done
command -v az >/dev/null 2>&1 || {
  echo "subscribe-upload-events: the Azure CLI (az) is needed, signed in with az login" >&2
  exit 1
}
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
attempt=1
delay=${SUBSCRIBE_RETRY_DELAY_SECONDS:-10}
while :; do
  if az deployment group create --only-show-errors -o none --subscription "$AZURE_SUBSCRIPTION_ID" \
      -g "$AZURE_RESOURCE_GROUP" -n upload-events \
      -f bicep/modules/eventgrid.bicep -p name="$EVENTGRID_TOPIC_NAME" location="$AZURE_LOCATION" \
      tags='{"workload":"media-backend"}' storageAccountName="$AZURE_STORAGE_ACCOUNT_NAME" \
      functionAppName="$AZURE_FUNCTION_APP_NAME" uploadsContainer=uploads deadLetterContainer=eventgrid-deadletter \
      actionGroupId="${AZURE_ALERTS_ACTION_GROUP_ID:-}" 2>"$errors"; then
    echo "Event Grid subscription upload-intake is in place"
    exit 0
  fi
  if ! grep -qi "destination endpoint not found" "$errors"; then
    echo "subscribe-upload-events: creating the Event Grid subscription failed:" >&2
    cat "$errors" >&2
    exit 1
  fi
  if [ "$attempt" -ge 8 ]; then
    echo "subscribe-upload-events: UploadIntake was still not listed after $attempt attempts" >&2
    exit 1
  fi
  echo "UploadIntake is not listed yet (attempt $attempt); retrying in ${delay}s"
  sleep "$delay"
  attempt=$((attempt + 1))
  delay=$((delay * 2 > 120 ? 120 : delay * 2))
done
