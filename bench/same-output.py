#!/usr/bin/env python3
"""Builds the same inputs with two tebiki binaries and compares the outputs byte for byte.

A change that should not change what tebiki writes (a refactoring) is proven
so: the bundled content and a synthetic corpus of many municipalities (the
one bench/site.py times) are built with the binary before the change and the
one after it, and every file of the two sites is compared.

Usage: bench/same-output.py BEFORE AFTER [--pages 10000] [--no-guides-on-corpus]
  e.g. git worktree add /tmp/before <rev> && cargo build --manifest-path /tmp/before/Cargo.toml
       bench/same-output.py /tmp/before/target/debug/tebiki target/debug/tebiki
"""

import argparse
import filecmp
import shutil
import sys
import tempfile
from pathlib import Path

import importlib.util

# bench/site.py (named like Python's own `site` module, so loaded by path).
_spec = importlib.util.spec_from_file_location("bench_site", Path(__file__).resolve().parent / "site.py")
bench_site = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_site)

ROOT = bench_site.ROOT


def build(tebiki, content, forms, out, guides):
    extra = [] if guides else ["--no-guides"]
    bench_site.run([tebiki, "--content", content, "--forms", forms, "--themes", ROOT / "themes",
                    "build", "--out", out, "--as-of", "2025-04-01", *extra])


def differences(a, b):
    """Paths (relative) whose bytes differ or that only one side has."""
    files = lambda root: {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    left, right = files(a), files(b)
    differ = sorted(left ^ right)
    for rel in sorted(left & right):
        if not filecmp.cmp(a / rel, b / rel, shallow=False):
            differ.append(rel)
    return len(left | right), differ


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--pages", type=int, default=10000, help="minimum pages of the synthetic site")
    parser.add_argument("--no-guides-on-corpus", action="store_true",
                        help="build the corpus without its printable guides (much quicker)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tebiki-same-"))
    failed = False
    try:
        sites = {}
        for side, tebiki in (("before", args.before), ("after", args.after)):
            build(tebiki, ROOT / "content", ROOT / "forms", work / side / "bundled", True)
            sites.setdefault("bundled content", []).append(work / side / "bundled")
        pages = sum(1 for _ in (work / "before" / "bundled").rglob("*.html"))
        city_ids = {p.name for p in (ROOT / "content" / "cities").iterdir() if (p / "city.toml").is_file()}
        per_copy = sum(1 for p in (work / "before" / "bundled").rglob("*.html")
                       if p.relative_to(work / "before" / "bundled").parts[0] in city_ids)
        content, _ = bench_site.synthetic_corpus(args.pages - (pages - per_copy), per_copy, work / "corpus")
        for side, tebiki in (("before", args.before), ("after", args.after)):
            build(tebiki, content, ROOT / "forms", work / side / "corpus", not args.no_guides_on_corpus)
            sites.setdefault(f"synthetic corpus ({len(list((content / 'cities').iterdir()))} municipalities)",
                             []).append(work / side / "corpus")
        for name, (a, b) in sites.items():
            total, differ = differences(a, b)
            print(f"{name}: {total} files, {len(differ)} differ")
            for rel in differ[:20]:
                print(f"  {rel}")
            failed |= bool(differ)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
