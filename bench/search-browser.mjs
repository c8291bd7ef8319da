// Query latency of tebiki's search and of Pagefind in headless Chromium, each
// engine on its own copy of the same built site, served over HTTP on 127.0.0.1.
// For every seed query (tests/search/queries.mjs) the engine is asked, in the
// page, for the top 3 with what a results list shows: tebiki's `search(q,
// { limit: 3 })` (titles and snippets), Pagefind's `search(q)` and the `data()`
// (title, excerpt, sub-results) of its first 3. The first pass runs in a fresh
// browser context (empty HTTP cache, nothing loaded but the engine's entry
// file); the second pass repeats it in the same page (warm).
//
//   node bench/search-browser.mjs TEBIKI_SITE PAGEFIND_SITE
//
// Prints one JSON object: per engine, the time to open the engine, the query
// times of both passes (p50, p95, max), the bytes the server sent in each pass,
// and recall@3 with the queries it missed. A result counts as right when it holds what the query expects
// in the expected city or in a copy of it (`ise-0042` is a copy of `ise`), as
// every city of the bench corpus has hundreds of copies worded slightly
// differently; the original alone counts in `recall_original`.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { launch } from '../tests/e2e/browser.mjs';
import { QUERIES, matches } from '../tests/search/queries.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm' };

/** Serves `site` on 127.0.0.1, counting the bytes it sends; `/__bench.html` is an empty page. */
async function serve(site) {
  const root = path.resolve(site);
  const sent = { bytes: 0, files: 0 };
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (url === '/__bench.html') {
      res.writeHead(200, { 'content-type': TYPES['.html'] }).end('<!DOCTYPE html><html lang="ja"><title>bench</title>');
      return;
    }
    let file = path.join(root, url);
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404).end(); return; }
    const size = fs.statSync(file).size;
    sent.bytes += size;
    sent.files += 1;
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'content-length': size });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { base: `http://127.0.0.1:${server.address().port}`, sent, close: () => server.close() };
}

function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

const origin = (city) => (city ? city.replace(/-\d{4}$/, '') : city);

// What runs in the page: opens an engine (window.bench.open) and asks it one
// query (window.bench.ask), timed inside the page, so that the DevTools round
// trip is not counted.
const ENGINES = {
  tebiki: `window.bench = {
    async open() {
      const { createSearch } = await import('/search/search.js');
      const { fetchLoader } = await import('/search/search-ui.js');
      this.engine = await createSearch(fetchLoader(location.origin + '/'));
    },
    async ask(q) {
      const results = await this.engine.search(q, { limit: 3 });
      return results.map((r) => ({ title: r.title, page: r.page, city: r.city, snippet: r.snippet }));
    },
  };`,
  pagefind: `window.bench = {
    async open() {
      this.engine = await import('/pagefind/pagefind.js');
      await this.engine.init();
    },
    async ask(q) {
      const found = await this.engine.search(q);
      const data = await Promise.all(found.results.slice(0, 3).map((r) => r.data()));
      return data.map((d) => {
        const parts = d.url.replace(/^\\//, '').split('/');
        const city = parts.length > 1 && parts[0] !== 'national' ? parts[0] : null;
        const titles = [d.meta.title, ...(d.sub_results ?? []).slice(0, 3).map((s) => s.title)];
        return { title: titles.join(' / '), page: null, city, snippet: d.excerpt };
      });
    },
  };`,
};

async function measure(browser, name, site) {
  const server = await serve(site);
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.goto(`${server.base}/__bench.html`, { waitUntil: 'load' });
    await page.evaluate(ENGINES[name]);
    server.sent.bytes = 0;
    server.sent.files = 0;
    const openMs = await page.evaluate(async () => {
      const start = performance.now();
      await window.bench.open();
      return performance.now() - start;
    });
    const opened = { ...server.sent };
    const passes = [];
    for (const pass of ['cold', 'warm']) {
      server.sent.bytes = 0;
      server.sent.files = 0;
      const times = [];
      let found = 0;
      let original = 0;
      const missed = [];
      for (const expected of QUERIES) {
        const { ms, results } = await page.evaluate(async (q) => {
          const start = performance.now();
          const results = await window.bench.ask(q);
          return { ms: performance.now() - start, results };
        }, expected.q);
        times.push(ms);
        if (results.some((r) => matches({ ...r, city: origin(r.city) }, expected))) found++;
        else missed.push(expected.q);
        if (results.some((r) => matches(r, expected))) original++;
      }
      passes.push({ pass, ...summary(times), bytes: server.sent.bytes, files: server.sent.files,
        recall: found / QUERIES.length, recall_original: original / QUERIES.length, missed });
    }
    return { open_ms: openMs, open_bytes: opened.bytes, open_files: opened.files, passes };
  } finally {
    await context.close();
    server.close();
  }
}

const [tebikiSite, pagefindSite] = process.argv.slice(2);
if (!tebikiSite || !pagefindSite) {
  console.error('usage: node bench/search-browser.mjs TEBIKI_SITE PAGEFIND_SITE');
  process.exit(2);
}
const { browser, close } = await launch();
try {
  const report = { queries: QUERIES.length };
  report.tebiki = await measure(browser, 'tebiki', tebikiSite);
  report.pagefind = await measure(browser, 'pagefind', pagefindSite);
  console.log(JSON.stringify(report));
} finally {
  await close();
}
