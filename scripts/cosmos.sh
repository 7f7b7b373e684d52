#!/usr/bin/env bash
# Starts or stops the local Cosmos DB compatible server the Cosmos contract suites run against (tools/cosmos:
# @vercel/cosmosdb-server behind the project's shim), on https://localhost:${COSMOS_LOCAL_PORT:-8081}/.
#   scripts/cosmos.sh start   # installs from the lockfile if needed, waits until it answers
#   scripts/cosmos.sh stop
# It keeps everything in memory: each start is empty.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/tools/cosmos"
state="$root/.cosmos"
pidfile="$state/cosmos.pid"
port="${COSMOS_LOCAL_PORT:-8081}"

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
answering() { curl -sk -o /dev/null --max-time 2 "https://127.0.0.1:$port/"; }

case "${1:-}" in
  start)
    if answering; then echo "Cosmos server already answering on port $port"; exit 0; fi
    [ -d "$dir/node_modules/@vercel/cosmosdb-server" ] || (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    mkdir -p "$state"
    nohup node "$dir/server.mjs" "$port" > "$state/cosmos.log" 2>&1 &
    echo $! > "$pidfile"
    for _ in $(seq 1 100); do
      if answering; then echo "Cosmos server started (pid $(cat "$pidfile"))"; exit 0; fi
      sleep 0.2
    done
    echo "Cosmos server did not start; see $state/cosmos.log" >&2; exit 1 ;;
  stop)
    if running; then kill "$(cat "$pidfile")"; rm -f "$pidfile"; echo "Cosmos server stopped"; fi ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
