"""Reopens the copies PDFium and pdf.js saved after typing into every text
field, in all four readers, and proves each typed glyph is drawn.

For every copy (pdfium-<form>.pdf, pdfjs-<form>.pdf in OUT_DIR) and every
text field with a value (read from the copy itself: /V and the widget's real
/Rect), each reader's rendering of the field — PDFium (Chrome), pdf.js
(Firefox), poppler (Evince, Okular) and MuPDF — is compared, character by
character, with the same string drawn from the typing font: a blank glyph
has no ink where the font has some, a tofu box or another typeface's glyph
has ink in other places. The text is also read back from what was drawn:
poppler's text layer, MuPDF's glyph trace (which also names the font and
glyph id of each character) and PDFium's text of the flattened page.

usage: check_typed.py MANIFEST FONT_DIRS OUT_DIR TYPING_FONT
"""

import json
import math
import os
import re
import subprocess
import sys
import tempfile
from html import unescape

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from pypdf import PdfReader

sys.path.insert(0, os.path.dirname(__file__))
from check_pdfium import init_with_fonts, utf16  # noqa: E402

SCALE = 3  # 216 dpi: a 10 pt glyph is 30 px high
HERE = os.path.dirname(os.path.abspath(__file__))
FAILURES = []
# A character drawn from the typing font matches its reference at 0.77–1.0
# in all four readers (measured; thin half-width digits score lowest); a
# tofu box, a blank or a glyph from another typeface (PDFium's Chinese
# fallback with the old non-embedded font) scores −0.3–0.6 for all but the
# odd look-alike, which the width check or its neighbours catch.
MIN_MATCH = 0.7


def fail(msg):
    FAILURES.append(msg)


def widget_name(annot):
    parts = []
    node = annot
    while node is not None:
        if "/T" in node:
            parts.append(str(node["/T"]))
        node = node.get("/Parent")
        node = node.get_object() if node is not None else None
    return ".".join(reversed(parts))


def typed_fields(path):
    """(page, rect, name, value) of every text widget with a value."""
    out = []
    reader = PdfReader(path)
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            field = annot if "/FT" in annot else annot.get("/Parent", annot).get_object()
            if field.get("/FT") != "/Tx":
                continue
            value = field.get("/V")
            if not value:
                continue
            rect = [float(v) for v in annot["/Rect"]]
            out.append((index, rect, widget_name(annot), str(value)))
    return out


# --- rendering in each reader, as greyscale images of the page at SCALE ---


def render_pdfium(path, pages):
    pdf = pdfium.PdfDocument(path)
    pdf.init_forms()
    images = {}
    for p in pages:
        bitmap = pdf[p].render(scale=SCALE, may_draw_forms=True)
        images[p] = bitmap.to_pil().convert("L")
    return images


def render_poppler(path, pages, tmp):
    images = {}
    for p in pages:
        prefix = os.path.join(tmp, f"poppler-{p}")
        subprocess.run(
            ["pdftoppm", "-r", str(72 * SCALE), "-gray", "-png", "-singlefile", "-f", str(p + 1), "-l", str(p + 1), path, prefix],
            check=True,
        )
        images[p] = Image.open(prefix + ".png").convert("L")
    return images


