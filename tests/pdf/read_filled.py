"""Prints, as JSON, what PDFium (Chrome's PDF engine) shows of a filled form:
each page's text after flattening the fields' appearance streams into the
page, so the text comes from the glyphs the appearances draw.

usage: read_filled.py FILLED.pdf
"""

import json
import sys

import pypdfium2 as pdfium
import pypdfium2.raw as raw

doc = pdfium.PdfDocument(sys.argv[1])
for i in range(len(doc)):
    page = doc[i]
    # FPDFPage_Flatten through the raw API: the helper's name differs across pypdfium2 versions.
    if raw.FPDFPage_Flatten(page.raw, raw.FLAT_NORMALDISPLAY) == raw.FLATTEN_FAIL:
        sys.exit(f"PDFium could not flatten page {i + 1}")
# Flattening changes the page content; read it back from a saved copy.
out = sys.argv[1] + ".flat.pdf"
doc.save(out)
flat = pdfium.PdfDocument(out)
pages = [flat[i].get_textpage().get_text_bounded() for i in range(len(flat))]
print(json.dumps({"pages": len(flat), "text": "\n".join(pages)}, ensure_ascii=False))
