#!/usr/bin/env bash
# What the fillable-form tests need: qpdf (structure check), poppler (page
# images), the shipped font's Debian package (to verify the committed copy),
# pypdfium2 + pypdf, a pan-CJK font for PDFium to draw typed text with (Chrome's PDFium and a pure-Python reader) and pdfjs-dist
# (Firefox's reader, from package.json). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/../.."

need_apt=()
command -v qpdf >/dev/null || need_apt+=(qpdf)
command -v pdftoppm >/dev/null || need_apt+=(poppler-utils)
# A pan-CJK font, as browsers have: PDFium draws typed kanji in a GB font it picks itself.
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto | grep -q CJK || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${need_apt[@]}"
fi

python3 -m pip install --quiet -r scripts/deps/requirements-forms.txt

if [ ! -d node_modules/pdfjs-dist ]; then
  npm ci --no-audit --no-fund
fi
