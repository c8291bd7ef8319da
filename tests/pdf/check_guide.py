"""Reads each printable guide the way PDFium (Chrome's PDF engine) and pypdf do.

For each PDF: PDFium opens it and renders every page (an error or a blank
page fails); pypdf reads the outline, the page sizes and the XMP metadata.
Prints one JSON object per PDF on stdout for the test to judge:
{"pdf", "pages", "landscape": [page numbers], "outline": [[depth, title]],
 "pdfua": part, "pdfa": [part, conformance], "lang", "title",
 "kinsoku": [lines that start with a mark Japanese typesetting forbids there]}.

usage: check_guide.py PDF...
"""

import json
import sys

import pypdf
import pypdfium2 as pdfium


def outline(reader):
    out = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append([depth, item.title])

    walk(reader.outline, 0)
    return out


def xmp_fields(reader):
    meta = reader.xmp_metadata
    if meta is None:
        return None, [None, None]
    xml = meta.stream.get_data().decode("utf-8")

    def tag(name):
        for form in (f"<{name}>", f'{name}="'):
            i = xml.find(form)
            if i >= 0:
                start = i + len(form)
                end = xml.find("<" if form.endswith(">") else '"', start)
                return xml[start:end].strip()
        return None

    return tag("pdfuaid:part"), [tag("pdfaid:part"), tag("pdfaid:conformance")]


# Marks Japanese typesetting (kinsoku) forbids at the start of a line.
NO_LINE_START = set("、。，．）」』】〕ーぁぃぅぇぉっゃゅょァィゥェォッャュョ")


def kinsoku(textpage):
    """Lines that start with a forbidden mark: in text order, a character
    that sits lower and further left than the one before starts a line."""
    bad = []
    prev = None
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        if not ch.strip():
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        if prev is not None:
            p_left, p_bottom, p_top = prev
            new_line = top < p_bottom and left < p_left
            if new_line and ch in NO_LINE_START:
                bad.append(textpage.get_text_range(i, min(12, textpage.count_chars() - i)))
        prev = (left, bottom, top)
    return bad


def pdfium_pages(path):
    doc = pdfium.PdfDocument(path)
    blank = []
    starts = []
    for i in range(len(doc)):
        page = doc[i]
        # Grey pixels, one byte each: the darkest shows whether anything was drawn.
        bitmap = page.render(scale=0.25, grayscale=True)
        lo = min(bytes(bitmap.buffer))
        if lo > 200:
            blank.append(i + 1)
        textpage = page.get_textpage()
        if not textpage.get_text_bounded().strip():
            blank.append(i + 1)
        starts.extend(f"page {i + 1}: {line}" for line in kinsoku(textpage))
    return len(doc), blank, starts


def main():
    failed = False
    for path in sys.argv[1:]:
        reader = pypdf.PdfReader(path, strict=True)
        landscape = [
            i + 1
            for i, p in enumerate(reader.pages)
            if float(p.mediabox.width) > float(p.mediabox.height)
        ]
        ua, a = xmp_fields(reader)
        pages, blank, starts = pdfium_pages(path)
        root = reader.trailer["/Root"]
        if blank:
            print(f"{path}: PDFium draws no ink or text on pages {blank}", file=sys.stderr)
            failed = True
        print(
            json.dumps(
                {
                    "pdf": path,
                    "pages": len(reader.pages),
                    "pdfium_pages": pages,
                    "landscape": landscape,
                    "outline": outline(reader),
                    "pdfua": ua,
                    "pdfa": a,
                    "lang": str(root.get("/Lang", "")),
                    "title": (reader.metadata or {}).get("/Title"),
                    "kinsoku": starts,
                    "marked": bool(root.get("/MarkInfo", {}).get("/Marked", False)),
                },
                ensure_ascii=False,
            )
        )
    sys.exit(1 if failed else 0)


main()
