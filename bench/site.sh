#!/usr/bin/env bash
# Times a full website build of the bundled content and of a generated
# 10,000+ page corpus, and Hugo on equivalent Markdown in the same run.
#   bench/site.sh [--pages N] [--runs N] [--keep DIR] [--guides-on-corpus] [--against OTHER-TEBIKI] [--search]
# --search also compares tebiki's search with Pagefind on the corpus, in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hugo >/dev/null || { echo "hugo not found: run scripts/deps/site.sh" >&2; exit 1; }
cargo build --release --quiet
exec python3 bench/site.py "$@"
