#!/usr/bin/env bash
# Runs a command with Azurite up: starts it if nothing answers on 127.0.0.1:10000, and stops it afterwards
# only if it started it. Exits with the command's status.
#   scripts/with-azurite.sh mvn -B verify
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
started_azurite=0
if ! curl -s -o /dev/null "http://127.0.0.1:10000/"; then
  "$here/azurite.sh" start
  started_azurite=1
fi
trap '[ "$started_azurite" = 1 ] && "$here/azurite.sh" stop' EXIT
"$@"
