// Saves a full-page PNG of a built page, to look at a layout:
//   node tests/e2e/screenshot.mjs site/ise/index.html out.png [width] [height]
// Without a height the whole page is captured.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './browser.mjs';

const [page, out, width = '1280', height] = process.argv.slice(2);
if (!page || !out) {
  console.error('usage: screenshot.mjs PAGE.html OUT.png [WIDTH] [HEIGHT]');
  process.exit(2);
}
const { browser, close } = await launch();
try {
  const tab = await browser.newPage();
  await tab.setViewport({ width: Number(width), height: Number(height || 800) });
  await tab.goto(pathToFileURL(path.resolve(page)).href, { waitUntil: 'load' });
  await tab.screenshot({ path: out, fullPage: !height });
} finally {
  await close();
}
