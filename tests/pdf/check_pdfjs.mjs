// Opens every form with pdf.js (Firefox's PDF engine) under Node: every field
// of the definition is listed by getFieldObjects() with the expected type,
// and the values typed into every text field through the annotation storage
// survive saveDocument() and a reopen.
//
// usage: node check_pdfjs.mjs MANIFEST OUT_DIR

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// Firefox ships pdf.js with its CMaps and standard fonts; give Node the same.
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../node_modules/pdfjs-dist/");

const [manifestPath, outDir] = process.argv.slice(2);
const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
const failures = [];
const TYPES = { text: "text", checkbox: "checkbox", radio: "radiobutton" };
const OUTSIDE_BMP = "𠮷野 﨑子";

async function open(data) {
  return getDocument({
    data,
    useSystemFonts: false,
    verbosity: 0,
    cMapUrl: path.join(dist, "cmaps/"),
    cMapPacked: true,
    standardFontDataUrl: path.join(dist, "standard_fonts/"),
  }).promise;
}

for (const entry of manifest) {
  const name = path.basename(entry.pdf);
  const doc = await open(new Uint8Array(fs.readFileSync(entry.pdf)));
  const objects = (await doc.getFieldObjects()) ?? {};
  const expected = new Map(entry.fields.map((f) => [f.name, f]));
  for (const [fname, want] of expected) {
    const got = objects[fname];
    if (!got) {
      failures.push(`${name}: pdf.js does not list ${fname}`);
      continue;
    }
    const types = new Set(got.map((o) => o.type));
    if (!types.has(TYPES[want.kind])) {
      failures.push(`${name}: ${fname} is ${[...types]} in pdf.js, expected ${TYPES[want.kind]}`);
    }
  }
  const listed = Object.entries(objects).filter(([, objs]) => objs.some((o) => o.type));
  if (listed.length !== expected.size) {
    failures.push(`${name}: pdf.js lists ${listed.length} fields, the definition has ${expected.size}`);
  }
  // Type each text field's test value through the annotation storage, as
  // Firefox does when a person types, save, reopen and read every value back.
  const typed = entry.fields.filter((f) => f.kind === "text" && f.typed);
  for (const f of typed) doc.annotationStorage.setValue(objects[f.name][0].id, { value: f.typed });
  const saved = await doc.saveDocument();
  fs.writeFileSync(path.join(outDir, "pdfjs-" + name), saved);
  const again = await open(saved);
  const back = await again.getFieldObjects();
  for (const f of typed) {
    const got = back[f.name][0].value;
    if (got !== f.typed) failures.push(`${name}: pdf.js saved ${f.name} as ${JSON.stringify(f.typed)} but read back ${JSON.stringify(got)}`);
  }
  await again.destroy();
  // A name outside the Basic Multilingual Plane (𠮷, U+20BB7) has no glyph
  // in the typing font; the value itself must survive saving.
  const nameField = typed.find((f) => f.name.endsWith(".name"));
  if (nameField) {
    const other = await open(new Uint8Array(fs.readFileSync(entry.pdf)));
    const ids = (await other.getFieldObjects())[nameField.name];
    other.annotationStorage.setValue(ids[0].id, { value: OUTSIDE_BMP });
    fs.writeFileSync(path.join(outDir, "pdfjs-outside-bmp-" + name), await other.saveDocument());
    await other.destroy();
  }
  console.log(`pdfjs: ${name}: ${listed.length} fields`);
  await doc.destroy();
}

if (failures.length) {
  console.error(failures.slice(0, 60).join("\n"));
  console.error(`${failures.length} failures`);
  process.exit(1);
}