def render_mupdf(path, pages, tmp):
    images = {}
    for p in pages:
        out = os.path.join(tmp, f"mupdf-{p}.png")
        subprocess.run(
            ["mutool", "draw", "-q", "-r", str(72 * SCALE), "-c", "gray", "-o", out, path, str(p + 1)],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        images[p] = Image.open(out).convert("L")
    return images


def render_pdfjs_all(jobs, tmp):
    """Renders every (path, pages) job in one pdf.js process; returns path -> {page: image}."""
    listed = []
    for i, (path, pages) in enumerate(jobs):
        listed.append([path, os.path.join(tmp, f"pdfjs-{i}"), pages])
    spec = os.path.join(tmp, "pdfjs-jobs.json")
    with open(spec, "w", encoding="utf-8") as fh:
        json.dump(listed, fh)
    subprocess.run(["node", os.path.join(HERE, "render_pdfjs.mjs"), str(SCALE), spec], check=True)
    return {path: {p: Image.open(f"{prefix}-{p}.png").convert("L") for p in pages} for path, prefix, pages in listed}


# --- comparing a field's ink with the string drawn from the font ---


def ink_box(img, threshold=96):
    """The box around pixels darker than 255 - threshold, or None."""
    return img.point(lambda v: 255 if v < 255 - threshold else 0).getbbox()


class Reference:
    """The typing font drawing a string, with where each character lies."""

    def __init__(self, font_path):
        self.font = ImageFont.truetype(font_path, 10 * SCALE * 4)

    def draw(self, text):
        width = int(self.font.getlength(text)) + 20
        height = self.font.size * 2
        img = Image.new("L", (width, height), 255)
        ImageDraw.Draw(img).text((10, self.font.size // 2), text, font=self.font, fill=0)
        edges = [10 + self.font.getlength(text[:i]) for i in range(len(text) + 1)]
        return img, edges


def cells(img, box, edges):
    """The image inside `box`, cut at the fractions `edges` (0..1) of its width."""
    x0, y0, x1, y1 = box
    crop = img.crop(box)
    w = x1 - x0
    out = []
    for a, b in zip(edges, edges[1:]):
        ca, cb = int(round(a * w)), max(int(round(b * w)), int(round(a * w)) + 1)
        out.append(crop.crop((ca, 0, cb, y1 - y0)))
    return out


def match(a, b):
    """Normalised cross-correlation of two same-size greyscale images (1 = same)."""
    da = [255 - v for v in a.getdata()]
    db = [255 - v for v in b.getdata()]
    ma, mb = sum(da) / len(da), sum(db) / len(db)
    num = sum((x - ma) * (y - mb) for x, y in zip(da, db))
    den = math.sqrt(sum((x - ma) ** 2 for x in da) * sum((y - mb) ** 2 for y in db))
    if den == 0:
        return 1.0 if sum(da) == sum(db) == 0 else 0.0
    return num / den


def compare(field_img, text, ref, where):
    """Fails for each character of `text` that is not drawn as the font draws it."""
    box = ink_box(field_img)
    if box is None:
        fail(f"{where}: nothing is drawn for {text!r}")
        return
    ref_img, edges = ref.draw(text)
    ref_box = ink_box(ref_img)
    # Character edges as fractions of the inked width (side bearings of the
    # first and last character fall outside it and clamp to 0 and 1).
    left, right = ref_box[0], ref_box[2]
    frac = [min(max((e - left) / (right - left), 0.0), 1.0) for e in edges]
    size = (box[2] - box[0], box[3] - box[1])
    aspect_field = size[0] / size[1]
    aspect_ref = (right - left) / (ref_box[3] - ref_box[1])
    if abs(aspect_field / aspect_ref - 1) > 0.2:
        fail(f"{where}: {text!r} is drawn {aspect_field:.2f} wide per unit of height, the font draws it {aspect_ref:.2f} (a glyph missing, added or from another font)")
        return
    scaled = ref_img.crop(ref_box).resize(size, Image.BILINEAR)
    got = cells(field_img, box, frac)
    want = cells(scaled, (0, 0, *size), frac)
    for ch, g, w in zip(text, got, want):
        if ch.isspace():
            continue
        # A slight blur forgives the one-pixel shifts of each reader's rasteriser.
        blur = ImageFilter.GaussianBlur(1)
        score = match(
            g.resize((24, 24), Image.BILINEAR).filter(blur),
            w.resize((24, 24), Image.BILINEAR).filter(blur),
        )
        if score < MIN_MATCH:
            fail(f"{where}: {ch!r} (U+{ord(ch):04X}) in {text!r} does not look like the font's glyph (match {score:.2f} < {MIN_MATCH})")


def crop_field(img, page_height, rect):
    x0, y0, x1, y1 = rect
    inset = 1.0
    return img.crop(
        (
            int((x0 + inset) * SCALE),
            int((page_height - y1 + inset) * SCALE),
            int((x1 - inset) * SCALE),
            int((page_height - y0 - inset) * SCALE),
        )
    )


# --- reading the drawn text back ---


def words_poppler(path, page, height):
    """Each word poppler reads on the page: (text, x centre, y centre) in PDF points."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page + 1), "-l", str(page + 1), path, "-"],
        capture_output=True, text=True, check=True,
    ).stdout
    words = []
    for m in re.finditer(r'<word xMin="([^"]+)" yMin="([^"]+)" xMax="([^"]+)" yMax="([^"]+)">(.*?)</word>', html):
        x0, y0, x1, y1 = map(float, m.groups()[:4])
        words.append((unescape(m.group(5)), (x0 + x1) / 2, height - (y0 + y1) / 2))
    return words


def trace_mupdf(path, page, height):
    """Each glyph MuPDF draws on the page: (unicode, font, glyph id, x, y) in PDF points
    (MuPDF traces with the origin top left)."""
    xml = subprocess.run(["mutool", "trace", path, str(page + 1)], capture_output=True, text=True, check=True).stdout
    glyphs = []
    for m in re.finditer(r'<fill_text[^>]*transform="([^"]+)"[^>]*>(.*?)</fill_text>', xml, re.S):
        a, b, c, d, e, f = map(float, m.group(1).split())
        for span in re.finditer(r'<span font="([^"]*)"[^>]*>(.*?)</span>', m.group(2), re.S):
            for g in re.finditer(r'<g unicode="([^"]*)" glyph="(\d+)" x="([^"]+)" y="([^"]+)"', span.group(2)):
                x, y = float(g.group(3)), float(g.group(4))
                glyphs.append((unescape(g.group(1)), span.group(1), int(g.group(2)), a * x + c * y + e, height - (b * x + d * y + f)))
    return glyphs


def text_pdfium_flattened(path, fields):
    """The text PDFium finds inside each field once the page is flattened (appearances made page content)."""
    pdf = pdfium.PdfDocument(path)
    found = {}
    for page_index in sorted({f[0] for f in fields}):
        page = pdf[page_index]
        raw.FPDFPage_Flatten(page.raw, raw.FLAT_NORMALDISPLAY)
        tmp = tempfile.NamedTemporaryFile(suffix=".pdf", delete=False)
        tmp.close()
        pdf.save(tmp.name)
        flat = pdfium.PdfDocument(tmp.name)
        textpage = flat[page_index].get_textpage()
        for p, rect, name, _ in fields:
            if p == page_index:
                found[name] = textpage.get_text_bounded(*rect)
        os.unlink(tmp.name)
    return found


def squash(s):
    return re.sub(r"\s+", "", s)


def check_copy(path, fields, pdfjs, ref, height_of):
    base = os.path.basename(path)
    if not fields:
        fail(f"{base}: no typed field found")
        return 0
    pages = sorted({f[0] for f in fields})
    with tempfile.TemporaryDirectory() as tmp:
        renders = {
            "PDFium": render_pdfium(path, pages),
            "pdf.js": pdfjs,
            "poppler": render_poppler(path, pages, tmp),
            "MuPDF": render_mupdf(path, pages, tmp),
        }
        traces = {p: trace_mupdf(path, p, height_of(path, p)) for p in pages}
        words = {p: words_poppler(path, p, height_of(path, p)) for p in pages}
        flat = text_pdfium_flattened(path, fields)
        control = False
        for page, rect, name, value in fields:
            height = height_of(path, page)
            for reader, images in renders.items():
                compare(crop_field(images[page], height, rect), value, ref, f"{base}: {name} in {reader}")
            if not control and len(set(squash(value))) >= 3:
                # The comparison must tell a wrong string from the right one:
                # the same rendering against the value's characters reversed.
                control = True
                before = len(FAILURES)
                compare(crop_field(renders["PDFium"][page], height, rect), value[::-1], ref, "control")
                caught = len(FAILURES) > before
                del FAILURES[before:]
                if not caught:
                    fail(f"{base}: {name}: {value[::-1]!r} matched the rendering of {value!r}; the comparison proves nothing")
            x0, y0, x1, y1 = rect
            popp = "".join(w[0] for w in sorted(words[page], key=lambda w: w[1]) if x0 <= w[1] <= x1 and y0 <= w[2] <= y1)
            if squash(popp) != squash(value):
                fail(f"{base}: {name}: poppler reads {popp.strip()!r} back, typed {value!r}")
            drawn = [g for g in traces[page] if x0 - 0.5 <= g[3] < x1 - 1 and y0 <= g[4] <= y1]
            text = "".join(g[0] for g in drawn)
            if squash(text) != squash(value):
                fail(f"{base}: {name}: MuPDF draws {text!r}, typed {value!r}")
            for ch, font, gid, _, _ in drawn:
                if "BIZUDGothic-JIS" not in font or gid == 0:
                    fail(f"{base}: {name}: MuPDF draws {ch!r} from {font!r} glyph {gid}, not from the typing font")
            if squash(flat.get(name, "")) != squash(value):
                fail(f"{base}: {name}: PDFium reads {flat.get(name)!r} back from the flattened page, typed {value!r}")
    return len(fields)


def main():
    manifest, font_dirs, out_dir, typing_font = sys.argv[1:5]
    entries = json.load(open(manifest, encoding="utf-8"))
    init_with_fonts(font_dirs.split(os.pathsep))
    ref = Reference(typing_font)
    heights = {}

    def height_of(path, page):
        key = (path, page)
        if key not in heights:
            heights[key] = float(PdfReader(path).pages[page].mediabox.height)
        return heights[key]

    copies = []
    for entry in entries:
        name = os.path.basename(entry["pdf"])
        for who in ("pdfium", "pdfjs"):
            copy = os.path.join(out_dir, f"{who}-{name}")
            if not os.path.isfile(copy):
                fail(f"{copy} was not saved")
                continue
            copies.append((copy, typed_fields(copy)))
    with tempfile.TemporaryDirectory() as tmp:
        pdfjs = render_pdfjs_all([(c, sorted({f[0] for f in fields})) for c, fields in copies], tmp)
        for copy, fields in copies:
            n = check_copy(copy, fields, pdfjs[copy], ref, height_of)
            print(f"typed: {os.path.basename(copy)}: {n} fields drawn alike in PDFium, pdf.js, poppler and MuPDF and read back")
    if FAILURES:
        print("\n".join(FAILURES[:80]), file=sys.stderr)
        print(f"{len(FAILURES)} failures", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
