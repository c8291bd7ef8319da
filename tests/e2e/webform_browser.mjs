// Fills web forms the way a person does, in one headless Chromium:
//   node tests/e2e/webform_browser.mjs SITE_DIR OUT_DIR PAGE.html=FIXTURE.json …
// For each page: types every fixture value with the keyboard (Space for check
// boxes and radio buttons), reloads and reads the values back, checks them,
// exports the JSON, imports it into a fresh browser profile, prints the page
// to PDF and saves the filled PDF; the files land in OUT_DIR/<form>/ for the
// Rust test to read back. Then a wrong date and wrong ふりがな must give
// linked messages. Prints one line per step; exits 1 on any fault.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './browser.mjs';

const [site, outDir, ...pairs] = process.argv.slice(2);
const faults = [];
const fault = (m) => { faults.push(m); console.log(`FAULT ${m}`); };
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const diff = (a, b) => Object.keys({ ...a, ...b }).filter((k) => !same(a[k], b[k]))
  .slice(0, 5).map((k) => `${k}: ${JSON.stringify(a[k])} ≠ ${JSON.stringify(b[k])}`).join('; ');

const { browser, close } = await launch();

async function fresh(downloads) {
  const context = await browser.createBrowserContext();
  const tab = await context.newPage();
  tab.on('dialog', (d) => d.accept());
  tab.on('pageerror', (e) => fault(`page error: ${e.message}`));
  const cdp = await tab.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, browserContextId: context.id });
  return { context, tab };
}

