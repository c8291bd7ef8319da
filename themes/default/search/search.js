// The query engine of tebiki's site search. It has no DOM in it: the page
// passes a loader that fetches files of the site, the tests pass one that
// reads them from disk, and both get the same results.
//
//   const engine = await createSearch(loadShard);
//   const results = await engine.search("相談強化加算 何回", { city: "ise", limit: 10 });
//   // → [{ url, title, city, snippet, page, cityName, kind }]
//
// `loadShard(path)` gets a file by its path relative to the site root and
// returns a Promise of its bytes (Uint8Array or ArrayBuffer; gzip is undone
// here), a string, or parsed JSON. The index layout is described in
// src/search/write.rs; normalisation and keys follow src/search/normalise.rs
// and src/search/tokens.rs step by step (tests/search/vectors.json checks both).

export const VERSION = 1;
const DIR = "search/";

// ---------------------------------------------------------------- folding --

const VOICED = "\u3099";
const SEMI_VOICED = "\u309A";
const LONG_VOWEL = "ー";
const SMALL = {
  "ぁ": "あ", "ぃ": "い", "ぅ": "う", "ぇ": "え", "ぉ": "お", "っ": "つ",
  "ゃ": "や", "ゅ": "ゆ", "ょ": "よ", "ゎ": "わ", "ゕ": "か", "ゖ": "け",
};

function spacingVoiceMark(c) {
  if (c === "\u309B" || c === "\uFF9E") return VOICED;
  if (c === "\u309C" || c === "\uFF9F") return SEMI_VOICED;
  return c;
}

function foldChar(c) {
  let cp = c.codePointAt(0);
  if ((cp >= 0x30a1 && cp <= 0x30f6) || cp === 0x30fd || cp === 0x30fe) {
    cp -= 0x60;
    c = String.fromCodePoint(cp);
  }
  if (SMALL[c]) return SMALL[c];
  if (c === "-" || (cp >= 0x2010 && cp <= 0x2015) || cp === 0x2212 || cp === 0x30fc || cp === 0xff70) {
    return LONG_VOWEL;
  }
  if (/^\s$/u.test(c)) return " ";
  return c;
}

/**
 * Folded text as an array of characters, each with the range [start, end) of
 * the source (UTF-16 offsets) it came from.
 */
export function fold(text) {
  const chars = [], starts = [], ends = [];
  let offset = 0;
  for (const raw of text) {
    const start = offset;
    offset += raw.length;
    const c = spacingVoiceMark(raw);
    for (const d of c.normalize("NFKC")) {
      for (const e of d.toLowerCase()) {
        const f = foldChar(e);
        if (f === VOICED || f === SEMI_VOICED) {
          const last = chars.length - 1;
          if (last >= 0) {
            const composed = (chars[last] + f).normalize("NFC");
            if ([...composed].length === 1 && composed !== chars[last]) {
              chars[last] = composed;
              ends[last] = offset;
            }
          }
          continue;
        }
        chars.push(f);
        starts.push(start);
        ends.push(offset);
      }
    }
  }
  return { chars, starts, ends };
}

function isDigit(c) {
  return c !== undefined && c >= "0" && c <= "9";
}

function dropDigitGrouping(t) {
  const out = { chars: [], starts: [], ends: [] };
  const c = t.chars;
  for (let i = 0; i < c.length; i++) {
    if (c[i] === "," && i > 0 && isDigit(c[i - 1]) && isDigit(c[i + 1]) && isDigit(c[i + 2])
      && isDigit(c[i + 3]) && !isDigit(c[i + 4])) {
      continue;
    }
    out.chars.push(c[i]);
    out.starts.push(t.starts[i]);
    out.ends.push(t.ends[i]);
  }
  return out;
}

function foldWord(word) {
  return dropDigitGrouping(fold(word)).chars.join("").trim();
}

