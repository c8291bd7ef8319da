#!/usr/bin/env python3
"""Times tebiki's website build against Hugo on equivalent Japanese pages.

1. Builds the bundled content (content/) and reports pages/s.
2. Generates a synthetic corpus of many municipalities from the bundled ones
   (each bundled city copied under new ids, with its real Japanese flows, Q&A,
   tables and pages, every copy worded differently: bench/corpus.py) until the
   site has at least --pages pages, and builds it.
3. Writes one Hugo Markdown page per tebiki page, holding the same Japanese text
   (the page's main content as paragraphs, lists and headings) under the same
   folders, with a layout of the same shape (header, breadcrumbs, navigation),
   and builds it with Hugo in the same run.
4. Prints pages/s for both and the ratio.

The bundled content is built with and without the printable guides in the
same run; --guides-on-corpus adds one build of the corpus with a guide per
municipality.

With --search, tebiki's search index of the corpus site is set against Pagefind's
on the same pages (bytes, build time, peak memory) and both engines are queried
in headless Chromium (bench/search-browser.mjs).

Usage: bench/site.py [--pages 10000] [--tebiki target/release/tebiki] [--keep DIR] [--guides-on-corpus]
                     [--against OTHER-TEBIKI] [--search]
"""

import argparse
import gzip
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import corpus

ROOT = Path(__file__).resolve().parent.parent


