// Search as a reader uses it, in headless Chromium: the built site is served
// over HTTP on 127.0.0.1, a query is typed into the box of a city page, the
// results appear (and are announced in the live region), and one is followed
// with the keyboard alone.
//
// usage: node tests/e2e/search_browser.mjs SITE_DIR
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { launch } from './browser.mjs';

const site = path.resolve(process.argv[2]);
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.bin': 'application/octet-stream', '.gz': 'application/gzip' };
const server = http.createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = path.join(site, url);
  if (!file.startsWith(site)) { res.writeHead(403).end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

const { browser, close } = await launch();
const fail = async (message) => { console.error(message); await close(); server.close(); process.exit(1); };
try {
  const page = await browser.newPage();
  await page.goto(`${base}/ise/index.html`, { waitUntil: 'load' });
  await page.focus('#search-q');
  await page.keyboard.type('相談強化加算 何回');
  await page.waitForSelector('[data-search-results] li a', { timeout: 15000 });
  const titles = await page.$$eval('[data-search-results] li a', (as) => as.map((a) => a.textContent.trim()));
  const status = await page.$eval('[data-search-status]', (p) => p.textContent.trim());
  if (!titles.some((t) => t.includes('相談強化加算'))) await fail(`no result names the add-on: ${JSON.stringify(titles)}`);
  if (!status) await fail('the live region announced nothing');
  const live = await page.$eval('[data-search-status]', (p) => p.getAttribute('aria-live'));
  if (live !== 'polite') await fail(`status is not a polite live region: ${live}`);
  const marked = await page.$$eval('[data-search-results] mark', (m) => m.length);
  if (marked === 0) await fail('no hit is highlighted in the snippets');

  // Keyboard only: ↓ into the results, Enter follows the focused result.
  await page.keyboard.press('ArrowDown');
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('href'));
  if (!focused) await fail('ArrowDown did not move focus into the results');
  await Promise.all([page.waitForNavigation({ timeout: 15000 }), page.keyboard.press('Enter')]);
  const landed = page.url();
  if (landed.startsWith(`${base}/ise/index.html`)) await fail(`Enter did not follow the result (${landed})`);
  const h1 = await page.$eval('h1', (h) => h.textContent);
  console.log(`typed 相談強化加算 何回: ${titles.length} results, "${status}"; followed ${focused} → ${h1}`);
} finally {
  await close();
  server.close();
}
