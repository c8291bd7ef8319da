"""Fills every form with PDFium (Chrome's PDF engine) the way a person would.

For each PDF in the manifest: read every widget's rectangle from the PDF
itself, render the blank page and check that each widget sits inside the
box typst drew for it (ink around it, nothing printed inside); then click
every check box and radio button and type the manifest's `typed` value
(Japanese, kana, full-width letters) into every text field through the
form-fill API, save, reopen, and check the values are there and the
rendered page shows them.

usage: check_pdfium.py MANIFEST FONT_DIRS OUT_DIR [INDEX]  (FONT_DIRS joined by ':')
"""

import ctypes
import json
import os
import subprocess
import sys

import pypdfium2 as pdfium
import pypdfium2.internal as pdfium_i
import pypdfium2.raw as raw
from pypdf import PdfReader

sys.path.insert(0, os.path.dirname(__file__))
from check_pypdf import widgets_by_name  # noqa: E402

SCALE = 2.0
FAILURES = []


def fail(msg):
    FAILURES.append(msg)


def init_with_fonts(font_dirs):
    """Restart PDFium with the given font folders, as a browser has system fonts.

    PDFium shows typed text in fonts it picks itself: it takes a leading
    kanji for Chinese (GB) and asks for a GB-capable font, so the folders must
    hold a pan-CJK font (Noto Sans CJK) besides the shipped Japanese one.
    """
    raw.FPDF_DestroyLibrary()
    global _FONT_PATHS
    char_p = ctypes.POINTER(ctypes.c_char)
    bufs = [ctypes.create_string_buffer(d.encode()) for d in font_dirs]
    array = (char_p * (len(bufs) + 1))()
    for i, b in enumerate(bufs):
        array[i] = ctypes.cast(b, char_p)
    _FONT_PATHS = (bufs, array)
    config = raw.FPDF_LIBRARY_CONFIG(
        version=2,
        m_pUserFontPaths=ctypes.cast(array, ctypes.POINTER(char_p)),
        m_pIsolate=None,
        m_v8EmbedderSlot=0,
    )
    raw.FPDF_InitLibraryWithConfig(config)
    pdfium_i.LIBRARY_AVAILABLE.value = True


