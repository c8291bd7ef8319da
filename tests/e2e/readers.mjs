// What readers see on a phone (360 px) and a wide screen (1280 px), in
// headless Chromium over HTTP:
// - no request of a page load fails (the favicon is there);
// - on a phone the header ends within 120 px;
// - every data table scrolls inside a labelled, focusable region no taller
//   than the window, keeps its columns at least 100 px wide, and says what
//   each mark in its cells (○, △, ／, —) means;
// - in a role × step matrix, after scrolling right and down, the organisation
//   column and the step header are still in view;
// - every control reached with Tab shows a focus outline of at least 2 px at
//   3:1 or more against the page, and is at least 24 × 24 px;
// - printed, no table region cuts its table.
//
// usage: node tests/e2e/readers.mjs SITE_DIR
// Prints one line of figures per page and width; exits 1 on the first fault list.
import path from 'node:path';
import { launch } from './browser.mjs';
import { serve } from './static_server.mjs';

const site = path.resolve(process.argv[2]);
const PAGES = ['index.html', 'kushiro/flows/emergency.html', 'ise/flows/registration.html',
  'yokkaichi/tables.html', 'national/tables.html', 'kushiro/contacts.html', 'zushi/qa.html'];
// Flows whose duties are shown as a table (the others list each organisation's steps).
const MATRICES = ['ise/flows/registration.html'];
const HEADER_MAX = 120;
const COLUMN_MIN = 100;

