// The query engine over the real built site (SEARCH_SITE, set by
// tests/search.rs): recall of the seed queries in the top 3, city scoping,
// highlighting of the original text, and the search UI's pure parts.
import { test } from "node:test";
import assert from "node:assert/strict";

import { openSite } from "./site.mjs";
import { QUERIES, matches } from "./queries.mjs";
import { normalise, htmlText, synonymTable } from "../../themes/default/search/search.js";
import { statusText, resultItems } from "../../themes/default/search/search-ui.js";

const site = await openSite();
const { engine } = site;

const marked = (snippet) => [...snippet.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => htmlText(m[1]));

test("seed queries find their page in the top 3", async () => {
  const misses = [];
  const byKind = {};
  for (const expected of QUERIES) {
    const results = await engine.search(expected.q, { limit: 3 });
    const hit = results.some((r) => matches(r, expected));
    const k = (byKind[expected.kind] ??= { hit: 0, all: 0 });
    k.all++;
    if (hit) k.hit++;
    else misses.push(`${expected.q} → wanted “${expected.title}”${expected.city ? ` in ${expected.city}` : ""}; got ${results.map((r) => `“${r.title}” (${r.city})`).join(", ") || "nothing"}`);
  }
  const found = QUERIES.length - misses.length;
  console.log(`recall@3: ${found}/${QUERIES.length} = ${(found / QUERIES.length).toFixed(3)}`);
  for (const [kind, k] of Object.entries(byKind)) console.log(`  ${kind}: ${k.hit}/${k.all}`);
  assert.ok(QUERIES.length >= 40, "at least 40 queries");
  assert.deepEqual(misses, []);
});

test("the highlighted text is the original spelling of what was asked", async () => {
  const table = synonymTable([["障害", "障がい", "障碍"]]);
  for (const query of ["７，０００円", "けあ会議", "障碍福祉課", "相談強化加算", "ｹｰｽ移管"]) {
    const [first] = await engine.search(query, { limit: 1 });
    assert.ok(first, `no result for ${query}`);
    const marks = marked(first.snippet);
    const folded = normalise(query, table).text;
    assert.ok(
      marks.some((m) => normalise(m, table).text === folded),
      `${query}: marked ${JSON.stringify(marks)} in ${first.snippet}`,
    );
  }
});

test("a phrase in a title ranks above the same words scattered in a text", async () => {
  const [first] = await engine.search("地域体制強化共同支援加算", { limit: 1 });
  assert.equal(first.title, "地域体制強化共同支援加算");
});

test("a city's search keeps to that city and the national pages; all cities on request", async () => {
  const ise = await engine.search("事前登録シート", { city: "ise", limit: 10 });
  assert.ok(ise.length > 0);
  assert.ok(ise.every((r) => r.city === "ise" || r.city === null), JSON.stringify(ise.map((r) => r.city)));
  const strict = await engine.search("相談強化加算", { city: "ise", shared: false, limit: 10 });
  assert.ok(strict.every((r) => r.city === "ise"));
  const all = await engine.search("事前登録シート", { limit: 10 });
  assert.ok(new Set(all.map((r) => r.city)).size > 1, "results from several cities");
});

test("results carry url, title, city and an escaped snippet", async () => {
  const results = await engine.search("Q&A <script>", { limit: 5 });
  for (const r of results) {
    assert.equal(typeof r.url, "string");
    assert.ok(!r.url.startsWith("/"), "url is relative to the site root");
    assert.ok(!/<(?!\/?mark>)/.test(r.snippet), `only <mark> tags in ${r.snippet}`);
  }
  assert.deepEqual(await engine.search("   ", {}), []);
  assert.deepEqual(await engine.search("", {}), []);
});

test("the UI says what was found and links relative to the site root", () => {
  assert.equal(statusText("加算", 3, "伊勢市"), "伊勢市の中で「加算」の検索結果 3件。↓キーで結果に移動できます。");
  assert.match(statusText("zzz", 0, null), /見つかりませんでした/);
  assert.equal(statusText(" ", 0, null), "");
  const [item] = resultItems([{ url: "ise/qa.html#q1", title: "Q1", cityName: "伊勢市", page: "Q&A", snippet: "x" }], "file:///site/");
  assert.equal(item.href, "file:///site/ise/qa.html#q1");
  assert.equal(item.context, "伊勢市 › Q&A");
});
