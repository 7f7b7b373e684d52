#!/usr/bin/env bash
# Starts or stops the project's Azurite (blob 10000, queue 10001, table 10002) from tools/azurite.
#   scripts/azurite.sh start   # installs from the lockfile if needed, waits until it answers
#   scripts/azurite.sh stop
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/tools/azurite"
state="$root/.azurite"
pidfile="$state/azurite.pid"

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
answering() { curl -s -o /dev/null "http://127.0.0.1:10000/devstoreaccount1?comp=list"; }

case "${1:-}" in
  start)
    if answering; then echo "Azurite already answering on 127.0.0.1:10000"; exit 0; fi
    [ -x "$dir/node_modules/.bin/azurite" ] || (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    mkdir -p "$state/data"
    # --skipApiVersionCheck: the Azure SDK's storage API version is newer than Azurite's.
    nohup "$dir/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose --disableTelemetry \
      --location "$state/data" --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
      > "$state/azurite.log" 2>&1 &
    echo $! > "$pidfile"
    for _ in $(seq 1 100); do
      if answering; then echo "Azurite started (pid $(cat "$pidfile"))"; exit 0; fi
      sleep 0.2
    done
    echo "Azurite did not start; see $state/azurite.log" >&2; exit 1 ;;
  stop)
    if running; then kill "$(cat "$pidfile")"; rm -f "$pidfile"; echo "Azurite stopped"; fi ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