/** The synonym table: each variant (and each first word) with the first word of its group. */
export function synonymTable(groups) {
  const replacements = [];
  for (const group of groups) {
    const folded = group.map(foldWord);
    const first = folded[0];
    if (first === undefined) continue;
    for (const word of folded) {
      if (word) replacements.push([[...word], first]);
    }
  }
  replacements.sort((a, b) => b[0].length - a[0].length || compareArrays(a[0], b[0]));
  return replacements.filter((r, i) => i === 0 || compareArrays(r[0], replacements[i - 1][0]) !== 0);
}

function compareArrays(a, b) {
  const x = a.join(""), y = b.join("");
  return x < y ? -1 : x > y ? 1 : 0;
}

function replaceSynonyms(t, table) {
  if (table.length === 0) return t;
  const out = { chars: [], starts: [], ends: [] };
  const c = t.chars;
  let i = 0;
  outer: while (i < c.length) {
    for (const [variant, word] of table) {
      if (variant.every((v, k) => c[i + k] === v)) {
        const start = t.starts[i], end = t.ends[i + variant.length - 1];
        for (const w of word) {
          out.chars.push(w);
          out.starts.push(start);
          out.ends.push(end);
        }
        i += variant.length;
        continue outer;
      }
    }
    out.chars.push(c[i]);
    out.starts.push(t.starts[i]);
    out.ends.push(t.ends[i]);
    i++;
  }
  return out;
}

/**
 * Normalised text with, for every character of it, the source range it came
 * from: `{ text, chars, starts, ends }`. `table` comes from `synonymTable`.
 */
export function normalise(text, table = []) {
  const t = replaceSynonyms(dropDigitGrouping(fold(text)), table);
  return { text: t.chars.join(""), ...t };
}

// ----------------------------------------------------------------- keys --

function isCjk(c) {
  const cp = c.codePointAt(0);
  return cp === 0x3005 || cp === 0x3006 || (cp >= 0x3040 && cp <= 0x30ff)
    || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff)
    || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x2ffff);
}

const WORD = /^[\p{L}\p{N}]$/u;

function classOf(c) {
  if (isCjk(c)) return "cjk";
  if (WORD.test(c)) return "word";
  return "gap";
}

/** The index keys of a normalised text: bigrams of kana/kanji runs, words otherwise. */
export function tokens(text) {
  const chars = [...text];
  const out = [];
  let start = 0;
  while (start < chars.length) {
    const kind = classOf(chars[start]);
    let end = start + 1;
    while (end < chars.length && classOf(chars[end]) === kind) end++;
    const run = chars.slice(start, end);
    if (kind === "word") {
      out.push(run.join(""));
    } else if (kind === "cjk" && !run.every((c) => c === LONG_VOWEL)) {
      if (run.length === 1) {
        out.push(run[0]);
      } else {
        // The character touching a number is kept on its own too: 65歳, 令和6年.
        if (start > 0 && classOf(chars[start - 1]) === "word") out.push(run[0]);
        for (let i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
        if (end < chars.length && classOf(chars[end]) === "word") out.push(run[run.length - 1]);
      }
    }
    start = end;
  }
  return out;
}

function isKatakana(c) {
  const cp = c.codePointAt(0);
  return (cp >= 0x30a1 && cp <= 0x30fa) || cp === 0x30fc || (cp >= 0xff66 && cp <= 0xff9f);
}

function isKanji(c) {
  const cp = c.codePointAt(0);
  return cp === 0x3005 || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff)
    || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x2ffff);
}

/**
 * The words of a normalised query (`normalise(query)`), each as its parts:
 * words are split at spaces, and their parts where the query as typed turns
 * from katakana to kanji or back, so that 「モニタリング期間」 finds what
 * 「モニタリング 期間」 finds (a reader writes them together, a page may put a
 * word between them: モニタリング標準期間). A synonym's replacement comes from
 * one stretch of the query and is never split.
 */
