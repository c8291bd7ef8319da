#!/usr/bin/env bash
# What the fillable-form tests need, installed if missing (safe to run again):
# qpdf (structure check), poppler-utils (page images, text), mupdf-tools
# (MuPDF: page images and a glyph trace), a pan-CJK font (a browser's
# system fonts, for PDFium to fall back on), pypdfium2 (Chrome's PDFium),
# pypdf, fontTools (reads the embedded typing font) and Pillow (draws the
# reference strings) from requirements-forms.txt, and pdfjs-dist (Firefox's
# pdf.js) with its Node canvas from package.json.
set -euo pipefail
cd "$(dirname "$0")/../.."

need_apt=()
command -v qpdf >/dev/null || need_apt+=(qpdf)
command -v pdftoppm >/dev/null || need_apt+=(poppler-utils)
command -v mutool >/dev/null || need_apt+=(mupdf-tools)
compgen -G "/usr/share/fonts/opentype/noto/NotoSansCJK*" >/dev/null || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${need_apt[@]}"
fi

python3 -m pip install --quiet -r scripts/deps/requirements-forms.txt

if [ ! -d node_modules/pdfjs-dist ]; then
  npm install --no-audit --no-fund
fi
