// Runs axe-core (WCAG 2.0, 2.1 and 2.2 A/AA rules, target size included) in
// headless chromium over the given pages of a built site, at 1280 and at
// 360 px, and checks that none scrolls sideways at 360 px.
//   node tests/e2e/axe.mjs [--results OUT.json] SITE_DIR page.html [page.html …]
// Prints every violation and exits 1 when there is any. With --results it
// also writes what each rule found over all pages (for the 試験結果 page).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { launch } from './browser.mjs';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const args = process.argv.slice(2);
let resultsFile = null;
if (args[0] === '--results') {
  resultsFile = args[1];
  args.splice(0, 2);
}
const [site, ...pages] = args;
// Rule id → { tags, violations (pages), passes (pages) }, over both widths.
const rules = new Map();
const tested = [];
if (!site || pages.length === 0) {
  console.error('usage: axe.mjs SITE_DIR PAGE…');
  process.exit(2);
}

const { browser, close } = await launch();
let failures = 0;
try {
  const tab = await browser.newPage();
  for (const page of pages) {
    const url = pathToFileURL(path.resolve(site, page)).href;
    let count = 0;
    for (const width of [1280, 360]) {
      await tab.setViewport({ width, height: width === 360 ? 800 : 900 });
      await tab.goto(url, { waitUntil: 'load' });
      await tab.evaluate(axeSource);
      const result = await tab.evaluate(() =>
        window.axe.run(document, {
          runOnly: {
            type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'],
          },
          resultTypes: ['violations'],
        }),
      );
      for (const v of result.violations) {
        failures += 1;
        console.log(`${page} at ${width} px: [${v.impact}] ${v.id}: ${v.help}`);
        for (const node of v.nodes.slice(0, 5)) {
          console.log(`    ${node.target.join(' ')}: ${node.failureSummary.replace(/\n/g, ' ')}`);
        }
      }
      count += result.violations.length;
      for (const [kind, list] of [['violations', result.violations], ['passes', result.passes],
        ['incomplete', result.incomplete], ['inapplicable', result.inapplicable]]) {
        for (const rule of list) {
          const seen = rules.get(rule.id) ?? { tags: rule.tags, violations: 0, passes: 0, incomplete: 0 };
          if (kind !== 'inapplicable') seen[kind] += 1;
          rules.set(rule.id, seen);
        }
      }
      if (width === 360) {
        const scrolled = await tab.evaluate(() => document.documentElement.scrollWidth);
        if (scrolled > 360) {
          failures += 1;
          console.log(`${page}: scrolls sideways at 360 px (content is ${scrolled} px wide)`);
        }
      }
    }
    tested.push({ path: page, title: await tab.title(), violations: count });
    console.log(`${page}: ${count} violations`);
  }
  if (resultsFile) {
    const version = JSON.parse(fs.readFileSync(require.resolve('axe-core/package.json'), 'utf8')).version;
    const sorted = [...rules.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([id, r]) => ({ id, ...r }));
    fs.writeFileSync(resultsFile, JSON.stringify({ tool: `axe-core ${version}`, widths: [1280, 360], pages: tested, rules: sorted }, null, 1));
  }
} finally {
  await close();
}
if (failures > 0) {
  console.log(`${failures} accessibility problems`);
  process.exit(1);
}
console.log(`${pages.length} pages: no accessibility violations`);
