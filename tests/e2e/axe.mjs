// Runs axe-core (WCAG 2.1 A/AA rules) in headless chromium over the given
// pages of a built site, and checks that none scrolls sideways at 360 px.
//   node tests/e2e/axe.mjs SITE_DIR page.html [page.html …]
// Prints every violation and exits 1 when there is any.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { launch } from './browser.mjs';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const [site, ...pages] = process.argv.slice(2);
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
    await tab.setViewport({ width: 1280, height: 900 });
    await tab.goto(url, { waitUntil: 'load' });
    await tab.evaluate(axeSource);
    const result = await tab.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        resultTypes: ['violations'],
      }),
    );
    for (const v of result.violations) {
      failures += 1;
      console.log(`${page}: [${v.impact}] ${v.id}: ${v.help}`);
      for (const node of v.nodes.slice(0, 5)) {
        console.log(`    ${node.target.join(' ')}: ${node.failureSummary.replace(/\n/g, ' ')}`);
      }
    }
    await tab.setViewport({ width: 360, height: 800 });
    const width = await tab.evaluate(() => document.documentElement.scrollWidth);
    if (width > 360) {
      failures += 1;
      console.log(`${page}: scrolls sideways at 360 px (content is ${width} px wide)`);
    }
    console.log(`${page}: ${result.violations.length} violations`);
  }
} finally {
  await close();
}
if (failures > 0) {
  console.log(`${failures} accessibility problems`);
  process.exit(1);
}
console.log(`${pages.length} pages: no accessibility violations`);
