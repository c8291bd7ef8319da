// Renders pages of PDFs with pdf.js (Firefox's PDF engine) under Node, form
// fields drawn as Firefox draws them, to PNG files. One process renders
// every job, so Node and pdf.js start once.
//
// usage: node render_pdfjs.mjs SCALE JOBS_JSON
// JOBS_JSON holds [[pdf, out_prefix, [page, ...]], ...] (pages from 0);
// writes out_prefix-PAGE.png for each page

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AnnotationMode, getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../node_modules/pdfjs-dist/");
const [scale, jobsPath] = process.argv.slice(2);
for (const [file, prefix, pages] of JSON.parse(fs.readFileSync(jobsPath, "utf8"))) {
  const doc = await getDocument({
    data: new Uint8Array(fs.readFileSync(file)),
    useSystemFonts: false,
    verbosity: 0,
    cMapUrl: path.join(dist, "cmaps/"),
    cMapPacked: true,
    standardFontDataUrl: path.join(dist, "standard_fonts/"),
  }).promise;
  for (const p of pages) {
    const page = await doc.getPage(Number(p) + 1);
    const viewport = page.getViewport({ scale: Number(scale) });
    const { canvas, context } = doc.canvasFactory.create(viewport.width, viewport.height);
    await page.render({ canvasContext: context, viewport, annotationMode: AnnotationMode.ENABLE_STORAGE }).promise;
    fs.writeFileSync(`${prefix}-${p}.png`, canvas.toBuffer("image/png"));
  }
  await doc.destroy();
}
