// The search box and the search page. Every element marked `data-search`
// becomes a working search: type, and results appear below the box and are
// announced to screen readers; ↓ moves from the box into the results, ↑/↓ move
// between them, Esc returns to the box, Enter follows a result.
//
// Markup (see the report of the search branch or src/search/mod.rs):
//   <form data-search data-search-root="../" data-search-city="ise" role="search">
//     <label for="q">サイト内検索</label>
//     <input id="q" type="search" name="q" data-search-input>
//     <label><input type="checkbox" name="all" data-search-all> すべての市町村から探す</label>
//     <p data-search-status role="status" aria-live="polite"></p>
//     <ol data-search-results></ol>
//   </form>
//
// The pure parts (statusText, resultItems) and `mount` with an injected
// engine and document are exported so that tests can drive them.

import { createSearch } from "./search.js";

/** A loader that fetches files of the site below `root` (an absolute URL). */
export function fetchLoader(root) {
  return async (path) => {
    const response = await fetch(new URL(path, root));
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

/**
 * The sentence announced after a search. `found` is the number of results, or
 * `{ shown, total, pages }` from the engine's `query`: `total` is null when
 * more pages match than were read, and then the sentence says so.
 */
export function statusText(query, found, scopeName) {
  if (!query.trim()) return "";
  const { shown, total, pages } = typeof found === "number" ? { shown: found, total: found, pages: found } : found;
  const scope = scopeName ? `${scopeName}の中で` : "すべての市町村で";
  const keys = "↓キーで結果に移動できます。";
  if (shown === 0) return `${scope}「${query}」に一致するページは見つかりませんでした。`;
  if (total === null) return `${scope}「${query}」を含むページ ${pages}件から、よく合う順に ${shown}件を表示しています。${keys}`;
  if (total > shown) return `${scope}「${query}」の検索結果 ${total}件のうち ${shown}件を表示しています。${keys}`;
  return `${scope}「${query}」の検索結果 ${total}件。${keys}`;
}

/** What each result shows; `snippet` is escaped HTML with <mark> around the hits. */
export function resultItems(results, root) {
  return results.map((r) => ({
    href: new URL(r.url, root).href,
    title: r.title,
    context: [r.cityName, r.page].filter(Boolean).join(" › "),
    snippet: r.snippet,
  }));
}

/** Said in the box's status when the page was opened as a file (the index cannot be read then). */
export const FILE_MESSAGE = "このページはファイルとして直接開かれているため、検索は使えません（ブラウザーが索引の読み込みを止めます）。サイトをウェブサーバーから開くと使えます。";

/** How many more results each press of 「さらに表示」 shows. */
const STEP = 10;

/**
 * Makes one search box work. `options.engine` (a promise of an engine) and
 * `options.doc`/`options.location` replace the browser's for tests.
 */
export function mount(box, options = {}) {
  const doc = options.doc ?? box.ownerDocument;
  const location = options.location ?? doc.defaultView?.location;
  const input = box.querySelector("[data-search-input]") ?? box.querySelector("input[type=search]");
  const all = box.querySelector("[data-search-all]");
  const status = box.querySelector("[data-search-status]");
  const list = box.querySelector("[data-search-results]");
  if (!input || !status || !list) return null;
  const root = new URL(box.dataset.searchRoot ?? "./", doc.baseURI).href;
  const city = box.dataset.searchCity || null;
  const engine = options.engine ?? createSearch(fetchLoader(root));
  const step = Number(box.dataset.searchLimit ?? STEP);
  let limit = step;
  if (!city && all) all.closest("label")?.setAttribute("hidden", "");
  if (list.id) input.setAttribute("aria-controls", list.id);
  // The page may say in advance why search cannot work (no script, a file); it works now.
  for (const note of box.querySelectorAll("[data-search-offline]")) note.hidden = location?.protocol !== "file:";
  const more = doc.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.hidden = true;
  list.after(more);

  let latest = 0;
  async function run(focusFrom = -1) {
    const query = input.value;
    const ticket = ++latest;
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = "";
      more.hidden = true;
      return;
    }
    const scoped = city && !(all && all.checked);
    let found;
    try {
      found = await (await engine).query(query, { city: scoped ? city : null, limit });
    } catch (error) {
      if (ticket !== latest) return;
      status.textContent = location?.protocol === "file:" ? FILE_MESSAGE : `検索できませんでした（${error.message}）。`;
      return;
    }
    if (ticket !== latest) return;
    const { results } = found;
    // The engine widens a city's search to the city the query names.
    const where = found.city ?? (scoped ? city : null);
    const cityName = where ? (await engine).cities.find((c) => c.id === where)?.name : null;
    list.replaceChildren(...resultItems(results, root).map((item) => {
      const li = doc.createElement("li");
      const a = doc.createElement("a");
      a.href = item.href;
      a.textContent = item.title;
      li.append(a);
      if (item.context) {
        const context = doc.createElement("span");
        context.className = "search-context";
        context.textContent = item.context;
        li.append(context);
      }
      const snippet = doc.createElement("p");
      snippet.className = "search-snippet";
      snippet.innerHTML = item.snippet; // escaped by the engine, only <mark> added
      li.append(snippet);
      return li;
    }));
    status.textContent = statusText(query, { shown: results.length, total: found.total, pages: found.pages }, cityName);
    more.hidden = !found.more;
    more.textContent = `さらに${step}件を表示`;
    // After 「さらに表示」 the first new result takes the focus, so the reader goes on from there.
    if (focusFrom >= 0) list.querySelectorAll("a")[focusFrom]?.focus();
  }
  more.addEventListener("click", () => {
    const shown = list.querySelectorAll("a").length;
    limit += step;
    run(shown);
  });
  const fresh = () => {
    limit = step;
    run();
  };

  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(fresh, 150);
  });
  all?.addEventListener("change", fresh);
  box.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    fresh();
  });
  const links = () => [...list.querySelectorAll("a")];
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && links().length) {
      event.preventDefault();
      links()[0].focus();
    }
  });
  list.addEventListener("keydown", (event) => {
    const items = links();
    const at = items.indexOf(doc.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = event.key === "ArrowDown" ? Math.min(at + 1, items.length - 1) : at - 1;
      (next < 0 ? input : items[next]).focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      input.focus();
    }
  });

  // The search page takes its query from the address: search/?q=…&all=1
  const params = new URLSearchParams(location?.search ?? "");
  if (box.hasAttribute("data-search-page") && params.get("q")) {
    input.value = params.get("q");
    if (all && params.get("all")) all.checked = true;
    fresh();
  }
  return { run: fresh, input, list, status, more };
}

/** Mounts every `[data-search]` of the document. */
export function mountAll(doc = globalThis.document) {
  if (!doc) return [];
  return [...doc.querySelectorAll("[data-search]")].map((box) => mount(box));
}

if (globalThis.document) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => mountAll());
  else mountAll();
}
