#!/usr/bin/env bash
# The Rust components the test command uses: rustfmt and clippy.
set -euo pipefail
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    rustup component add "$component"
  fi
done
