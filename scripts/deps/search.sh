#!/usr/bin/env bash
# What the search tests and bench need: Node (the query engine's tests run
# under node:test) and the npm packages of package.json (Pagefind, the bench's
# baseline). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt-get update
  apt-get install -y nodejs npm
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 18 ]; then
  echo "error: Node $major is too old for the search tests (need 18 or newer: DecompressionStream, node:test)" >&2
  exit 1
fi
export PUPPETEER_SKIP_DOWNLOAD=1
if [ ! -x node_modules/.bin/pagefind ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi
