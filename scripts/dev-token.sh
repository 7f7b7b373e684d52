#!/usr/bin/env bash
# Mints a dev bearer token for any tenant, signed with the local runtime's key (.devhost/dev-signing-key.json).
#   scripts/dev-token.sh tenant-b [minutes] [admin]   (admin: adds the media.admin app role)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
[ -f local/devhost/target/devhost.jar ] || mvn -q -B -DskipTests -pl local/devhost -am install
java -jar local/devhost/target/devhost.jar token "${1:-tenant-a}" "${2:-60}" ${3:-}
