// The comparison of the cities a reader picks (comparison.html), opened from
// file:// in headless Chromium and used by keyboard only:
// - with nothing picked, the button says so in an alert and moves focus to the choices;
// - picking 逗子市 and 伊勢市 (Space) and pressing the button (Enter) builds
//   tables of exactly those two cities, every cell equal in text and links to
//   the same city's column of the page's own full comparison, and moves focus
//   to the new heading;
// - the address then names the picked cities, and opening it again shows the
//   same comparison.
//
// usage: node tests/e2e/compare.mjs SITE_DIR
import path from 'node:path';
import { launch } from './browser.mjs';

const site = path.resolve(process.argv[2]);
// In the page's order (by prefecture): 逗子市 (神奈川県) before 伊勢市 (三重県).
const PICK = ['zushi', 'ise'];
const faults = [];
const { browser, close } = await launch();
try {
  const tab = await browser.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  await tab.goto(`file://${site}/comparison.html`, { waitUntil: 'load' });

  await tab.focus('#compare-picker button[type=submit]');
  await tab.keyboard.press('Enter');
  const alert = await tab.$eval('#pick-error', (e) => ({ hidden: e.hidden, text: e.textContent, role: e.getAttribute('role') }));
  if (alert.hidden || !/1つ以上選んで/.test(alert.text) || alert.role !== 'alert') faults.push(`no alert for an empty choice: ${JSON.stringify(alert)}`);
  const focused = await tab.evaluate(() => document.activeElement?.name);
  if (focused !== 'c') faults.push(`focus is not on the choices after the alert (${focused})`);

  for (const id of PICK) {
    await tab.focus(`#compare-picker input[value=${id}]`);
    await tab.keyboard.press('Space');
  }
  await tab.focus('#compare-picker button[type=submit]');
  await tab.keyboard.press('Enter');
  await tab.waitForSelector('#picked', { timeout: 10000 });

  const seen = await tab.evaluate((PICK) => {
    const out = { faults: [] };
    if (document.activeElement?.id !== 'picked') out.faults.push('focus did not move to the picked comparison');
    if (!document.getElementById('pick-error').hidden) out.faults.push('the alert is still shown');
    const cells = (c) => ({ text: c.textContent.replace(/\s+/g, ' ').trim(), links: [...c.querySelectorAll('a')].map((a) => a.href) });
    const picked = [...document.querySelectorAll('#compare-picked table')];
    const full = [...document.querySelectorAll('main > section table.compare')].filter((t) => !t.closest('#compare-picked'));
    out.tables = picked.length;
    if (picked.length !== 4 || full.length < 4) out.faults.push(`${picked.length} picked tables, ${full.length} full ones`);
    picked.forEach((table, n) => {
      const head = [...table.querySelectorAll('thead th')].slice(1).map((th) => th.textContent.trim());
      const fullTable = full[n];
      const fullHead = [...fullTable.querySelectorAll('thead th')].map((th) => th.textContent.trim());
      const expected = PICK.map((id) => document.querySelector(`#compare-picker input[value=${id}]`).parentElement.textContent.trim());
      if (JSON.stringify(head) !== JSON.stringify(expected)) out.faults.push(`table ${n}: columns ${head} instead of ${expected}`);
      const rows = [...table.querySelectorAll('tbody tr')];
      const fullRows = [...fullTable.querySelectorAll('tbody tr')];
      if (rows.length !== fullRows.length) out.faults.push(`table ${n}: ${rows.length} rows, the full one ${fullRows.length}`);
      rows.forEach((row, r) => {
        const label = row.querySelector('th').textContent.trim();
        const fullRow = fullRows[r];
        if (label !== fullRow?.querySelector('th').textContent.trim()) out.faults.push(`table ${n} row ${r}: ${label}`);
        const mine = [...row.querySelectorAll('td')].map(cells);
        const theirs = [...fullRow.children];
        mine.forEach((cell, i) => {
          const at = fullHead.indexOf(head[i]);
          const other = cells(theirs[at]);
          if (JSON.stringify(cell) !== JSON.stringify(other)) out.faults.push(`table ${n} ${label} ${head[i]}: ${JSON.stringify(cell)} ≠ ${JSON.stringify(other)}`);
        });
      });
    });
    out.cells = picked.reduce((n, t) => n + t.querySelectorAll('td').length, 0);
    return out;
  }, PICK);
  faults.push(...seen.faults);
  console.log(`picked: ${seen.tables} tables, ${seen.cells} cells compared with the full comparison`);

  const address = tab.url();
  if (!address.endsWith(`#c=${PICK.join(',')}`)) faults.push(`the address does not name the picked cities: ${address}`);
  const again = await browser.newPage();
  await again.goto(address, { waitUntil: 'load' });
  await again.waitForSelector('#picked', { timeout: 10000 });
  const columns = await again.evaluate(() => [...document.querySelector('#compare-picked table').querySelectorAll('thead th')].slice(1).map((t) => t.textContent.trim()));
  if (columns.length !== PICK.length) faults.push(`the shared address shows ${columns}`);
  if (errors.length) faults.push(...errors.map((e) => `script error: ${e}`));
} finally {
  await close();
}
if (faults.length) {
  console.log(faults.join('\n'));
  process.exit(1);
}
console.log('compare: no faults');
