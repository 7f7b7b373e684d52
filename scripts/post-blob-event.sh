#!/usr/bin/env bash
# For `func start` with Azurite, which raises no Event Grid events: after a client PUTs a blob, deliver the
# BlobCreated notification to the UploadIntake function as Event Grid would.
#   scripts/post-blob-event.sh <tenantId>/<uploadId>/<fileName> [host:port]
set -euo pipefail
blob="${1:?usage: $0 <tenantId>/<uploadId>/<fileName> [host:port]}"
host="${2:-localhost:7071}"
id="$(cat /proc/sys/kernel/random/uuid)"
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
curl -sS -f -X POST "http://$host/runtime/webhooks/EventGrid?functionName=UploadIntake" \
  -H 'Content-Type: application/json' -H 'aeg-event-type: Notification' \
  -d "[{\"id\":\"$id\",\"eventType\":\"Microsoft.Storage.BlobCreated\",\"subject\":\"/blobServices/default/containers/uploads/blobs/$blob\",\"eventTime\":\"$now\",\"dataVersion\":\"1\",\"topic\":\"/local/azurite\",\"data\":{\"api\":\"PutBlob\",\"url\":\"http://localhost:10000/devstoreaccount1/uploads/$blob\"}}]"
echo "BlobCreated posted for uploads/$blob"