class Pixels:
    """Greyscale access to a rendered page in PDF coordinates."""

    def __init__(self, page):
        self.height = page.get_height()
        bitmap = page.render(scale=SCALE, may_draw_forms=self.draw_forms, grayscale=False)
        self.w, self.h = bitmap.width, bitmap.height
        self.stride, self.n = bitmap.stride, bitmap.n_channels
        self.buf = bytes(bitmap.buffer)

    draw_forms = False

    def at(self, x, y):
        px = int(round(x * SCALE))
        py = int(round((self.height - y) * SCALE))
        px = min(max(px, 0), self.w - 1)
        py = min(max(py, 0), self.h - 1)
        i = py * self.stride + px * self.n
        return sum(self.buf[i : i + 3]) // 3

    def region(self, rect):
        x0, y0, x1, y1 = rect
        out = []
        for py in range(int(round((self.height - y1) * SCALE)), int(round((self.height - y0) * SCALE))):
            row = py * self.stride
            for px in range(int(round(x0 * SCALE)), int(round(x1 * SCALE))):
                i = row + px * self.n
                out.append(sum(self.buf[i : i + 3]) // 3)
        return out


class FilledPixels(Pixels):
    draw_forms = True


def widgets(field):
    return field["widgets"]


def attach_rects(path, entry):
    """Sets each manifest widget's `rect` to the /Rect the PDF really has
    (radio widgets matched by their on-state); fails for one the PDF lacks."""
    found = widgets_by_name(PdfReader(path))
    for field in entry["fields"]:
        in_pdf = found.get(field["name"], [])
        for w in widgets(field):
            state = w["key"].split("#", 1)[1] if "#" in w["key"] else None
            match = [(p, r) for p, r, states in in_pdf if state is None or state in states]
            if len(match) != 1:
                fail(f"{entry['pdf']}: {w['key']}: {len(match)} widgets in the PDF, expected one")
                w["rect"] = [0, 0, 0, 0]
                continue
            page, w["rect"] = match[0]
            if page != w["page"]:
                fail(f"{entry['pdf']}: {w['key']}: widget on page {page}, its box on page {w['page']}")


def ink_around(pix, box):
    """True if each edge of the drawn box has ink within 1.5 pt of where typst put it."""
    x0, y0, x1, y1 = box
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    probes = [
        [(mx, y1 + d) for d in (-1.5, -1, -0.5, 0, 0.5, 1, 1.5)],
        [(mx, y0 + d) for d in (-1.5, -1, -0.5, 0, 0.5, 1, 1.5)],
        [(x0 + d, my) for d in (-1.5, -1, -0.5, 0, 0.5, 1, 1.5)],
        [(x1 + d, my) for d in (-1.5, -1, -0.5, 0, 0.5, 1, 1.5)],
    ]
    return all(any(pix.at(x, y) < 200 for x, y in edge) for edge in probes)


def check_blank(pdf, entry):
    blank = {}
    for field in entry["fields"]:
        for w in widgets(field):
            page = w["page"]
            if page not in blank:
                blank[page] = Pixels(pdf[page])
            pix = blank[page]
            box, rect = w["box"], w["rect"]
            if field["kind"] != "text":
                # A check box's click target holds its label: the drawn
                # square is the target's left end, as tall as it is.
                side = box[3] - box[1]
                if box[2] - box[0] < side + 6:
                    fail(f"{entry['pdf']}: {w['key']}: the label is not inside the click target {box}")
                box = [box[0], box[1], box[0] + side, box[3]]
                rect = [rect[0], rect[1], min(rect[2], box[2]), rect[3]]
            if not (box[0] <= rect[0] and box[1] <= rect[1] and rect[2] <= box[2] and rect[3] <= box[3]):
                fail(f"{entry['pdf']}: {w['key']}: widget {rect} is not inside its box {box}")
            if not ink_around(pix, box):
                fail(f"{entry['pdf']}: {w['key']}: no drawn box around the widget at {box}")
            inner = [rect[0] + 1.5, rect[1] + 1.5, rect[2] - 1.5, rect[3] - 1.5]
            if inner[2] > inner[0] and inner[3] > inner[1] and min(pix.region(inner) or [255]) < 200:
                fail(f"{entry['pdf']}: {w['key']}: something is printed inside the field's box")
    return blank


def click(form, page, x, y):
    raw.FORM_OnMouseMove(form, page.raw, 0, x, y)
    raw.FORM_OnLButtonDown(form, page.raw, 0, x, y)
    raw.FORM_OnLButtonUp(form, page.raw, 0, x, y)


def center(rect):
    return (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2


def fill(path, entry, out_path):
    pdf = pdfium.PdfDocument(path)
    pdf.init_forms()
    form = pdf.formenv.raw
    expected = {}
    pages = {}

    def page_of(index):
        # One page open at a time, as a viewer scrolling through the form:
        # with page 1 still open after check boxes were clicked on it, PDFium
        # wrote some typed fields of page 2 with an appearance lacking their
        # text (with any font, the old non-embedded one too).
        for other in [i for i in pages if i != index]:
            raw.FORM_ForceToKillFocus(form)
            raw.FORM_OnBeforeClosePage(pages.pop(other).raw, form)
        if index not in pages:
            pages[index] = pdf[index]
        return pages[index]

    for field in entry["fields"]:
        kind = field["kind"]
        if kind == "radio":
            w = widgets(field)[-1]
            page = page_of(w["page"])
            click(form, page, *center(w["rect"]))
            raw.FORM_ForceToKillFocus(form)
            expected[field["name"]] = w["key"].split("#", 1)[1]
        elif kind == "checkbox":
            w = widgets(field)[0]
            page = page_of(w["page"])
            click(form, page, *center(w["rect"]))
            raw.FORM_ForceToKillFocus(form)
            expected[field["name"]] = True
        else:
            w = widgets(field)[0]
            page = page_of(w["page"])
            click(form, page, *center(w["rect"]))
            value = field["typed"]
            for unit in value.encode("utf-16-le").hex(" ", 2).split():
                code = int.from_bytes(bytes.fromhex(unit), "little")
                raw.FORM_OnChar(form, page.raw, code, 0)
            raw.FORM_ForceToKillFocus(form)
            expected[field["name"]] = value
    raw.FORM_ForceToKillFocus(form)
    for page in pages.values():
        raw.FORM_OnBeforeClosePage(page.raw, form)
    pdf.save(out_path)
    return expected


def utf16(fn, *args):
    n = fn(*args, None, 0)
    if n <= 2:
        return ""
    buf = (ctypes.c_ushort * (n // 2))()
    fn(*args, buf, n)
    return bytes(buf).decode("utf-16-le").rstrip("\x00")


def read_back(path, entry, blank):
    pdf = pdfium.PdfDocument(path)
    pdf.init_forms()
    form = pdf.formenv.raw
    found = {}
    for index in range(len(pdf)):
        page = pdf[index]
        for i in range(raw.FPDFPage_GetAnnotCount(page.raw)):
            annot = raw.FPDFPage_GetAnnot(page.raw, i)
            if raw.FPDFAnnot_GetSubtype(annot) != raw.FPDF_ANNOT_WIDGET:
                raw.FPDFPage_CloseAnnot(annot)
                continue
            name = utf16(raw.FPDFAnnot_GetFormFieldName, form, annot)
            kind = raw.FPDFAnnot_GetFormFieldType(form, annot)
            if kind == raw.FPDF_FORMFIELD_TEXTFIELD:
                found[name] = utf16(raw.FPDFAnnot_GetFormFieldValue, form, annot)
            elif kind == raw.FPDF_FORMFIELD_CHECKBOX:
                found[name] = bool(raw.FPDFAnnot_IsChecked(form, annot))
            elif kind == raw.FPDF_FORMFIELD_RADIOBUTTON and raw.FPDFAnnot_IsChecked(form, annot):
                found[name] = utf16(raw.FPDFAnnot_GetFormFieldExportValue, form, annot)
            raw.FPDFPage_CloseAnnot(annot)
    filled = {}
    for field in entry["fields"]:
        for w in widgets(field):
            if field["kind"] == "radio" and w is not widgets(field)[-1]:
                continue
            page = w["page"]
            if page not in filled:
                filled[page] = FilledPixels(pdf[page])
            before = blank[page].region(w["rect"])
            after = filled[page].region(w["rect"])
            if sum(1 for a, b in zip(before, after) if abs(a - b) > 60) < 3:
                fail(f"{entry['pdf']}: {w['key']}: the filled value is not visible on the rendered page")
    return found


def main():
    manifest, font_dirs, out_dir = sys.argv[1:4]
    entries = json.load(open(manifest, encoding="utf-8"))
    if len(sys.argv) == 4:
        # One PDFium per form, as one browser tab per form: filling many
        # documents in one PDFium instance once left a stale appearance.
        failed = 0
        for i in range(len(entries)):
            failed += subprocess.run([sys.executable, __file__, *sys.argv[1:4], str(i)]).returncode != 0
        sys.exit(1 if failed else 0)
    entry = entries[int(sys.argv[4])]
    init_with_fonts(font_dirs.split(os.pathsep))
    attach_rects(entry["pdf"], entry)
    pdf = pdfium.PdfDocument(entry["pdf"])
    blank = check_blank(pdf, entry)
    out = os.path.join(out_dir, "pdfium-" + os.path.basename(entry["pdf"]))
    expected = fill(entry["pdf"], entry, out)
    found = read_back(out, entry, blank)
    for name, value in expected.items():
        if found.get(name) != value:
            fail(f"{entry['pdf']}: {name}: typed {value!r}, read back {found.get(name)!r}")
    print(f"pdfium: {os.path.basename(entry['pdf'])}: {len(expected)} fields filled, saved, read back and seen")
    if FAILURES:
        print("\n".join(FAILURES[:60]), file=sys.stderr)
        print(f"{len(FAILURES)} failures", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
