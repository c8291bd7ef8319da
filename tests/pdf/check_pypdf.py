"""Reads every form with pypdf: the field names, kinds and labels are the
ones the definition yields, no more and no fewer; every widget rectangle
lies inside the box typst drew for it; each widget's structure element is
named for a screen reader (each radio option by its own label); title,
language and tags are set.
Then fills the text fields with pypdf and checks the values read back.

usage: check_pypdf.py MANIFEST OUT_DIR
"""

import json
import os
import sys

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

FAILURES = []


def fail(msg):
    FAILURES.append(msg)


def kind_of(field):
    if field.get("/FT") == "/Tx":
        return "text"
    flags = int(field.get("/Ff", 0))
    return "radio" if flags & (1 << 15) else "checkbox"


def widgets_by_name(reader):
    """Full field name -> list of (page index, rect) of its widgets, read from the pages."""
    out = {}
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots", []) or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Widget":
                continue
            parts, node = [], annot
            while node is not None:
                if "/T" in node:
                    parts.append(str(node["/T"]))
                node = node.get("/Parent")
                node = node.get_object() if node is not None else None
            name = ".".join(reversed(parts))
            rect = [float(v) for v in annot["/Rect"]]
            states = [str(k)[1:] for k in annot.get("/AP", {}).get("/N", {}).keys() if k != "/Off"]
            out.setdefault(name, []).append((index, rect, states))
    return out


def spoken_names(reader):
    """(field name, on-state or None) -> the /Alt of the widget's Form structure element."""
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is None:
        return {}
    nums = root.get_object()["/ParentTree"].get_object().get("/Nums", [])
    elems = {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}
    out = {}
    for page in reader.pages:
        for ref in page.get("/Annots", []) or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Widget" or "/StructParent" not in annot:
                continue
            parts, node = [], annot
            while node is not None:
                if "/T" in node:
                    parts.append(str(node["/T"]))
                node = node.get("/Parent")
                node = node.get_object() if node is not None else None
            states = [str(k)[1:] for k in annot.get("/AP", {}).get("/N", {}).keys() if k != "/Off"]
            elem = elems.get(int(annot["/StructParent"]))
            key = (".".join(reversed(parts)), states[0] if "/Parent" in annot and "/T" not in annot and states else None)
            out[key] = str(elem.get("/Alt", "")) if elem is not None else None
    return out


def main():
    manifest, out_dir = sys.argv[1:3]
    for entry in json.load(open(manifest, encoding="utf-8")):
        path, name = entry["pdf"], os.path.basename(entry["pdf"])
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        if str(root.get("/Lang", "")).lower() not in ("ja", "ja-jp"):
            fail(f"{name}: document language is {root.get('/Lang')!r}, not Japanese")
        if reader.metadata is None or reader.metadata.title != entry["title"]:
            fail(f"{name}: document title is not {entry['title']!r}")
        if "/StructTreeRoot" not in root or not root.get("/MarkInfo", {}).get("/Marked"):
            fail(f"{name}: not a tagged PDF")
        fields = reader.get_fields() or {}
        terminal = {k: v for k, v in fields.items() if "/FT" in v}
        expected = {f["name"]: f for f in entry["fields"]}
        if set(terminal) != set(expected):
            missing = sorted(set(expected) - set(terminal))[:5]
            extra = sorted(set(terminal) - set(expected))[:5]
            fail(f"{name}: {len(terminal)} fields in the PDF, {len(expected)} in the definition; missing {missing}, extra {extra}")
        placed = widgets_by_name(reader)
        spoken = spoken_names(reader)
        for f in entry["fields"]:
            for w in f["widgets"]:
                state = w["key"].split("#", 1)[1] if "#" in w["key"] else None
                got = spoken.get((f["name"], state))
                if got != w["spoken"]:
                    fail(f"{name}: {w['key']}: a screen reader hears {got!r}, expected {w['spoken']!r}")
        for index, page in enumerate(reader.pages):
            annots = [a.get_object() for a in page.get("/Annots", []) or []]
            widgets = [a for a in annots if a.get("/Subtype") == "/Widget"]
            if widgets and page.get("/Tabs") != "/S":
                fail(f"{name}: page {index + 1} does not tab in structure order")
            if any("/StructParent" not in w for w in widgets):
                fail(f"{name}: page {index + 1} has widgets outside the structure tree")
        for fname, want in expected.items():
            got = terminal.get(fname)
            if got is None:
                continue
            if kind_of(got) != want["kind"]:
                fail(f"{name}: {fname} is a {kind_of(got)}, the definition says {want['kind']}")
            if str(got.get("/TU", "")) != want["label"]:
                fail(f"{name}: {fname} has tooltip {got.get('/TU')!r}, not {want['label']!r}")
            if any(not c.isascii() for c in fname):
                fail(f"{name}: {fname} is not ASCII")
            have = placed.get(fname, [])
            if len(have) != len(want["widgets"]):
                fail(f"{name}: {fname} has {len(have)} widgets, expected {len(want['widgets'])}")
            for w in want["widgets"]:
                value = w["key"].split("#", 1)[1] if "#" in w["key"] else None
                match = [h for h in have if value is None or value in h[2]]
                if not match:
                    fail(f"{name}: no widget for {w['key']}")
                    continue
                page, rect, _ = match[0]
                box = w["box"]
                if page != w["page"] or not (box[0] <= rect[0] and box[1] <= rect[1] and rect[2] <= box[2] and rect[3] <= box[3]):
                    fail(f"{name}: {w['key']}: widget {rect} on page {page} is not inside its box {box} on page {w['page']}")
        # Fill the text fields with pypdf and read them back.
        writer = PdfWriter(clone_from=reader)
        values = {f["name"]: "山田 太郎" for f in entry["fields"] if f["kind"] == "text" and not f.get("max_length")}
        for page in writer.pages:
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
        out = os.path.join(out_dir, "pypdf-" + name)
        with open(out, "wb") as fh:
            writer.write(fh)
        back = PdfReader(out).get_fields() or {}
        for fname, value in values.items():
            if back.get(fname, {}).get("/V") != value:
                fail(f"{name}: pypdf wrote {value!r} into {fname} but read back {back.get(fname, {}).get('/V')!r}")
        print(f"pypdf: {name}: {len(terminal)} fields, {sum(len(v) for v in placed.values())} widgets")
    if FAILURES:
        print("\n".join(FAILURES[:60]), file=sys.stderr)
        print(f"{len(FAILURES)} failures", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
