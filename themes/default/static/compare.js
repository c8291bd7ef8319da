// The comparison of the cities a reader picks (comparison.html). Each city's
// column is a script of its own, compare/<id>.js, which calls
// tebikiCompare.add; scripts load from file:// as well as from a web host.
// The tables are built as text and links only: no markup comes from data.
(function () {
  "use strict";
  const form = document.getElementById("compare-picker");
  const out = document.getElementById("compare-picked");
  if (!form || !out) return;
  const functions = JSON.parse(form.dataset.functions || "[]");
  const error = document.getElementById("pick-error");
  const columns = new Map();
  const loading = new Map();

  window.tebikiCompare = {
    add(column) {
      columns.set(column.id, column);
    },
  };

  function load(box) {
    const id = box.value;
    if (columns.has(id)) return Promise.resolve();
    if (!loading.has(id)) {
      loading.set(
        id,
        new Promise((resolve, reject) => {
          const script = document.createElement("script");
          script.src = box.dataset.src;
          script.onload = () => (columns.has(id) ? resolve() : reject(new Error(id)));
          script.onerror = () => reject(new Error(id));
          document.head.appendChild(script);
        }),
      );
    }
    return loading.get(id);
  }

  function el(name, attrs, ...children) {
    const node = document.createElement(name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const child of children) {
      if (child != null) node.append(child);
    }
    return node;
  }

  const link = (l) => el("a", { href: l.href }, l.text);
  const none = (text) => el("span", { class: "none" }, text);
  const list = (items, item) =>
    el("ul", { class: "plain-list" }, ...items.map((x) => el("li", null, item(x))));

  // One table as the static comparison lays it out: a header row of cities,
  // then one row per item with a cell per city.
  function table(label, corner, picked, rows, headerLinks) {
    const head = el(
      "tr",
      null,
      el("th", { scope: "col" }, corner),
      ...picked.map((c) => el("th", { scope: "col" }, headerLinks ? link(c.city) : c.city.text)),
    );
    const body = rows.map(([name, cell]) =>
      el("tr", null, el("th", { scope: "row" }, name), ...picked.map((c) => el("td", null, ...[].concat(cell(c))))),
    );
    return el(
      "div",
      { class: "table-scroll", role: "region", "aria-label": label + "（表）", tabindex: "0" },
      el("table", { class: "compare" }, el("thead", null, head), el("tbody", null, ...body)),
    );
  }

  function section(id, title, content) {
    return el("section", { "aria-labelledby": id }, el("h3", { id }, title), content);
  }

  function render(picked) {
    const functionRows = [
      ["整備の型", (c) => (c.development ? c.development : none("記載なし"))],
      ...functions.map((name, i) => [
        name,
        (c) => {
          const cell = c.functions[i];
          if (!cell) return none("記載なし");
          return [link(cell.page), cell.carriers.length ? list(cell.carriers, link) : null];
        },
      ]),
    ];
    const heading = el("h2", { id: "picked", tabindex: "-1" }, "選んだ市町村の比較（" + picked.length + "市町村）");
    const result = el(
      "div",
      null,
      heading,
      section("picked-functions", "機能と担う機関", table("選んだ市町村の機能と担う機関", "機能", picked, functionRows, true)),
      section(
        "picked-coordinator",
        "拠点コーディネーターの配置",
        table("選んだ市町村の拠点コーディネーターの配置", "項目", picked, [
          ["配置先", (c) => (c.coordinator.organisation ? link(c.coordinator.organisation) : none(c.coordinator.missing))],
          ["機関の種別", (c) => c.coordinator.role],
        ]),
      ),
      section(
        "picked-subsidies",
        "市単独補助",
        table("選んだ市町村の市単独補助", "項目", picked, [
          [
            "補助",
            (c) =>
              c.subsidies.length
                ? c.subsidies.map((s) => el("p", null, link(s.link), ...(s.amounts ? [el("br"), s.amounts] : [])))
                : none(c.subsidies_missing),
          ],
        ]),
      ),
      section(
        "picked-registration",
        "登録の書類・様式",
        table("選んだ市町村の登録の書類・様式", "項目", picked, [
          ["様式", (c) => (c.registration.forms.length ? list(c.registration.forms, link) : none("なし"))],
          [
            "流れの中で扱う書類",
            (c) => (c.registration.documents.length ? list(c.registration.documents, (d) => d) : none("記載なし")),
          ],
        ]),
      ),
    );
    out.replaceChildren(result);
    heading.focus();
  }

  function fail(text) {
    error.textContent = text;
    error.hidden = false;
    form.querySelector("input[name=c]").focus();
  }

  async function compare(boxes) {
    error.hidden = true;
    if (boxes.length === 0) {
      fail("比べる市町村を1つ以上選んでください。");
      return;
    }
    const failed = [];
    await Promise.all(boxes.map((b) => load(b).catch(() => failed.push(b.parentElement.textContent.trim()))));
    if (failed.length) {
      fail(failed.join("、") + "のデータを読み込めませんでした。ページを読み込み直してください。");
      return;
    }
    render(boxes.map((b) => columns.get(b.value)));
  }

  const boxes = () => Array.from(form.querySelectorAll("input[name=c]"));

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const picked = boxes().filter((b) => b.checked);
    const ids = picked.map((b) => b.value).join(",");
    history.replaceState(null, "", ids ? "#c=" + ids : location.pathname + location.search);
    compare(picked);
  });

  // A shared address (comparison.html#c=ise,zushi) opens with its cities compared.
  const wanted = new URLSearchParams(location.hash.slice(1)).get("c");
  if (wanted) {
    const ids = new Set(wanted.split(","));
    const picked = boxes().filter((b) => ids.has(b.value));
    for (const b of picked) {
      b.checked = true;
      b.closest("details").open = true;
    }
    if (picked.length) compare(picked);
  }
})();
