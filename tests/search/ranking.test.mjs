// The ranking of the queries in ranking.mjs, and paging: counts that say
// what was found, and more results on request.
import { test } from "node:test";
import assert from "node:assert/strict";

import { ISSUE_QUERIES } from "./ranking.mjs";
import { openSite } from "./site.mjs";
import { statusText } from "../../themes/default/search/search-ui.js";

const { engine } = await openSite();
const show = (rs) => rs.map((r) => `${r.url} ${r.title}`).join("\n  ");

for (const c of ISSUE_QUERIES) {
  test(`「${c.q}」${c.from ? `（${c.from}の検索窓から）` : ""}`, async () => {
    const results = await engine.search(c.q, { city: c.from ?? null, limit: 20 });
    if (c.same) {
      const other = await engine.search(c.same, { city: c.from ?? null, limit: 20 });
      assert.ok(results.length >= c.atLeast, `「${c.q}」 finds ${results.length}:\n  ${show(results)}`);
      assert.deepEqual(results.map((r) => r.url), other.map((r) => r.url), `「${c.q}」 ranks as 「${c.same}」`);
      return;
    }
    if (c.within) {
      const at = results.findIndex((r) => r.url.split("#")[0] === c.page);
      assert.ok(at >= 0 && at < c.within, `${c.page} is #${at + 1}, not in the top ${c.within}:\n  ${show(results)}`);
      return;
    }
    const top = results.slice(0, c.top);
    assert.equal(top.length, c.top, `「${c.q}」 finds ${results.length}:\n  ${show(results)}`);
    for (const r of top) {
      if (c.city) assert.equal(r.city, c.city, `${r.url} in the top ${c.top}:\n  ${show(results)}`);
      if (c.form) assert.match(r.url, /\/forms\.html#form-/, `a form first:\n  ${show(results)}`);
      if (c.title) assert.ok(r.title.includes(c.title), `${r.title} names ${c.title}`);
    }
    if (c.page) assert.equal(top[0].url.split("#")[0], c.page, show(results));
  });
}

test("counts are honest and more results come on request", async () => {
  const first = await engine.query("加算", { limit: 10 });
  assert.equal(first.results.length, 10);
  assert.ok(first.more, "a word on many pages has more than 10 results");
  assert.ok(first.pages > 10, `加算 is on ${first.pages} pages`);
  assert.equal(first.total, null, "the total is not claimed before every matching page was read");
  // The next ten are those a longer list shows after its first ten.
  const twenty = await engine.query("加算", { limit: 20 });
  const second = await engine.query("加算", { limit: 10, offset: 10 });
  assert.deepEqual(second.results.map((r) => r.url), twenty.results.slice(10).map((r) => r.url));
  // Asking for more until there is no more gives every result once; the count is then exact.
  let page = { more: true };
  let limit = 0;
  while (page.more) {
    limit += 50;
    page = await engine.query("加算", { limit });
    assert.ok(limit < 10000, "paging ends");
  }
  assert.ok(page.results.length > 20, `加算 has ${page.results.length} results`);
  assert.equal(page.total, page.results.length, "the last page knows the total");
  assert.equal(new Set(page.results.map((r) => r.url)).size, page.results.length, "no result twice");
  const narrow = await engine.query("緊急短期入所受入加算", { limit: 10 });
  assert.equal(narrow.total, narrow.results.length, "a narrow query says exactly how many");
  assert.equal(narrow.more, false);
});

test("the status says how many were found and how many are shown", () => {
  assert.equal(statusText("加算", { shown: 10, total: 37, pages: 30 }, "伊勢市"),
    "伊勢市の中で「加算」の検索結果 37件のうち 10件を表示しています。↓キーで結果に移動できます。");
  assert.equal(statusText("加算", { shown: 10, total: null, pages: 30 }, null),
    "すべての市町村で「加算」を含むページ 30件から、よく合う順に 10件を表示しています。↓キーで結果に移動できます。");
  assert.equal(statusText("加算", { shown: 3, total: 3, pages: 2 }, null),
    "すべての市町村で「加算」の検索結果 3件。↓キーで結果に移動できます。");
});
