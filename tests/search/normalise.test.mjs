// The query engine folds and cuts text exactly as the indexer does: both run
// the cases of vectors.json (the Rust side in src/search/mod.rs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { normalise, synonymTable, tokens, shardOf } from "../../themes/default/search/search.js";

const vectors = JSON.parse(readFileSync(new URL("./vectors.json", import.meta.url), "utf8"));
const table = synonymTable(vectors.synonyms);

test("normalised text matches the indexer's", () => {
  for (const { in: input, out } of vectors.normalise) {
    assert.equal(normalise(input, table).text, out, `normalise(${JSON.stringify(input)})`);
  }
});

test("index keys match the indexer's", () => {
  for (const { in: input, out } of vectors.tokens) {
    assert.deepEqual(tokens(input), out, `tokens(${JSON.stringify(input)})`);
  }
});

test("shard numbers match the indexer's", () => {
  for (const { key, shards, shard } of vectors.shards) {
    assert.equal(shardOf(key, shards), shard, `shardOf(${key})`);
  }
});

test("every normalised character maps back to the source it came from", () => {
  const source = "ｹｱﾏﾈｰｼﾞｬｰの７，０００円と障がい";
  const n = normalise(source, table);
  const back = (needle) => {
    const at = [...n.text].findIndex((_, i) => [...n.text].slice(i).join("").startsWith(needle));
    const len = [...needle].length;
    return source.slice(n.starts[at], n.ends[at + len - 1]);
  };
  assert.equal(back("じや"), "ｼﾞｬ");
  assert.equal(back("7000円"), "７，０００円");
  assert.equal(back("障害"), "障がい");
});