export function queryWords(q, typed) {
  const words = [];
  let parts = [];
  let part = "";
  let last = null;
  const endWord = () => {
    if (part) parts.push(part);
    if (parts.length) words.push(parts);
    parts = [];
    part = "";
    last = null;
  };
  [...q.text].forEach((c, i) => {
    if (c === " ") {
      endWord();
      return;
    }
    const source = [...typed.slice(q.starts[i], q.ends[i])];
    const kind = source.every(isKatakana) ? "katakana" : source.every(isKanji) ? "kanji" : "other";
    if (part && last && kind !== "other" && last !== "other" && kind !== last) {
      parts.push(part);
      part = "";
    }
    part += c;
    last = kind;
  });
  endWord();
  return words;
}

/** FNV-1a of the key's UTF-8 bytes, modulo the number of shards (as the indexer). */
export function shardOf(key, shards) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}

// ---------------------------------------------------------------- files --

async function gunzip(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function asBytes(data) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === "string") return new TextEncoder().encode(data);
  return null;
}

async function asJson(data) {
  const bytes = await asBytes(data);
  if (bytes === null) return data; // already parsed
  const plain = bytes[0] === 0x1f && bytes[1] === 0x8b ? await gunzip(bytes) : bytes;
  return JSON.parse(new TextDecoder().decode(plain));
}

// --------------------------------------------------------- page text -----

const INLINE = new Set(["a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i",
  "kbd", "mark", "q", "ruby", "rb", "s", "samp", "small", "span", "strong", "sub", "sup", "time",
  "u", "var", "wbr"]);
const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" };

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, name) => {
    if (name[0] === "#") {
      const cp = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
    }
    return ENTITIES[name.toLowerCase()] ?? all;
  });
}