def run(cmd, cwd=None, stderr=False):
    """Runs a command and returns (seconds, stdout) or with `stderr` (seconds, stdout, stderr);
    stops the bench when it fails. Its peak resident memory (MB) is left in `run.peak_mb`."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err)
        # wait4 gives this child's own resource use, peak memory included.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        run.peak_mb = usage.ru_maxrss / 1024
        out.seek(0)
        err.seek(0)
        stdout, stderr_text = out.read().decode(), err.read().decode()
    if child.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed:\n{stdout}\n{stderr_text}")
    return (seconds, stdout, stderr_text) if stderr else (seconds, stdout)


def settle():
    """Flushes what earlier builds left to write, so that no build pays for the one before it."""
    os.sync()


def html_pages(site):
    return sorted(p for p in site.rglob("*.html"))


def largest_pages(site, count=3):
    """The `count` largest HTML pages of a built site: [(bytes, path relative to the site)]."""
    sizes = sorted(((p.stat().st_size, p.relative_to(site).as_posix()) for p in html_pages(site)), reverse=True)
    return sizes[:count]


def tebiki_build(tebiki, content, forms, out, runs, extra=()):
    """Best of `runs` builds: (seconds, pages, the best run's steps as `build --timings` prints them)."""
    best = None
    for _ in range(runs):
        if out.exists():
            shutil.rmtree(out)
        settle()
        seconds, stdout, stderr = run([tebiki, "--content", content, "--forms", forms,
                                       "--themes", ROOT / "themes", "build", "--out", out,
                                       "--as-of", "2025-04-01", "--timings", *extra], stderr=True)
        if best is None or seconds < best[0]:
            peak = run.peak_mb
            steps = re.findall(r"^\s*(.+?):\s+([\d.]+) ms$", stderr, re.M)
            summary = ", ".join(f"{name} {float(ms) / 1000:.2f} s" for name, ms in steps)
            slowest = re.search(r"slowest guide:\s+([\d.]+) ms \((.+)\)", stderr)
            if slowest:
                summary += f"; slowest guide {float(slowest.group(1)) / 1000:.3f} s ({slowest.group(2)})"
            best = (seconds, f"{summary}; peak memory {peak:,.0f} MB")
    match = re.search(r"built (\d+) pages", stdout)
    pages = int(match.group(1)) if match else len(html_pages(out))
    return best[0], pages, best[1]


def synthetic_corpus(target_pages, pages_per_copy, work):
    """The bundled cities and copies of them, each worded differently (bench/corpus.py), until
    the site would reach target_pages. Returns the content folder and the seconds it took."""
    copies = max(1, -(-target_pages // max(1, pages_per_copy)))
    start = time.perf_counter()
    content = corpus.corpus(work / "content", copies)
    return content, time.perf_counter() - start


MAIN = re.compile(r"<main[^>]*>(.*?)</main>", re.S)
TITLE = re.compile(r"<h1>(.*?)</h1>", re.S)
BLOCK = re.compile(r"<(h[1-6]|p|li|dt|dd|th|td|caption)\b[^>]*>(.*?)</\1>", re.S)
TAG = re.compile(r"<[^>]+>")


def text_of(fragment):
    return html.unescape(TAG.sub("", fragment)).strip()


def hugo_page(page_html):
    """The page's main content as Markdown: headings, paragraphs and list items."""
    main = MAIN.search(page_html)
    body = main.group(1) if main else page_html
    title = TITLE.search(body)
    lines = []
    for tag, inner in BLOCK.findall(body):
        text = text_of(inner)
        if not text or tag == "h1":
            continue
        if tag[0] == "h":
            lines.append("#" * int(tag[1]) + " " + text)
        elif tag in ("li", "dd", "td"):
            lines.append("- " + text)
        else:
            lines.append(text)
    return (text_of(title.group(1)) if title else "page"), "\n\n".join(lines)


HUGO_LAYOUT = """<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ .Site.Title }}</title><link rel="stylesheet" href="{{ "assets/style.css" | relURL }}"></head>
<body><a href="#main">本文へ移動</a>
<header><p><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></p></header>
<nav aria-label="現在位置"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}<li>{{ .Title }}</li></ol></nav>
<nav aria-label="この節">{{ with .Parent }}<ul>{{ range .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}</nav>
<main id="main"><h1>{{ .Title }}</h1>{{ .Content }}</main>
<footer><p>アクセシビリティ方針</p></footer></body></html>
"""


def hugo_site(tebiki_site, work):
    """A Hugo site with one Markdown page per tebiki page, same folders, same text."""
    site = work / "hugo"
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "layouts" / "_default" / "single.html").write_text(HUGO_LAYOUT, encoding="utf-8")
    (site / "layouts" / "_default" / "list.html").write_text(HUGO_LAYOUT, encoding="utf-8")
    (site / "hugo.toml").write_text(
        'baseURL = "/"\nlanguageCode = "ja"\ntitle = "地域生活支援拠点等 手引き"\n'
        'hasCJKLanguage = true\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
        'uglyURLs = true\n[markup.goldmark.renderer]\nunsafe = false\n',
        encoding="utf-8")
    count = 0
    for page in html_pages(tebiki_site):
        rel = page.relative_to(tebiki_site)
        title, body = hugo_page(page.read_text(encoding="utf-8"))
        name = "_index.md" if rel.name == "index.html" else rel.with_suffix(".md").name
        target = site / "content" / rel.parent / name
        target.parent.mkdir(parents=True, exist_ok=True)
        safe_title = title.replace("\\", "\\\\").replace('"', '\\"')
        target.write_text(f'+++\ntitle = "{safe_title}"\n+++\n\n{body}\n', encoding="utf-8")
        count += 1
    # Every folder is a Hugo section with its own list page, as every tebiki folder has an index.
    for folder in sorted(p for p in (site / "content").rglob("*") if p.is_dir()):
        index = folder / "_index.md"
        if not index.exists():
            index.write_text(f'+++\ntitle = "{folder.name}"\n+++\n', encoding="utf-8")
    return site, count


def hugo_build(site, runs):
    out = site / "public"
    best = None
    for _ in range(runs):
        if out.exists():
            shutil.rmtree(out)
        settle()
        seconds, _ = run(["hugo", "--quiet", "--source", site, "--destination", out])
        if best is None or seconds < best:
            best, hugo_build.peak_mb = seconds, run.peak_mb
    return best, len(html_pages(out))


def served_bytes(files):
    """Bytes on disk and bytes a static host sends with gzip on: a file already gzipped
    (tebiki's docs/*.json.gz, Pagefind's pf_* files) as it is, any other compressed at level 6
    when that is smaller."""
    on_disk = served = 0
    for path in files:
        data = path.read_bytes()
        on_disk += len(data)
        served += len(data) if data[:2] == b"\x1f\x8b" else min(len(data), len(gzip.compress(data, 6, mtime=0)))
    return on_disk, served


def search_comparison(site, work, steps):
    """tebiki's index of the built `site` against Pagefind's of the same pages, then both
    engines queried in headless Chromium (bench/search-browser.mjs)."""
    index = sorted(p for p in (site / "search").rglob("*")
                   if p.is_file() and (p.name == "index.json" or p.parent.name in ("terms", "docs")))
    # The engine a query page loads: the query engine and its loader (search-ui.js); Pagefind's below.
    engine = [site / "search" / "search.js", site / "search" / "search-ui.js"]
    t_disk, t_served = served_bytes(index)
    step = re.search(r"forms and search ([\d.]+) s", steps)
    print(f"search on the corpus site ({len(html_pages(site)):,} pages):")
    print(f"  tebiki:   index {t_disk:,} B in {len(index):,} files, {t_served:,} B as served (gzip); "
          f"engine {sum(p.stat().st_size for p in engine):,} B; "
          f"built in the build's \"forms and search\" step, {step.group(1) if step else '?'} s "
          "(forms and index side by side; the pages' text is cut in the \"pages\" step)")
    # Pagefind on a copy of the same pages (hard links: the pages are only read) without tebiki's index.
    pf_site = work / "pagefind-site"
    if pf_site.exists():
        shutil.rmtree(pf_site)
    shutil.copytree(site, pf_site, copy_function=os.link, ignore=lambda d, _: ["search"] if Path(d) == site else [])
    pagefind = ROOT / "node_modules" / ".bin" / "pagefind"
    settle()
    seconds, _ = run([pagefind, "--site", pf_site, "--root-selector", "main", "--quiet"])
    peak = run.peak_mb
    pf_files = sorted(p for p in (pf_site / "pagefind").rglob("*") if p.is_file())
    pf_index = [p for p in pf_files if re.search(r"\.(pf_meta|pf_index|pf_fragment|pf_filter)$|pagefind-entry\.json$", p.name)]
    pf_engine = [p for p in pf_files if re.search(r"^pagefind(-worker)?\.js$|^wasm\..*\.pagefind$", p.name)]
    p_disk, p_served = served_bytes(pf_index)
    version = run([pagefind, "--version"])[1].split()[-1]
    print(f"  pagefind: index {p_disk:,} B in {len(pf_index):,} files, {p_served:,} B as served (gzip); "
          f"engine {sum(p.stat().st_size for p in pf_engine):,} B; "
          f"built in {seconds:.3f} s, peak memory {peak:,.0f} MB (pagefind {version} --root-selector main)")
    _, stdout = run(["node", ROOT / "bench" / "search-browser.mjs", site, pf_site])
    report = json.loads(stdout)
    print(f"  query latency in headless Chromium, {report['queries']} seed queries, top 3 with snippets "
          "(tebiki: search(q, {limit: 3}); pagefind: search(q) and data() of the first 3):")
    for name in ("tebiki", "pagefind"):
        r = report[name]
        print(f"  {name + ':':9} open {r['open_ms']:.0f} ms ({r['open_bytes']:,} B)")
        for p in r["passes"]:
            print(f"    {p['pass']}: p50 {p['p50']:.1f} ms, p95 {p['p95']:.1f} ms, max {p['max']:.1f} ms; "
                  f"{p['bytes']:,} B in {p['files']:,} files fetched; recall@3 {100 * p['recall']:.0f} % "
                  f"(the original city alone: {100 * p['recall_original']:.0f} %)")
        print(f"    missed in the cold pass: {' · '.join(r['passes'][0]['missed']) or 'none'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10000, help="minimum pages of the synthetic site")
    parser.add_argument("--tebiki", default=str(ROOT / "target" / "release" / "tebiki"))
    parser.add_argument("--runs", type=int, default=3, help="builds per measurement; the best counts")
    parser.add_argument("--keep", help="keep the generated corpus and sites in this folder")
    parser.add_argument("--against", help="another tebiki binary (e.g. before a change) to time on the same corpus")
    parser.add_argument("--search", action="store_true",
                        help="also compare tebiki's search index with Pagefind's on the corpus site, "
                             "and both engines' query latency in headless Chromium")
    parser.add_argument("--guides-on-corpus", action="store_true",
                        help="also build the synthetic corpus with a printable guide per municipality (one run)")
    args = parser.parse_args()
    if shutil.which("hugo") is None:
        sys.exit("hugo not found: run scripts/deps/site.sh")
    if args.search:
        for need in (Path(os.environ.get("CHROMIUM", "/usr/bin/chromium")), ROOT / "node_modules" / ".bin" / "pagefind",
                     ROOT / "node_modules" / "puppeteer-core"):
            if not need.exists():
                sys.exit(f"{need} not found: run scripts/deps/site.sh")
    tebiki = Path(args.tebiki)
    if not tebiki.is_file():
        sys.exit(f"{tebiki} not found: run cargo build --release")
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="tebiki-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print(f"cores: {os.cpu_count()}, hugo: {run(['hugo', 'version'])[1].split()[1]}")
        seconds, pages, steps = tebiki_build(tebiki, ROOT / "content", ROOT / "forms", work / "bundled-site", args.runs)
        print(f"bundled content: tebiki {pages} pages in {seconds:.3f} s = {pages / seconds:,.0f} pages/s")
        print(f"  steps: {steps}")
        n_seconds, _, n_steps = tebiki_build(tebiki, ROOT / "content", ROOT / "forms", work / "bundled-site-no-guides",
                                             args.runs, ["--no-guides"])
        print(f"  without the printable guides (--no-guides): {n_seconds:.3f} s; with them {seconds:.3f} s")
        print(f"    steps: {n_steps}")
        city_ids = {p.name for p in (ROOT / "content" / "cities").iterdir() if (p / "city.toml").is_file()}
        bundled_pages = html_pages(work / "bundled-site")
        per_copy = sum(1 for p in bundled_pages if p.relative_to(work / "bundled-site").parts[0] in city_ids)
        shared_pages = pages - per_copy

        content, made = synthetic_corpus(args.pages - shared_pages, per_copy, work / "synthetic")
        cities = len(list((content / "cities").iterdir()))
        print(f"synthetic corpus: {cities} municipalities, each worded differently, written in {made:.2f} s")
        t_seconds, t_pages, t_steps = tebiki_build(tebiki, content, ROOT / "forms", work / "synthetic-site", args.runs,
                                                   ["--no-guides"])
        print(f"  tebiki: {t_pages} pages in {t_seconds:.3f} s = {t_pages / t_seconds:,.0f} pages/s "
              "(pages, fillable PDFs and search index; no printable guides, as Hugo makes none)")
        print(f"    steps: {t_steps}")
        # Pages read across cities grow with their number; a reader on a phone loads them whole.
        biggest = ", ".join(f"{path} {size / 1024:,.0f} KB" for size, path in largest_pages(work / "synthetic-site"))
        print(f"    largest pages: {biggest}")
        over = [p for p in html_pages(work / "synthetic-site") if p.stat().st_size > 500 * 1024]
        print(f"    pages over 500 KB: {len(over)}")
        if args.against:
            a_seconds, a_pages, _ = tebiki_build(Path(args.against), content, ROOT / "forms",
                                                 work / "synthetic-site-against", args.runs, ["--no-guides"])
            print(f"  {args.against}: {a_pages} pages in {a_seconds:.3f} s = {a_pages / a_seconds:,.0f} pages/s; "
                  f"ratio this/that (pages/s): {(t_pages / t_seconds) / (a_pages / a_seconds):.2f}")
        if args.guides_on_corpus:
            g_seconds, _, g_steps = tebiki_build(tebiki, content, ROOT / "forms", work / "synthetic-site-guides", 1)
            print(f"  tebiki with a printable guide per municipality: {g_seconds:.3f} s "
                  f"(without: {t_seconds:.3f} s)")
            print(f"    steps: {g_steps}")

        if args.search:
            search_comparison(work / "synthetic-site", work, t_steps)

        site, written = hugo_site(work / "synthetic-site", work)
        h_seconds, h_pages = hugo_build(site, args.runs)
        print(f"  hugo:   {h_pages} pages in {h_seconds:.3f} s = {h_pages / h_seconds:,.0f} pages/s "
              f"({written} Markdown pages with the same text; peak memory {hugo_build.peak_mb:,.0f} MB)")
        ratio = (t_pages / t_seconds) / (h_pages / h_seconds)
        print(f"  ratio tebiki/hugo (pages/s): {ratio:.2f}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
