"""Checks the font typed text is shown in, as each form really carries it.

For every PDF in the manifest: every text field's /DA names a font in the
AcroForm's /DR; that font is a Type0 font, Identity-H, over an embedded
TrueType CID font (CIDFontType2, /FontFile2) with a ToUnicode map; the font
file maps every character of JIS X 0208 level 1 (rows 1–8 and the 2,965
level-1 kanji) and the test kanji 髙 﨑 齋 鬱 龍 to a glyph with an outline,
and ToUnicode maps that glyph back to the character (which is how PDFium,
pdf.js and poppler find the glyph of a typed character). Every font a page
or an appearance stream draws with is embedded.

usage: check_font.py MANIFEST
"""

import io
import json
import os
import re
import sys

from fontTools.ttLib import TTFont
from pypdf import PdfReader

EXTRA = "髙﨑齋鬱龍"
FAILURES = []


def fail(msg):
    FAILURES.append(msg)


def jis_level1():
    """JIS X 0208 rows 1–47 (non-kanji and level-1 kanji), via EUC-JP."""
    chars = []
    for row in range(1, 48):
        for cell in range(1, 95):
            try:
                s = bytes([0xA0 + row, 0xA0 + cell]).decode("euc_jp")
            except UnicodeDecodeError:
                continue
            if len(s) == 1:
                chars.append(s)
    return chars


def to_unicode(stream):
    """Glyph id → text of a ToUnicode CMap's bfchar entries (bfrange too)."""
    text = stream.get_data().decode("latin-1")
    out = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for a, b, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int.from_bytes(bytes.fromhex(uni), "big")
            for i, code in enumerate(range(int(a, 16), int(b, 16) + 1)):
                out[code] = chr(start + i)
    return out


def embedded(font):
    """True if a font dictionary carries its font program."""
    font = font.get_object()
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    desc = font.get("/FontDescriptor")
    desc = desc.get_object() if desc is not None else {}
    return any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def fonts_drawn(reader):
    """(where, name, font) for every font in page and appearance-stream resources."""
    seen = []

    def walk(resources, where, depth=0):
        if resources is None or depth > 4:
            return
        resources = resources.get_object()
        for name, font in (resources.get("/Font") or {}).items():
            seen.append((where, name, font))
        for name, xobj in (resources.get("/XObject") or {}).items():
            xobj = xobj.get_object()
            if xobj.get("/Subtype") == "/Form":
                walk(xobj.get("/Resources"), f"{where} {name}", depth + 1)

    for index, page in enumerate(reader.pages):
        walk(page.get("/Resources"), f"page {index + 1}")
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            normal = (annot.get("/AP") or {}).get("/N")
            if normal is None:
                continue
            normal = normal.get_object()
            streams = [normal] if "/Subtype" in normal or hasattr(normal, "get_data") else [v.get_object() for v in normal.values()]
            for stream in streams:
                walk(stream.get("/Resources"), f"page {index + 1} widget {annot.get('/T')}")
    return seen


def check(path, chars):
    name = os.path.basename(path)
    reader = PdfReader(path)
    acro = reader.trailer["/Root"]["/AcroForm"]
    dr = acro["/DR"]["/Font"]
    font_names = set()
    for ref in acro["/Fields"]:
        stack = [ref.get_object()]
        while stack:
            field = stack.pop()
            stack.extend(k.get_object() for k in field.get("/Kids", []))
            if field.get("/FT") == "/Tx":
                da = str(field.get("/DA", acro.get("/DA", "")))
                m = re.match(r"\s*/(\S+)\s+[\d.]+\s+Tf", da)
                if not m:
                    fail(f"{name}: {field.get('/T')}: /DA {da!r} names no font")
                    continue
                font_names.add(m.group(1))
    if not font_names:
        fail(f"{name}: no text field")
    for font_name in sorted(font_names):
        key = "/" + font_name
        if key not in dr:
            fail(f"{name}: /DA font {font_name} is not in /DR")
            continue
        font = dr[key].get_object()
        if font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H":
            fail(f"{name}: /DR {font_name} is {font.get('/Subtype')} {font.get('/Encoding')}, not Type0 Identity-H")
            continue
        cid = font["/DescendantFonts"][0].get_object()
        if cid.get("/Subtype") != "/CIDFontType2" or "/FontFile2" not in cid["/FontDescriptor"]:
            fail(f"{name}: /DR {font_name} is not an embedded TrueType CID font")
            continue
        if cid.get("/CIDToGIDMap", "/Identity") != "/Identity":
            fail(f"{name}: /DR {font_name}: CIDs are not glyph ids")
        if "/ToUnicode" not in font:
            fail(f"{name}: /DR {font_name} has no ToUnicode")
            continue
        program = TTFont(io.BytesIO(cid["/FontDescriptor"]["/FontFile2"].get_object().get_data()))
        cmap = program.getBestCmap()
        glyf = program["glyf"]
        back = to_unicode(font["/ToUnicode"].get_object())
        missing = []
        for ch in chars:
            gname = cmap.get(ord(ch))
            if gname is None:
                missing.append(f"{ch} U+{ord(ch):04X} not in the font")
                continue
            glyph = glyf[gname]
            if glyph.numberOfContours == 0 and not ch.isspace() and ch != "\u3000":
                missing.append(f"{ch} U+{ord(ch):04X} has no outline")
            gid = program.getGlyphID(gname)
            if back.get(gid) != ch:
                missing.append(f"{ch} U+{ord(ch):04X}: ToUnicode maps glyph {gid} to {back.get(gid)!r}")
        if missing:
            fail(f"{name}: /DR {font_name}: {len(missing)} of {len(chars)} characters fail: {'; '.join(missing[:12])}")
    for where, fname, font in fonts_drawn(reader):
        if not embedded(font):
            base = font.get_object().get("/BaseFont")
            fail(f"{name}: {where}: font {fname} ({base}) is not embedded")
    return len(font_names)


def main():
    manifest = sys.argv[1]
    chars = jis_level1() + list(EXTRA)
    for entry in json.load(open(manifest, encoding="utf-8")):
        check(entry["pdf"], chars)
        print(f"font: {os.path.basename(entry['pdf'])}: {len(chars)} characters have outlines in the embedded typing font")
    if FAILURES:
        print("\n".join(FAILURES[:60]), file=sys.stderr)
        print(f"{len(FAILURES)} failures", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
