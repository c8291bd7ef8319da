// Prints, as JSON, every field value pdf.js (Firefox's PDF engine) reads from
// a filled form, and the fields whose widgets have no appearance stream.
//   node tests/pdf/read_filled_pdfjs.mjs FILLED.pdf
import fs from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const doc = await getDocument({ data, verbosity: 0 }).promise;
const fields = await doc.getFieldObjects();
const values = {};
for (const [name, list] of Object.entries(fields)) {
  const f = list.find((x) => x.type) || list[0];
  if (f.type === "text") values[name] = f.value ?? "";
}
const missing = [];
for (let p = 1; p <= doc.numPages; p += 1) {
  const page = await doc.getPage(p);
  for (const a of await page.getAnnotations()) {
    if (a.fieldType === "Tx" && a.fieldValue && !a.hasAppearance) missing.push(a.fieldName);
  }
}
console.log(JSON.stringify({ values, missing }));
