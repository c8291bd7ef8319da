#!/usr/bin/env python3
"""Extracts checkable facts from the seed guidebooks (plain text of their PDFs)
into tests/fixtures/seed-facts.json: every phone number, yen amount and fee in
units each guide prints, the start of every question of its Q&A, and every
term it quotes in 「」. The fidelity test then proves each of them can be
found in the built site, on the page where it belongs.

usage: scripts/seed-facts.py SEEDS_DIR > tests/fixtures/seed-facts.json
"""
import json, re, sys, unicodedata
from pathlib import Path

SEEDS = {
    "ise": "000_086adadf779cf673.txt",
    "zushi": "001_ca413003e7c17173.txt",
    "yokkaichi": "002_b0a419426d8ae2a8.txt",
    "matsue": "003_58ffdbfa220e279a.txt",
    "kushiro": "004_6f4e55179d0c8ded.txt",
}

def norm(s):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))

def facts(city, text):
    t = unicodedata.normalize("NFKC", text)
    out = {"phones": set(), "yen": set(), "units": set(), "questions": [], "terms": set()}
    for m in re.finditer(r"(?<![\d-])(\d{2,5}-\d{1,4}-\d{4}|\d{3}-\d{4})(?![\d-])", t):
        out["phones"].add(m.group(1))
    # Two digits at least: "0円" (no charge) is no amount a page could show.
    for m in re.finditer(r"(?<![\d,])(\d{1,3}(?:,\d{3})+|\d{2,})\s*円", t):
        out["yen"].add(m.group(1).replace(",", ""))
    for m in re.finditer(r"(\d{1,3}(?:,\d{3})+|\d{2,5})\s*単位", t):
        out["units"].add(m.group(1).replace(",", ""))
    # Quoted names of things; a check-box label (□…) or a bare range is not one.
    for m in re.finditer(r"「([^」]{2,24})」", t):
        term = norm(m.group(1))
        if not term.startswith("□") and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", term):
            out["terms"].add(term)
    if city in ("zushi", "yokkaichi"):
        for m in re.finditer(r"^(\d{1,2})\t([^\t\n]{6,})\t", t, re.M):
            q = m.group(2)
            if "？" in q or "?" in q or "か。" in q or q.endswith("か") or "について" in q:
                out["questions"].append(norm(q)[:16])
    if city == "kushiro":
        for m in re.finditer(r"Q\s*(\d+)\s+(.+)", t):
            out["questions"].append(norm(m.group(2))[:16])
    return {k: sorted(v) if isinstance(v, set) else v for k, v in out.items()}

def main():
    seeds = Path(sys.argv[1])
    result = {city: facts(city, (seeds / name).read_text(encoding="utf-8")) for city, name in SEEDS.items()}
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1, sort_keys=True)
    print()

if __name__ == "__main__":
    main()
