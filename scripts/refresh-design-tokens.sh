#!/usr/bin/env bash
# Refreshes the vendored Digital Agency design tokens (npm @digital-go-jp/design-tokens,
# MIT) in themes/default/static/ from the version pinned in package-lock.json.
# The theme ships the file so that building a site needs no Node at all.
set -euo pipefail
cd "$(dirname "$0")/.."
export PUPPETEER_SKIP_DOWNLOAD=1
[ -d node_modules/@digital-go-jp/design-tokens ] || npm ci --no-audit --no-fund
src=node_modules/@digital-go-jp/design-tokens
version=$(node -p "require('./$src/package.json').version")
{
  echo "/* @digital-go-jp/design-tokens $version (MIT, see design-tokens.LICENSE) */"
  cat "$src/dist/tokens.css"
} > themes/default/static/tokens.css
cp "$src/LICENSE" themes/default/static/design-tokens.LICENSE
echo "themes/default/static/tokens.css: @digital-go-jp/design-tokens $version"
