"""Makes the font typed text is shown in: BIZ UDGothic Regular cut to the
characters people type on Japanese forms, small enough that every fillable
PDF can embed it whole (the forms must stay under 2 MB each).

Kept: ASCII, Latin-1, full- and half-width forms, every character of
JIS X 0208, the Windows (CP932) extensions (NEC and IBM kanji such as 髙 﨑),
and JIS X 0213 plane 1 (level-3 kanji such as 𠮟, and its symbols) — each
only where the font has it. Left out for size: JIS X 0213 plane 2 (level-4
kanji), vertical forms, OpenType layout and TrueType hinting (PDF readers
scale outlines themselves). The cmap table is kept: MuPDF finds the glyph
of a typed character through it.

The family is renamed (BIZ UDGothic JIS) so the cut font is never mistaken
for the full one; the licence (OFL 1.1, no reserved font name) allows both.

usage: python3 scripts/fonts/typing-font.py   (same bytes on every run; needs fontTools, pinned in
scripts/deps/requirements-forms.txt); writes themes/default/fonts/BIZUDGothic-JIS.ttf
"""

import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
SOURCE = os.path.join(ROOT, "themes/default/fonts/BIZUDGothic-Regular.ttf")
TARGET = os.path.join(ROOT, "themes/default/fonts/BIZUDGothic-JIS.ttf")


def decoded(codec, byte_strings):
    out = set()
    for bs in byte_strings:
        try:
            s = bs.decode(codec)
        except UnicodeDecodeError:
            continue
        if len(s) == 1:
            out.add(ord(s))
    return out


def euc_pairs():
    return (bytes([r, c]) for r in range(0xA1, 0xFF) for c in range(0xA1, 0xFF))


def sjis_pairs():
    leads = list(range(0x81, 0xA0)) + list(range(0xE0, 0xFD))
    trails = list(range(0x40, 0x7F)) + list(range(0x80, 0xFD))
    return (bytes([a, b]) for a in leads for b in trails)


def wanted():
    """The code points kept, before intersecting with the font."""
    chars = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100)) | set(range(0xFF01, 0xFFA0))
    chars |= decoded("euc_jp", euc_pairs())  # JIS X 0208 (two-byte EUC-JP)
    chars |= decoded("cp932", sjis_pairs())  # NEC / IBM extensions
    chars |= decoded("euc_jis_2004", euc_pairs())  # JIS X 0213 plane 1
    chars.add(0x3000)  # ideographic space
    return chars


def main():
    font = TTFont(SOURCE, recalcTimestamp=False)
    have = set(font.getBestCmap())
    keep = wanted() & have
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "meta", "DSIG", "vhea", "vmtx", "VORG"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes=keep)
    sub.subset(font)
    names = font["name"]
    for record in names.names:
        if record.nameID in (1, 4, 16):
            text = record.toUnicode().replace("BIZ UDGothic", "BIZ UDGothic JIS")
            record.string = text
        elif record.nameID in (3, 6):
            record.string = "BIZUDGothic-JIS"
    font.save(TARGET)
    print(f"{TARGET}: {len(keep)} characters, {len(font.getGlyphOrder())} glyphs, "
          f"{os.path.getsize(TARGET)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