const { base, close: stop } = await serve(site);
const { browser, close } = await launch();
const faults = [];
try {
  const tab = await browser.newPage();
  const failed = [];
  tab.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  tab.on('requestfailed', (r) => failed.push(`failed ${r.url()}`));
  for (const width of [360, 1280]) {
    await tab.setViewport({ width, height: 740 });
    for (const page of PAGES) {
      failed.length = 0;
      await tab.goto(`${base}/${page}`, { waitUntil: 'networkidle0' });
      for (const f of failed) faults.push(`${width} ${page}: ${f}`);
      const seen = await tab.evaluate((COLUMN_MIN) => {
        const out = { faults: [] };
        out.header = Math.round(document.querySelector('.site-header').getBoundingClientRect().bottom + scrollY);
        out.h1 = Math.round(document.querySelector('h1').getBoundingClientRect().top + scrollY);
        out.tables = [];
        for (const region of document.querySelectorAll('main .table-scroll')) {
          const name = region.getAttribute('aria-label')
            || document.getElementById(region.getAttribute('aria-labelledby') ?? '')?.textContent;
          if (region.getAttribute('role') !== 'region' || !name) out.faults.push('a table region without a name');
          if (region.tabIndex !== 0) out.faults.push(`region ${name} cannot be reached with Tab`);
          const box = region.getBoundingClientRect();
          if (box.height > innerHeight) out.faults.push(`region ${name} is ${Math.round(box.height)} px tall`);
          const narrow = [...region.querySelectorAll('th, td')].filter((c) => c.colSpan === 1 && c.getBoundingClientRect().width < COLUMN_MIN);
          if (narrow.length) out.faults.push(`${name}: ${narrow.length} cells narrower than ${COLUMN_MIN} px`);
          // Every mark in the cells is explained beside the table.
          const section = region.closest('section') ?? region.parentElement;
          const explained = [...section.querySelectorAll('.legend dt')].map((d) => d.textContent.trim());
          const notes = [...section.querySelectorAll('.notes .note-item')].map((n) => n.textContent.trim());
          const marks = new Set([...region.querySelectorAll('td')]
            .map((c) => c.textContent.trim().match(/^[○◎●△▲×■□★☆◇◆／/✓—](?=$|[\s(（])/u)?.[0]).filter(Boolean));
          for (const m of marks) {
            if (!explained.includes(m) && !notes.some((n) => n.startsWith(m))) out.faults.push(`${name}: the mark ${m} has no legend`);
          }
          const table = region.querySelector('table').getBoundingClientRect();
          out.tables.push(`${Math.round(table.width)}×${Math.round(table.height)} in ${Math.round(box.width)}×${Math.round(box.height)}`);
        }
        return out;
      }, COLUMN_MIN);
      for (const f of seen.faults) faults.push(`${width} ${page}: ${f}`);
      if (width === 360 && seen.header > HEADER_MAX) faults.push(`${width} ${page}: the header ends at ${seen.header} px`);

      if (MATRICES.includes(page)) {
        const kept = await tab.evaluate(async () => {
          const region = document.querySelector('main .table-scroll:has(table.matrix)');
          region.scrollIntoView();
          region.scrollBy(600, 500);
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const box = region.getBoundingClientRect();
          const at = (x, y) => document.elementFromPoint(x, y);
          // Just inside the region's left edge, below the header: a row header.
          const header = region.querySelector('thead th');
          const below = box.top + header.getBoundingClientRect().height + 20;
          const left = at(box.left + 10, below)?.closest('th');
          const top = at(box.left + box.width * 0.7, box.top + 10)?.closest('th');
          return {
            scrolled: [region.scrollLeft, region.scrollTop],
            organisation: left && left.getAttribute('scope') === 'row' ? left.textContent.trim() : null,
            step: top && top.closest('thead') ? top.textContent.trim() : null,
          };
        });
        if (kept.scrolled[0] === 0) faults.push(`${width} ${page}: the matrix did not scroll sideways`);
        if (!kept.organisation) faults.push(`${width} ${page}: after scrolling the organisation column is gone`);
        if (!kept.step) faults.push(`${width} ${page}: after scrolling the step header is gone`);
        console.log(`${width} ${page}: scrolled to ${kept.scrolled.join(',')}, still showing 「${kept.organisation}」 and 「${kept.step}」`);
      }

      // Tab through the first controls: each shows its focus and is big enough to hit.
      const focus = await tab.evaluate(() => {
        const parse = (c) => (c.match(/[\d.]+/g) || []).map(Number);
        const lum = ([r, g, b]) => {
          const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        window.__contrast = (a, b) => { const [x, y] = [lum(parse(a)), lum(parse(b))].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
        return true;
      });
      void focus;
      await tab.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
      const small = [];
      const unseen = [];
      let stops = 0;
      for (let i = 0; i < 40; i++) {
        await tab.keyboard.press('Tab');
        const f = await tab.evaluate(() => {
          const e = document.activeElement;
          if (!e || e === document.body) return null;
          const s = getComputedStyle(e);
          const b = e.getBoundingClientRect();
          let bg = 'rgb(255, 255, 255)';
          for (let p = e.parentElement; p; p = p.parentElement) {
            const c = getComputedStyle(p).backgroundColor;
            if (c && !c.endsWith(', 0)') && c !== 'transparent') { bg = c; break; }
          }
          const width = parseFloat(s.outlineWidth) || 0;
          const shown = s.outlineStyle !== 'none' && width >= 2 && window.__contrast(s.outlineColor, bg) >= 3;
          const label = (e.getAttribute('aria-label') || e.textContent || e.name || e.id || e.tagName).trim().slice(0, 30);
          const inline = e.tagName === 'A' && getComputedStyle(e).display === 'inline' && e.closest('p');
          return { label, shown, w: b.width, h: b.height, inline: !!inline, visible: b.width > 0 && b.height > 0 };
        });
        if (!f) break;
        stops++;
        if (!f.visible) continue;
        if (!f.shown) unseen.push(f.label);
        if (!f.inline && (f.w < 24 || f.h < 24)) small.push(`${f.label} ${Math.round(f.w)}×${Math.round(f.h)}`);
      }
      if (unseen.length) faults.push(`${width} ${page}: focus not visible on ${unseen.join(' | ')}`);
      if (small.length) faults.push(`${width} ${page}: targets under 24 px: ${small.join(' | ')}`);
      console.log(`${width} ${page}: header ends at ${seen.header} px, h1 at ${seen.h1} px; tables ${seen.tables.join(', ') || 'none'}; ${stops} tab stops checked`);
    }
  }
  // Printed, a table region shows its whole table: nothing is cut at the region's height.
  await tab.setViewport({ width: 1280, height: 740 });
  await tab.goto(`${base}/yokkaichi/tables.html`, { waitUntil: 'networkidle0' });
  await tab.emulateMediaType('print');
  const clipped = await tab.evaluate(() => [...document.querySelectorAll('main .table-scroll')]
    .filter((r) => r.scrollHeight > r.clientHeight + 1).length);
  if (clipped) faults.push(`print: ${clipped} table regions cut their table`);
  await tab.emulateMediaType('screen');
} finally {
  await close();
  stop();
}
if (faults.length) {
  console.log(faults.join('\n'));
  console.log(`${faults.length} faults`);
  process.exit(1);
}
console.log('readers: no faults');
