// Search over `tebiki serve`: the engine reads the pages as the server hands
// them out (with its live-reload script added) and must find what it finds in
// the built files, with snippets of the pages' text and never their markup.
//
//   node tests/search/served.mjs http://127.0.0.1:PORT/ SITE_DIR
//
// Exits 1 with the differences; prints a one-line summary when all agree.
import { createSearch } from "../../themes/default/search/search.js";
import { fetchLoader } from "../../themes/default/search/search-ui.js";
import { QUERIES } from "./queries.mjs";
import { ISSUE_QUERIES } from "./ranking.mjs";
import { fileLoader } from "./site.mjs";

const [url, dir] = process.argv.slice(2);
const served = await createSearch(fetchLoader(url));
const built = await createSearch(fileLoader(dir));
const queries = [...QUERIES.map((c) => c.q), ...ISSUE_QUERIES.map((c) => c.q)];
const faults = [];
let results = 0;
for (const q of queries) {
  const over = await served.search(q, { limit: 20 });
  const disk = await built.search(q, { limit: 20 });
  results += over.length;
  if (JSON.stringify(over) !== JSON.stringify(disk)) {
    faults.push(`${q}: served ${over.map((r) => r.url).join(" ")} ≠ built ${disk.map((r) => r.url).join(" ")}`);
  }
  for (const r of over) {
    const markup = r.snippet.replace(/<\/?mark>/g, "");
    if (markup.includes("<") || markup.includes("\uFFFD")) faults.push(`${q}: ${r.url} snippet holds markup: ${r.snippet}`);
  }
}
if (faults.length) {
  console.error(faults.join("\n"));
  process.exit(1);
}
console.log(`served: ${queries.length} queries, ${results} results, same as the built files, no markup in any snippet`);
