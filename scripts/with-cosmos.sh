#!/usr/bin/env bash
# Runs a command with the Cosmos contract suites pointed at a Cosmos DB endpoint. With CONTRACT_COSMOS_ENDPOINT
# already set (a real account, signed in with your Azure identity) it only runs the command; otherwise it starts
# the local Cosmos-compatible server (scripts/cosmos.sh), points the suites at it, and stops it afterwards.
#   scripts/with-cosmos.sh mvn -B verify
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ -n "${CONTRACT_COSMOS_ENDPOINT:-}" ]; then exec "$@"; fi
"$here/cosmos.sh" start
trap '"$here/cosmos.sh" stop' EXIT
export CONTRACT_COSMOS_ENDPOINT="https://localhost:${COSMOS_LOCAL_PORT:-8081}/"
# The server accepts any key; the SDK only needs one that decodes as base64.
export CONTRACT_COSMOS_KEY="$(printf 'local-cosmos-server' | base64)"
"$@"
