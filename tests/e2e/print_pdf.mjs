// Prints a built page to PDF with Chromium the way a reader's print dialog
// does, honouring the page size the stylesheet asks for:
//   node tests/e2e/print_pdf.mjs site/ise/flows/registration.html out.pdf
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './browser.mjs';

const [page, out] = process.argv.slice(2);
if (!page || !out) {
  console.error('usage: print_pdf.mjs PAGE.html OUT.pdf');
  process.exit(2);
}
const { browser, close } = await launch();
try {
  const tab = await browser.newPage();
  await tab.goto(pathToFileURL(path.resolve(page)).href, { waitUntil: 'load' });
  await tab.emulateMediaType('print');
  await tab.pdf({ path: out, preferCSSPageSize: true, printBackground: true });
} finally {
  await close();
}
