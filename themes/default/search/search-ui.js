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

/** The sentence announced after a search. */
export function statusText(query, count, scopeName) {
  if (!query.trim()) return "";
  const scope = scopeName ? `${scopeName}の中で` : "すべての市町村で";
  if (count === 0) return `${scope}「${query}」に一致するページは見つかりませんでした。`;
  return `${scope}「${query}」の検索結果 ${count}件。↓キーで結果に移動できます。`;
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

const FILE_MESSAGE = "検索は、サイトをウェブサーバーから開いたときに使えます（ファイルとして直接開くと、ブラウザーが索引の読み込みを止めるため）。";

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
  const limit = Number(box.dataset.searchLimit ?? 10);
  if (!city && all) all.closest("label")?.setAttribute("hidden", "");
  if (list.id) input.setAttribute("aria-controls", list.id);

  let latest = 0;
  async function run() {
    const query = input.value;
    const ticket = ++latest;
    if (!query.trim()) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    const scoped = city && !(all && all.checked);
    let results;
    try {
      results = await (await engine).search(query, { city: scoped ? city : null, limit });
    } catch (error) {
      if (ticket !== latest) return;
      status.textContent = location?.protocol === "file:" ? FILE_MESSAGE : `検索できませんでした（${error.message}）。`;
      return;
    }
    if (ticket !== latest) return;
    const cityName = scoped ? (await engine).cities.find((c) => c.id === city)?.name : null;
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
    status.textContent = statusText(query, results.length, cityName);
  }

  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  all?.addEventListener("change", run);
  box.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
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
    run();
  }
  return { run, input, list, status };
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