/** What a reader sees of an HTML fragment, one line per block, without a DOM. */
export function htmlText(html) {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(script|style|template|noscript|svg|nav)\b[\s\S]*?<\/\1\s*>/gi, "\n")
    .replace(/<\/?([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>/g, (tag, name) => (INLINE.has(name.toLowerCase()) ? "" : "\n"));
  return decodeEntities(text)
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter((line) => line)
    .join("\n");
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// -------------------------------------------------------------- search ----

function allIndexesOf(haystack, needle) {
  const found = [];
  if (!needle) return found;
  let at = haystack.indexOf(needle);
  while (at !== -1) {
    found.push(at);
    at = haystack.indexOf(needle, at + 1);
  }
  return found;
}

/** Code-unit offsets in `text` of each character of `[...text]`. */
function charOffsets(chars) {
  const offsets = [0];
  for (const c of chars) offsets.push(offsets[offsets.length - 1] + c.length);
  return offsets;
}

/** Ranges of the normalised text where the needles occur, in character indexes. */
function hitRanges(norm, needles) {
  const offsets = charOffsets(norm.chars);
  const toChar = new Map(offsets.map((o, i) => [o, i]));
  const ranges = [];
  for (const needle of needles) {
    const length = [...needle].length;
    for (const at of allIndexesOf(norm.text, needle)) {
      const start = toChar.get(at);
      if (start !== undefined) ranges.push([start, start + length]);
    }
  }
  return ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
}

/** Cuts a snippet of `text` around its hits and marks them; escaped HTML. */
function snippetOf(text, norm, phrases, keys, width = 90) {
  let ranges = hitRanges(norm, phrases);
  if (ranges.length === 0) ranges = hitRanges(norm, keys);
  // Source ranges of the hits, merged where they touch.
  const marks = [];
  for (const [a, b] of ranges) {
    const start = norm.starts[a], end = norm.ends[b - 1];
    const last = marks[marks.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else marks.push([start, end]);
  }
  const first = marks.length ? marks[0][0] : 0;
  let from = Math.max(0, first - Math.floor(width / 3));
  let to = Math.min(text.length, from + width);
  from = Math.max(0, Math.min(from, to - width));
  let html = from > 0 ? "…" : "";
  let at = from;
  for (const [a, b] of marks) {
    if (b <= from || a >= to) continue;
    const s = Math.max(a, from), e = Math.min(b, to);
    html += escapeHtml(text.slice(at, s)) + "<mark>" + escapeHtml(text.slice(s, e)) + "</mark>";
    at = e;
  }
  html += escapeHtml(text.slice(at, to)) + (to < text.length ? "…" : "");
  return html.replace(/\n/g, " ");
}

function readVarint(bytes, at) {
  let n = 0, shift = 0, b;
  do {
    b = bytes[at.i++];
    n += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return n;
}

/** Reads a term shard (layout in src/search/write.rs) into a Map key → page numbers. */
export function decodeShard(bytes) {
  const at = { i: 0 };
  const count = readVarint(bytes, at);
  const length = readVarint(bytes, at);
  const keys = count ? new TextDecoder().decode(bytes.subarray(at.i, at.i + length)).split("\n") : [];
  at.i += length;
  const map = new Map();
  for (const key of keys) {
    const n = readVarint(bytes, at);
    const pages = new Array(n);
    let page = 0;
    for (let k = 0; k < n; k++) pages[k] = (page += readVarint(bytes, at));
    map.set(key, pages);
  }
  return map;
}

async function asShard(data) {
  const bytes = await asBytes(data);
  return decodeShard(bytes[0] === 0x1f && bytes[1] === 0x8b ? await gunzip(bytes) : bytes);
}

/** The share of the query's weight whose keys occur in `keys`. */
function coverage(keySet, queryKeys, weights) {
  let sum = 0;
  queryKeys.forEach((k, i) => {
    if (keySet.has(k)) sum += weights[i];
  });
  return sum;
}

/**
 * Opens the index of a site. Resolves to `{ search(query, options), cities }`.
 *
 * Ranking: pages holding the query's keys are found in the term shards; their
 * sections are first ranked on their titles, then the best pages are loaded
 * and every section is scored on its text. An exact phrase in a title counts
 * most, then the phrase in the text, then the share of keys in the title, then
 * the share of keys anywhere (so one mistyped character still finds the page).
 */
export async function createSearch(loadShard) {
  const meta = await asJson(await loadShard(DIR + "index.json"));
  if (meta.version !== VERSION) {
    throw new Error(`search index version ${meta.version} is not ${VERSION}; rebuild the site`);
  }
  const table = synonymTable(meta.synonyms ?? []);
  const cities = meta.cities.map(([id, name]) => ({ id, name }));
  const cache = new Map();
  const cached = (key, load) => {
    if (!cache.has(key)) {
      const promise = load();
      promise.catch(() => cache.delete(key));
      cache.set(key, promise);
    }
    return cache.get(key);
  };
  const shard = (n) => cached(`t${n}`, async () => asShard(await loadShard(`${DIR}terms/${n}.bin`)));
  const chunk = (n) => cached(`d${n}`, async () => asJson(await loadShard(`${DIR}docs/${n}.json.gz`)));
  const html = (url) => cached(`p${url}`, async () => asBytes(await loadShard(url)));
  const pageDoc = async (id) => (await chunk(Math.floor(id / meta.chunk)))[id % meta.chunk];
  const titles = new Map();
  const normTitle = (title) => {
    if (!titles.has(title)) {
      const text = normalise(title ?? "", table).text;
      titles.set(title, { text, keys: new Set(tokens(text)) });
    }
    return titles.get(title);
  };

  async function postings(key) {
    return (await shard(shardOf(key, meta.shards))).get(key) ?? [];
  }

  const sectionCache = new Map();
  /** A section's text and its normalised form, kept for later queries. */
  async function sectionText(url, start, end) {
    const key = `${url}:${start}`;
    if (!sectionCache.has(key)) {
      const bytes = await html(url);
      const text = !bytes || end <= start ? "" : htmlText(new TextDecoder().decode(bytes.subarray(start, end)));
      const norm = normalise(text, table);
      sectionCache.set(key, { text, norm, keys: new Set(tokens(norm.text)) });
    }
    return sectionCache.get(key);
  }

  /**
   * The city a query word names, as an index into `cities`: its name (逗子市),
   * the name without 市・町・村・区・圏域 (逗子), and the place an area is named
   * after (四日市 for 四日市障害保健福祉圏域).
   */
  const cityWords = new Map();
  cities.forEach(({ name }, i) => {
    const full = normalise(name ?? "", table).text;
    const place = full.match(/^\p{Script=Han}+?[市町村区]/u)?.[0] ?? full;
    for (const word of [full, full.replace(/(市|町|村|区|圏域)$/u, ""), place]) {
      if ([...word].length >= 2 && !cityWords.has(word)) cityWords.set(word, i);
    }
  });

  /**
   * Ranks the sections that match `query` and returns those from `offset`,
   * `limit` of them: `{ results, total, pages, more }`. `total` is the number
   * of results when every matching page was scored, `null` when more pages
   * match than were read (then `pages` says how many); `more` is true if
   * asking again with a larger `offset` gives more.
   */
  async function query(text, { city = null, limit = 10, offset = 0, shared = true } = {}) {
    const typed = String(text ?? "");
    const q = normalise(typed, table);
    const none = { results: [], total: 0, pages: 0, more: false };
    let words = queryWords(q, typed)
      .map((parts) => parts.filter((p) => tokens(p).length))
      .filter((parts) => parts.length);
    // A word that names a city chooses where to look rather than what to find.
    const cityOf = (parts) => cityWords.get(parts.join(""));
    const named = words.map(cityOf).filter((i) => i !== undefined);
    const namedCity = named.length ? named[0] : -1;
    if (namedCity >= 0 && words.some((w) => cityOf(w) === undefined)) {
      words = words.filter((w) => cityOf(w) === undefined);
    }
    const phrases = [...new Set(words.flat())];
    // What the reader typed together, highlighted as a whole where a page has it so.
    const together = [...new Set(words.filter((w) => w.length > 1).map((w) => w.join("")))];
    /** The share of the query's words whose every part is in `text`. */
    const wordsIn = (...texts) => words.filter((parts) => parts.every((p) => texts.some((t) => t.includes(p))))
      .length / Math.max(1, words.length);
    const keys = [...new Set(phrases.flatMap((w) => tokens(w)))];
    if (keys.length === 0) return none;
    const lists = await Promise.all(keys.map(postings));
    const raw = lists.map((l) => Math.log(1 + meta.pages / (1 + l.length)));
    const total = raw.reduce((a, b) => a + b, 0);
    const weights = raw.map((w) => w / total);

    // Pages by the share of the query they hold.
    const pageCover = new Map();
    lists.forEach((list, k) => {
      for (const id of list) pageCover.set(id, (pageCover.get(id) ?? 0) + weights[k]);
    });
    // A city named in the query is searched even from another city's box.
    const scopeCity = namedCity >= 0 ? cities[namedCity].id : city;
    const cityIndex = scopeCity ? cities.findIndex((c) => c.id === scopeCity) : -1;
    const inScope = [];
    // Finding a city's pages reads their documents; on a national site the
    // best-covered candidates are enough (and keep a query to a few files).
    const candidates = [...pageCover.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 1600);
    for (const [id, cover] of candidates) {
      if (inScope.length >= 400) break;
      const doc = await pageDoc(id);
      const docCity = doc[2] ?? null;
      if (cityIndex >= 0 && docCity !== cityIndex && !(shared && docCity === null)) continue;
      inScope.push([id, cover, doc]);
    }
    // The floor is set by the best page where the reader looks: in the city
    // the query names, if it names one.
    const own = inScope.filter(([, , doc]) => namedCity < 0 || (doc[2] ?? null) === namedCity);
    const best = Math.max(0, ...(own.length ? own : inScope).map(([, c]) => c));
    const floor = Math.min(0.5, best) - 1e-9;
    const pages = inScope.filter(([, c]) => c >= floor);

    // Sections of those pages, first ranked on their titles alone.
    const sections = [];
    for (const [id, cover, [url, pageTitle, pageCity, entries]] of pages) {
      const docCity = pageCity ?? null;
      for (const [anchor, title, start, end, links] of entries) {
        const t = normTitle(title);
        const titleCover = coverage(t.keys, keys, weights);
        const titlePhrases = wordsIn(t.text);
        // A form's own section (forms.html#form-…) is what a form's name asks
        // for: the name, not a word in brackets after it (（短期入所 定員超過利用）).
        const form = typeof anchor === "string" && anchor.startsWith("form-");
        const formName = form ? t.text.replace(/\([^)]*\)/g, " ") : "";
        const bonus = (namedCity >= 0 && docCity === namedCity ? 8 : 0) + (form ? 6 * wordsIn(formName) : 0);
        sections.push({
          id, url, anchor, title, pageTitle: anchor === null ? null : pageTitle, city: docCity,
          start, end, cover, titleCover, titlePhrases, links: links === 1, bonus,
          score: 10 * titlePhrases + 3 * titleCover + 2 * cover + bonus,
        });
      }
    }
    sections.sort((a, b) => b.score - a.score || a.id - b.id || a.start - b.start);

    // The best pages are loaded, and each of their sections scored on its text.
    const matching = new Set(sections.map((s) => s.id));
    const chosen = new Set();
    for (const s of sections) {
      if (chosen.size >= Math.max(offset + limit, 12)) break;
      chosen.add(s.id);
    }
    const scored = sections.filter((s) => chosen.has(s.id));
    await Promise.all(scored.map(async (s) => {
      const section = await sectionText(s.url, s.start, s.end);
      s.text = section.text;
      s.norm = section.norm;
      const own = new Set(section.keys);
      for (const k of normTitle(s.title).keys) own.add(k);
      s.anyCover = coverage(own, keys, weights);
      const titleText = normTitle(s.title).text;
      const inText = wordsIn(titleText, s.norm.text);
      const repeats = phrases.reduce((a, p) => a + Math.min(3, allIndexesOf(s.norm.text, p).length), 0);
      s.score = 10 * s.titlePhrases + 4 * inText
        + 3 * s.titleCover + 2 * s.anyCover + 0.1 * repeats + s.bonus
        // A list of links repeats text that its targets hold: they come first.
        - (s.links ? 5 : 0);
    }));
    const bestAny = Math.max(0, ...scored.map((s) => s.anyCover));
    const found = scored
      .filter((s) => s.anyCover > 0 && s.anyCover >= Math.min(0.5, bestAny) - 1e-9)
      .sort((a, b) => b.score - a.score || a.id - b.id || a.start - b.start);
    const complete = chosen.size === matching.size;

    const hitKeys = keys.filter((k) => [...k].length > 1 || phrases.includes(k));
    const snippetWords = [...together, ...phrases];
    const results = found.slice(offset, offset + limit).map((s) => {
      const cityInfo = s.city === null ? null : cities[s.city];
      return {
        url: s.anchor === null ? s.url : `${s.url}#${s.anchor}`,
        title: s.title,
        city: cityInfo ? cityInfo.id : null,
        cityName: cityInfo ? cityInfo.name : null,
        page: s.pageTitle,
        kind: s.anchor === null ? "page" : "section",
        snippet: snippetOf(s.text, s.norm, snippetWords, hitKeys),
        score: Math.round(s.score * 1000) / 1000,
      };
    });
    return {
      results,
      total: complete ? found.length : null,
      pages: matching.size,
      more: found.length > offset + limit || !complete,
      city: scopeCity,
    };
  }

  /** The first `limit` results of `query` (see `query` for counts and paging). */
  async function search(text, options = {}) {
    return (await query(text, options)).results;
  }

  return { search, query, cities };
}
