// Opens the built site the Rust test (tests/search.rs) hands over in SEARCH_SITE.
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import { createSearch } from "../../themes/default/search/search.js";

/** A loadShard that reads files of the site from disk. */
export function fileLoader(dir) {
  return async (path) => new Uint8Array(await readFile(join(dir, ...path.split("/"))));
}

/** The folder of the built site; fails with what to run when it is missing. */
export function siteDir() {
  const dir = process.env.SEARCH_SITE;
  if (!dir) {
    throw new Error("SEARCH_SITE is not set: run `cargo test --test search`, which builds the site and runs these tests on it");
  }
  return dir;
}

/** The engine over the built site. */
export async function openSite() {
  const dir = siteDir();
  return { dir, engine: await createSearch(fileLoader(dir)) };
}