async function waitFile(file, ms = 60000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (fs.existsSync(file) && fs.statSync(file).size > 0 && !fs.existsSync(`${file}.crdownload`)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

try {
  for (const pair of pairs) {
    const [page, fixtureFile] = pair.split('=');
    const fixture = JSON.parse(fs.readFileSync(fixtureFile, 'utf8'));
    const id = path.basename(page, '.html');
    const dir = path.resolve(outDir, id);
    fs.mkdirSync(dir, { recursive: true });
    const url = pathToFileURL(path.resolve(site, page)).href;
    const { context, tab } = await fresh(dir);
    await tab.goto(url, { waitUntil: 'load' });

    // Type every value by keyboard, in the page's own order.
    const order = await tab.evaluate(() => Array.from(document.getElementById('webform').elements)
      .filter((e) => e.name && e.type !== 'file').map((e) => ({ id: e.id, name: e.name, type: e.type, value: e.value })));
    const names = [...new Set(order.map((e) => e.name))].sort();
    if (!same(names, Object.keys(fixture).sort())) fault(`${id}: the page's fields are not the fixture's`);
    // Tab alone walks every field once, in the definition's order, and on to the buttons.
    const inOrder = [...new Set(order.map((e) => e.name))];
    await tab.focus(`#${order[0].id}`);
    const visited = [await tab.evaluate(() => document.activeElement.name)];
    for (let i = 0; i < inOrder.length + 2 && visited.length < inOrder.length; i += 1) {
      await tab.keyboard.press('Tab');
      const name = await tab.evaluate(() => document.activeElement.name || '');
      if (name && name !== visited[visited.length - 1]) visited.push(name);
    }
    if (same(visited, inOrder)) console.log(`${id}: Tab reaches all ${inOrder.length} fields in order`);
    else fault(`${id}: Tab order differs: ${visited.find((n, i) => n !== inOrder[i])} where ${inOrder[visited.findIndex((n, i) => n !== inOrder[i])]} was due`);
    for (const e of order) {
      const want = fixture[e.name];
      if (e.type === 'radio' || e.type === 'checkbox') {
        if ((e.type === 'radio' && want === e.value) || (e.type === 'checkbox' && want === true)) {
          await tab.focus(`#${e.id}`);
          await tab.keyboard.press('Space');
        }
      } else if (want) {
        await tab.focus(`#${e.id}`);
        await tab.keyboard.type(want);
      }
    }
    await tab.click('#webform button[type="submit"]');
    const summaryHidden = await tab.$eval('#wf-summary', (s) => s.hidden);
    if (!summaryHidden) fault(`${id}: the fixture is reported as faulty: ${await tab.$eval('#wf-summary', (s) => s.textContent)}`);

    await tab.reload({ waitUntil: 'load' });
    const kept = await tab.evaluate(() => window.tebikiWebform.values());
    if (same(kept, fixture)) console.log(`${id}: typed by keyboard and kept after reload (${names.length} fields)`);
    else fault(`${id}: values after reload differ: ${diff(kept, fixture)}`);

    await tab.click('[data-action="export"]');
    const json = path.join(dir, `${id}.json`);
    if (await waitFile(json)) {
      const exported = JSON.parse(fs.readFileSync(json, 'utf8'));
      if (same(exported, fixture)) console.log(`${id}: exported JSON equals the fixture`);
      else fault(`${id}: exported JSON differs: ${diff(exported, fixture)}`);
    } else fault(`${id}: no JSON was exported`);

    await tab.emulateMediaType('print');
    await tab.pdf({ path: path.join(dir, 'printed.pdf'), preferCSSPageSize: true, printBackground: true });
    await tab.emulateMediaType(null);
    console.log(`${id}: printed`);

    await tab.click('[data-action="pdf"]');
    const filled = path.join(dir, `${id}-入力済み.pdf`);
    if (await waitFile(filled)) console.log(`${id}: filled PDF saved`);
    else fault(`${id}: no filled PDF: ${await tab.$eval('#wf-status', (s) => s.textContent)}`);
    const loaded = await tab.evaluate(() => Boolean(window.PDFLib));
    if (!loaded) fault(`${id}: the PDF library was not loaded for the download`);
    await context.close();

    // A fresh profile: nothing kept, the library not loaded until asked for.
    const other = await fresh(dir);
    await other.tab.goto(url, { waitUntil: 'load' });
    const empty = await other.tab.evaluate(() => window.tebikiWebform.values());
    if (Object.values(empty).some((v) => v !== '' && v !== false && v !== null)) fault(`${id}: a fresh profile is not empty`);
    if (await other.tab.evaluate(() => Boolean(window.PDFLib))) fault(`${id}: the PDF library loads with the page`);
    const input = await other.tab.$('#wf-import');
    await input.uploadFile(json);
    await other.tab.waitForFunction(() => document.getElementById('wf-status').textContent.includes('読み込みました'));
    const imported = await other.tab.evaluate(() => window.tebikiWebform.values());
    if (same(imported, fixture)) console.log(`${id}: imported into a fresh page`);
    else fault(`${id}: imported values differ: ${diff(imported, fixture)}`);

    // Clearing empties the page and what the browser kept.
    await other.tab.click('[data-action="clear"]');
    await other.tab.reload({ waitUntil: 'load' });
    const cleared = await other.tab.evaluate(() => window.tebikiWebform.values());
    if (Object.values(cleared).some((v) => v !== '' && v !== false && v !== null)) fault(`${id}: 入力内容を消去 left values`);
    else console.log(`${id}: cleared`);
    await other.context.close();
  }

  // Wrong input: a date that does not exist, ふりがな in kanji, a short phone number.
  const [first] = pairs[0].split('=');
  const { context, tab } = await fresh(path.resolve(outDir));
  await tab.goto(pathToFileURL(path.resolve(site, first)).href, { waitUntil: 'load' });
  const date = await tab.$eval('[data-date] input[name$=".year"]', (e) => e.closest('[data-date]').id);
  const part = (p) => `#${date} input[name$=".${p}"]`;
  const era = await tab.$(`#${date} input[value="reiwa"]`);
  if (era) {
    await tab.focus(`#${date} input[value="reiwa"]`);
    await tab.keyboard.press('Space');
  }
  for (const [p, v] of [['year', '1'], ['month', '4'], ['day', '30']]) {
    await tab.focus(part(p));
    await tab.keyboard.type(v);
  }
  const kana = await tab.$eval('input[data-format="kana"]', (e) => e.id);
  await tab.focus(`#${kana}`);
  await tab.keyboard.type('髙橋');
  const phone = await tab.$eval('input[data-format="phone"]', (e) => e.id);
  await tab.focus(`#${phone}`);
  await tab.keyboard.type('0852-55');
  await tab.click('#webform button[type="submit"]');
  const report = await tab.evaluate(() => ({
    focused: document.activeElement.id,
    links: Array.from(document.querySelectorAll('#wf-summary-list a')).map((a) => {
      const target = document.querySelector(a.getAttribute('href'));
      return { text: a.textContent, target: target ? target.id : null };
    }),
    invalid: Array.from(document.querySelectorAll('[aria-invalid="true"]')).map((e) => ({
      id: e.id,
      described: (e.getAttribute('aria-describedby') || e.closest('fieldset')?.getAttribute('aria-describedby') || ''),
    })),
  }));
  if (report.focused !== 'wf-summary') fault(`the message list does not take the focus (${report.focused})`);
  const messages = report.links.map((l) => l.text).join(' / ');
  for (const want of ['令和は令和元年5月1日からです', 'ひらがなかカタカナ', '10けたか11けた']) {
    if (!messages.includes(want)) fault(`no message saying ${want}: ${messages}`);
  }
  if (report.links.some((l) => !l.target)) fault(`a message links nowhere: ${JSON.stringify(report.links)}`);
  for (const i of report.invalid) {
    const ids = i.described.split(' ');
    const shown = await tab.evaluate((list) => list.some((x) => {
      const e = document.getElementById(x);
      return e && !e.hidden && e.classList.contains('wf-error') && e.textContent.length > 0;
    }), ids);
    if (!shown) fault(`${i.id} is invalid without a message it is described by`);
  }
  if (report.invalid.length < 3) fault(`only ${report.invalid.length} fields marked invalid`);
  // Following a message's link puts the keyboard in its field.
  await tab.focus('#wf-summary-list a');
  await tab.keyboard.press('Enter');
  const landed = await tab.evaluate(() => document.activeElement.id);
  if (landed !== report.links[0].target) fault(`the first message leads to ${landed}, not ${report.links[0].target}`);
  console.log(`messages: ${messages}`);
  await context.close();
} finally {
  await close();
}
if (faults.length) {
  console.log(`${faults.length} faults`);
  process.exit(1);
}
console.log('webforms: no faults');
