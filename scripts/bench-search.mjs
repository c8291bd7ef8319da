// The second half of scripts/bench-search.sh: given the built site and the
// indexer's figures, runs Pagefind on a copy of the same pages and both
// engines over the seed queries (tests/search/queries.mjs).
import { cp, readFile, readdir, rm, stat } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { createSearch } from "../themes/default/search/search.js";
import { fileLoader } from "../tests/search/site.mjs";
import { QUERIES, matches } from "../tests/search/queries.mjs";

const [work, statsJson] = process.argv.slice(2);
const stats = JSON.parse(statsJson);
const site = stats.site;

async function bytesUnder(dir, keep = () => true) {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath ?? entry.path, entry.name);
    if (entry.isFile() && keep(path)) total += (await stat(path)).size;
  }
  return total;
}

function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}

async function timeQueries(run) {
  const cold = [], warm = [];
  let found = 0;
  for (const pass of [cold, warm]) {
    found = 0;
    for (const expected of QUERIES) {
      const start = performance.now();
      const results = await run(expected.q);
      pass.push(performance.now() - start);
      if (results.some((r) => matches(r, expected))) found++;
    }
  }
  return { cold: summary(cold), warm: summary(warm), recall: found / QUERIES.length };
}

// tebiki
const tebikiEngine = await createSearch(fileLoader(site));
const tebiki = await timeQueries((q) => tebikiEngine.search(q, { limit: 3 }));

// Pagefind on a copy of the same pages, without tebiki's index.
const pfSite = resolve(work, "pagefind-site");
await rm(pfSite, { recursive: true, force: true });
await cp(site, pfSite, { recursive: true });
await rm(join(pfSite, "search"), { recursive: true, force: true });
const bin = fileURLToPath(new URL("../node_modules/.bin/pagefind", import.meta.url));
let pfMs = Infinity;
for (let i = 0; i < 3; i++) {
  await rm(join(pfSite, "pagefind"), { recursive: true, force: true });
  const start = performance.now();
  execFileSync(bin, ["--site", pfSite], { stdio: "ignore" });
  pfMs = Math.min(pfMs, performance.now() - start);
}
const pfDir = join(pfSite, "pagefind");
const pfIndexBytes = await bytesUnder(pfDir, (p) => /\.(pf_meta|pf_index|pf_fragment|pf_filter)$|pagefind-entry\.json$/.test(p));

// Pagefind's own engine, run under Node: its files are read from disk.
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = new URL(typeof input === "string" ? input : input.url);
  if (url.protocol !== "file:") return realFetch(input, init);
  url.search = "";
  try {
    return new Response(await readFile(fileURLToPath(url)));
  } catch {
    return new Response("", { status: 404 });
  }
};
const pagefind = await import(pathToFileURL(join(pfDir, "pagefind.js")).href);
await pagefind.options({ basePath: pathToFileURL(pfDir).href + "/" });
await pagefind.init();
const pfBase = pathToFileURL(pfSite).pathname.replace(/\/$/, "");
const pfResults = async (q) => {
  const found = await pagefind.search(q);
  const data = await Promise.all(found.results.slice(0, 3).map((r) => r.data()));
  return data.map((d) => {
    const url = d.url.slice(d.url.indexOf(pfBase) + pfBase.length + 1);
    const city = url.includes("/") && !url.startsWith("national/") ? url.split("/")[0] : null;
    const titles = [d.meta.title, ...(d.sub_results ?? []).slice(0, 3).map((s) => s.title)];
    return { title: titles.join(" / "), page: null, city };
  });
};
const pf = await timeQueries(pfResults);

const textBytes = stats.text_bytes;
const row = (name, ms, bytes, q) => [
  name.padEnd(9),
  `${ms.toFixed(0).padStart(6)} ms`,
  `${String(bytes).padStart(9)} B  ${(100 * bytes / textBytes).toFixed(1).padStart(5)} %`,
  `${q.cold.median.toFixed(1).padStart(6)} / ${q.cold.p95.toFixed(1).padStart(6)} ms`,
  `${q.warm.median.toFixed(1).padStart(6)} / ${q.warm.p95.toFixed(1).padStart(6)} ms`,
  `${(100 * q.recall).toFixed(0).padStart(4)} %`,
].join("  ");
console.log(`site: ${site}`);
console.log(`${stats.pages} pages, ${stats.entries} entries, ${textBytes} bytes of text; ${QUERIES.length} queries (top 3, limit 3)`);
console.log(`${"engine".padEnd(9)}  ${"index".padStart(9)}  ${"index bytes  of text".padStart(22)}  ${"cold med/p95".padStart(19)}  ${"warm med/p95".padStart(19)}  recall@3`);
console.log(row("tebiki", stats.index_ms, stats.index_bytes, tebiki));
console.log(row("pagefind", pfMs, pfIndexBytes, pf));
console.log("tebiki's index time is the indexer alone (best of 5, build profile above); Pagefind's is its CLI (best of 3, process start included).");
console.log("Query latency: first pass over the set (cold caches) and second pass (warm), engine in Node reading files from disk, top 3 with snippets.");
