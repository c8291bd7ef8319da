#!/usr/bin/env python3
"""Parses every HTML page of a built site with html5lib in strict mode, which
stops at any HTML5 parse error (stray or misnested tags, a block inside a <p>,
bad attributes), and checks each page declares lang="ja" and one <h1>.

Usage: html_valid.py SITE_DIR   (exit 1 and one line per fault when any)
"""

import sys
from pathlib import Path

import html5lib


def main():
    site = Path(sys.argv[1])
    faults = []
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        try:
            doc = parser.parse(text)
        except html5lib.html5parser.ParseError as e:
            line, col = parser.errors[-1][0] if parser.errors else ("?", "?")
            faults.append(f"{page.relative_to(site)}:{line}:{col}: {e}")
            continue
        if doc.get("lang") != "ja":
            faults.append(f"{page.relative_to(site)}: <html> lacks lang=\"ja\"")
        if len(doc.findall(".//h1")) != 1:
            faults.append(f"{page.relative_to(site)}: not exactly one <h1>")
    for fault in faults:
        print(fault)
    print(f"{len(pages)} pages, {len(faults)} faults")
    sys.exit(1 if faults else 0)


if __name__ == "__main__":
    main()
