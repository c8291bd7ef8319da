// Live reload for `tebiki serve`. Served at /__tebiki/live.js and added to
// HTML responses by the server only; never part of a built site.
(() => {
  "use strict";
  const overlayId = "tebiki-overlay";

  // The site path of this page, as the server names changed files.
  const here = () => {
    let path = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    if (path === "" || path.endsWith("/")) path += "index.html";
    return path;
  };

  const hide = () => {
    const old = document.getElementById(overlayId);
    if (old) old.remove();
  };

  const show = (report) => {
    hide();
    const box = document.createElement("div");
    box.id = overlayId;
    box.setAttribute("role", "alert");
    box.style.cssText =
      "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
      "background:#fff5f5;color:#1a1a1a;border-top:4px solid #c00;padding:1em 1.25em;" +
      "font:14px/1.6 ui-monospace,monospace;box-shadow:0 -4px 16px rgba(0,0,0,.2)";
    const title = document.createElement("p");
    title.style.cssText = "margin:0 0 .5em;font-weight:bold;font-family:sans-serif";
    title.textContent =
      "内容にエラーがあります。直すまで、前回のビルドを表示しています。" +
      " (content has errors; showing the last good build)";
    const text = document.createElement("pre");
    text.style.cssText = "margin:0;white-space:pre-wrap";
    text.textContent = report;
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "閉じる";
    close.style.cssText = "position:absolute;top:.5em;right:1em";
    close.addEventListener("click", hide);
    box.append(title, text, close);
    document.body.append(box);
  };

  const events = new EventSource("/__tebiki/events");
  events.addEventListener("state", (e) => {
    const state = JSON.parse(e.data);
    if (state.ok) hide();
    else show(state.report);
  });
  events.addEventListener("reload", (e) => {
    const changed = JSON.parse(e.data).changed;
    // A page reloads when it or anything it may load (styles, scripts, images) changed.
    const mine = here();
    const matters = changed.some((path) => path === mine || !/\.(html|pdf)$/.test(path));
    if (matters) location.reload();
    else hide();
  });
})();
