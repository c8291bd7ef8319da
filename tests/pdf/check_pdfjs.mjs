// Opens every form with pdf.js (Firefox's PDF engine) under Node: every field
// of the definition is listed by getFieldObjects() with the expected type,
// and a value typed in Japanese through the annotation storage survives
// saveDocument() and a reopen.
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
  // Type Japanese into the first name field through the annotation storage, save, reopen.
  const target =
    entry.fields.find((f) => f.kind === "text" && f.name.endsWith(".name")) ??
    entry.fields.find((f) => f.kind === "text" && !f.max_length);
  if (target) {
    const id = objects[target.name][0].id;
    doc.annotationStorage.setValue(id, { value: "山田 太郎" });
    const saved = await doc.saveDocument();
    fs.writeFileSync(path.join(outDir, "pdfjs-" + name), saved);
    const again = await open(saved);
    const back = (await again.getFieldObjects())[target.name][0].value;
    if (back !== "山田 太郎") failures.push(`${name}: pdf.js saved ${target.name} but read back ${JSON.stringify(back)}`);
    await again.destroy();
  }
  console.log(`pdfjs: ${name}: ${listed.length} fields`);
  await doc.destroy();
}

if (failures.length) {
  console.error(failures.slice(0, 60).join("\n"));
  console.error(`${failures.length} failures`);
  process.exit(1);
}
