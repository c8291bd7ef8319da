// Opens each printable guide with pdf.js (Firefox's PDF engine) under Node:
// every page loads and yields text, the outline is read, and any warning or
// error pdf.js reports fails the check. Prints one JSON line per PDF:
// {"pdf", "pages", "outline": [titles, depth first]}.
//
// usage: node check_guide_pdfjs.mjs PDF...

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../node_modules/pdfjs-dist/");
const failures = [];
const problems = [];
// pdf.js reports what it could not read through console warnings.
const warn = console.warn;
console.warn = (...args) => problems.push(args.join(" "));
console.error = (...args) => problems.push(args.join(" "));

function titles(items, out) {
  for (const item of items ?? []) {
    out.push(item.title);
    titles(item.items, out);
  }
  return out;
}

for (const file of process.argv.slice(2)) {
  const doc = await getDocument({
    data: new Uint8Array(fs.readFileSync(file)),
    useSystemFonts: false,
    verbosity: 1,
    cMapUrl: path.join(dist, "cmaps/"),
    cMapPacked: true,
    standardFontDataUrl: path.join(dist, "standard_fonts/"),
  }).promise;
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const text = await page.getTextContent();
    if (!text.items.some((t) => t.str.trim() !== "")) failures.push(`${file}: page ${i} has no text for pdf.js`);
    await page.getOperatorList();
  }
  const outline = titles(await doc.getOutline(), []);
  process.stdout.write(JSON.stringify({ pdf: file, pages: doc.numPages, outline }) + "\n");
  await doc.destroy();
}
// The shipped font's hinting calls a TrueType function its subset leaves out;
// pdf.js draws without hinting then, as it does for the forms. Anything else fails.
const HINTING = /^Warning: TT: undefined function: \d+$/;
for (const p of problems) if (!HINTING.test(p)) failures.push(`pdf.js: ${p}`);
if (failures.length) {
  warn(failures.join("\n"));
  process.exit(1);
}
