#!/usr/bin/env bash
# Installs what the website's end-to-end tests and bench need: headless Chromium
# with Japanese fonts (axe-core accessibility check, screenshots), Node packages
# from the repo-root package.json, html5lib for the HTML check, and Hugo for the
# side-by-side build bench.
# Idempotent: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
command -v hugo >/dev/null || need+=(hugo)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${need[@]}"
fi

# html5lib parses every page strictly (tests/e2e/html_valid.py).
if ! python3 -c "import html5lib" 2>/dev/null; then
  python3 -m pip install --quiet -r scripts/deps/requirements-site.txt
fi

# puppeteer-core drives the Debian chromium; it must not try to download its own browser.
export PUPPETEER_SKIP_DOWNLOAD=1
if [ ! -d node_modules/axe-core ] || [ ! -d node_modules/puppeteer-core ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi
