#!/usr/bin/env bash
# Builds the web app (web/ → web/dist/, which the local runtime serves at /) from the committed lockfile.
set -euo pipefail
cd "$(dirname "$0")/../web"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
npm run build --silent > /dev/null
