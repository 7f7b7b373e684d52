#!/usr/bin/env bash
# Mints a dev bearer token, signed with the local runtime's key (.devhost/dev-signing-key.json).
#   scripts/dev-token.sh [directory] [minutes] [kind]
#     directory  the token's tid (default tenant-a); the local runtime onboards it as a tenant of that name
#     kind       user   (default) scp "media.read media.write", as a web app user
#                reader scp "media.read": reads only
#                admin  as user, plus the media.admin app role (tenants, jobs)
#                app    an application's token: roles media.read and media.write, no scp
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
[ -f local/devhost/target/devhost.jar ] || mvn -q -B -DskipTests -pl local/devhost -am install
java -jar local/devhost/target/devhost.jar token "${1:-tenant-a}" "${2:-60}" "${3:-user}"
