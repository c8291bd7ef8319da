#!/usr/bin/env bash
# Search bench: builds the bundled content (release), times tebiki's indexer
# and Pagefind on the same pages, and prints index size against the site's
# text and query latency (median, p95) over the seed query set, side by side.
# Usage: scripts/bench-search.sh [WORK_DIR]
# SEARCH_BENCH_PROFILE=dev uses the debug build (quicker to compile, slower to index).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps/search.sh >/dev/null
work=${1:-$(mktemp -d)}
mkdir -p "$work"
profile=${SEARCH_BENCH_PROFILE:-release}
if [ "$profile" = release ]; then
  cargo build --release --example search_site
  bin=target/release/examples/search_site
else
  cargo build --example search_site
  bin=target/debug/examples/search_site
fi
stats=$("$bin" "$work")
echo "indexer build profile: $profile"
node scripts/bench-search.mjs "$work" "$stats"
