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

  // A word on many pages: the status does not claim a count it does not know,
  // and 「さらに表示」 shows ten more, with the focus on the first new one.
  await page.goto(`${base}/index.html`, { waitUntil: 'load' });
  await page.focus('#search-q');
  await page.keyboard.type('加算');
  await page.waitForSelector('[data-search-results] li a', { timeout: 15000 });
  const before = await page.$$eval('[data-search-results] li a', (as) => as.length);
  const said = await page.$eval('[data-search-status]', (p) => p.textContent.trim());
  if (before !== 10) await fail(`加算 shows ${before} results, not the first 10`);
  if (!/表示しています/.test(said)) await fail(`the status hides that more were found: ${said}`);
  const more = await page.$('.search-more:not([hidden])');
  if (!more) await fail('no 「さらに表示」 button under ten results of many');
  await more.click();
  await page.waitForFunction(() => document.querySelectorAll('[data-search-results] li a').length > 10, { timeout: 15000 });
  const after = await page.$$eval('[data-search-results] li a', (as) => as.length);
  const focusAt = await page.evaluate(() => [...document.querySelectorAll('[data-search-results] li a')].indexOf(document.activeElement));
  if (focusAt !== 10) await fail(`after 「さらに表示」 the focus is on result ${focusAt + 1}, not 11`);
  console.log(`加算: "${said}"; さらに表示 → ${after} results, focus on the 11th`);

  // Opened from disk: the box says why it cannot search.
  const local = await browser.newPage();
  await local.goto(`file://${site}/ise/index.html`, { waitUntil: 'load' });
  const offline = await local.$eval('#search-offline', (p) => !p.hidden && p.offsetHeight > 0 && p.textContent);
  if (!offline) await fail('from file:// the search box does not say that search needs a web server');
  const described = await local.$eval('#search-q', (i) => i.getAttribute('aria-describedby'));
  if (described !== 'search-offline') await fail(`the box is not described by the file:// note (${described})`);
  console.log(`file://: "${offline.trim()}"`);

  // With JavaScript off: the <noscript> note is shown where the box is.
  const plain = await browser.newPage();
  await plain.setJavaScriptEnabled(false);
  await plain.goto(`${base}/ise/index.html`, { waitUntil: 'load' });
  const noscript = await plain.$eval('.site-search', (f) => f.innerText);
  if (!/JavaScriptが必要/.test(noscript)) await fail(`no note without JavaScript: ${noscript}`);
  if (/ファイルとして直接開かれて/.test(noscript)) await fail('the file:// note shows over HTTP');
  console.log('no JavaScript: the box says search needs it');
} finally {
  await close();
  server.close();
}
