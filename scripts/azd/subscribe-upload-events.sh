#!/usr/bin/env sh
# azd's postdeploy hook: creates (or updates: it is idempotent) the Event Grid subscription that delivers the
# uploads container's BlobCreated events to UploadIntake. It can only exist once the function does, and a freshly
# deployed app lists its functions after a lag, so it retries with backoff. Nothing is stored in the azd
# environment, so a later `azd up` into a new resource group works the same way.
# Without azd: AZURE_RESOURCE_GROUP=... AZURE_LOCATION=... AZURE_STORAGE_ACCOUNT_NAME=... AZURE_FUNCTION_APP_NAME=...
#              EVENTGRID_TOPIC_NAME=... scripts/azd/subscribe-upload-events.sh   (the values are main.bicep's outputs)
set -eu
cd "$(dirname "$0")/../.."
attempt=1
delay=10
while :; do
  if az deployment group create --only-show-errors -o none -g "$AZURE_RESOURCE_GROUP" -n upload-events \
      -f bicep/modules/eventgrid.bicep -p name="$EVENTGRID_TOPIC_NAME" location="$AZURE_LOCATION" \
      tags='{"workload":"media-backend"}' storageAccountName="$AZURE_STORAGE_ACCOUNT_NAME" \
      functionAppName="$AZURE_FUNCTION_APP_NAME" uploadsContainer=uploads deadLetterContainer=eventgrid-deadletter; then
    echo "Event Grid subscription upload-intake is in place"
    exit 0
  fi
  if [ "$attempt" -ge 8 ]; then
    echo "could not create the Event Grid subscription after $attempt attempts" >&2
    exit 1
  fi
  echo "UploadIntake is not listed yet (attempt $attempt); retrying in ${delay}s"
  sleep "$delay"
  attempt=$((attempt + 1))
  delay=$((delay * 2 > 120 ? 120 : delay * 2))
done
