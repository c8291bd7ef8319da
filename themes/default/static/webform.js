// A web form page (<city>/forms/<form>.html): keeps the values in this
// browser (localStorage, per city and form) until they are cleared, checks
// them in plain Japanese with each message linked to its field, exports and
// imports them as the JSON `tebiki forms export` prints for a filled PDF,
// and writes them into the form's fillable PDF on request. Nothing is sent
// anywhere: the only files read are this site's own PDF and PDF library.
(function () {
  'use strict';
  const form = document.getElementById('webform');
  if (!form) return;
  const storageKey = form.dataset.storageKey;
  const status = document.getElementById('wf-status');
  const summary = document.getElementById('wf-summary');
  const summaryList = document.getElementById('wf-summary-list');

  const say = (text) => { status.textContent = text; };

  // Every named control in document order (the definition's order).
  const controls = () => Array.from(form.elements).filter((e) => e.name && e.type !== 'file');

  // The values keyed by field name, sorted as `tebiki forms export` sorts them.
  function values() {
    const out = {};
    for (const e of controls()) {
      if (e.type === 'radio') {
        if (!(e.name in out)) out[e.name] = null;
        if (e.checked) out[e.name] = e.value;
      } else if (e.type === 'checkbox') {
        out[e.name] = e.checked;
      } else {
        out[e.name] = e.value;
      }
    }
    const sorted = {};
    for (const k of Object.keys(out).sort()) sorted[k] = out[k];
    return sorted;
  }

  // Sets the controls from `data`; returns the keys this form does not have.
  function apply(data) {
    const known = new Set(controls().map((e) => e.name));
    const unknown = Object.keys(data).filter((k) => !known.has(k));
    for (const e of controls()) {
      if (!(e.name in data)) continue;
      const v = data[e.name];
      if (e.type === 'radio') e.checked = v === e.value;
      else if (e.type === 'checkbox') e.checked = v === true;
      else e.value = typeof v === 'string' ? v : '';
    }
    return unknown;
  }

  function save() {
    try {
      localStorage.setItem(storageKey, JSON.stringify(values()));
    } catch (_) {
      say('この端末のブラウザーでは入力内容を保存できません（保存が許可されていません）。');
    }
  }

  function restore() {
    let kept = null;
    try {
      kept = localStorage.getItem(storageKey);
    } catch (_) {
      return;
    }
    if (!kept) return;
    try {
      apply(JSON.parse(kept));
      say('前に入力した内容を表示しています。');
    } catch (_) {
      // A damaged copy is left alone; the form starts empty.
    }
  }

  // --- Checking ---------------------------------------------------------

  const ERAS = {
    meiji: { name: '明治', start: [1868, 1, 1], end: [1912, 7, 29] },
    taisho: { name: '大正', start: [1912, 7, 30], end: [1926, 12, 24] },
    showa: { name: '昭和', start: [1926, 12, 25], end: [1989, 1, 7] },
    heisei: { name: '平成', start: [1989, 1, 8], end: [2019, 4, 30] },
    reiwa: { name: '令和', start: [2019, 5, 1], end: null },
  };
  const nfkc = (s) => s.normalize('NFKC').trim();
  const KANA = /^[\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\s・ー]+$/u;

  function labelOf(el) {
    const label = form.querySelector(`label[for="${el.id}"]`);
    let text = '';
    if (label) {
      const copy = label.cloneNode(true);
      copy.querySelectorAll('.wf-required').forEach((r) => r.remove());
      text = copy.textContent.trim();
    }
    const entry = el.closest('.wf-entry');
    if (entry && !el.closest('.wf-date')) {
      text = `${entry.querySelector('legend').textContent.trim()}の${text}`;
    }
    return text;
  }
  const legendOf = (fs) => {
    const copy = fs.querySelector('legend').cloneNode(true);
    copy.querySelectorAll('.wf-required').forEach((r) => r.remove());
    const text = copy.textContent.trim();
    const entry = fs.parentElement.closest('.wf-entry');
    return entry ? `${entry.querySelector('legend').textContent.trim()}の${text}` : text;
  };

  function textFault(el) {
    const v = nfkc(el.value);
    const label = labelOf(el);
    if (v === '') {
      return el.getAttribute('aria-required') === 'true' && !el.closest('.wf-date')
        ? `「${label}」を入力してください。` : null;
    }
    switch (el.dataset.format) {
      case 'kana':
        return KANA.test(v) ? null : `「${label}」は、ひらがなかカタカナで入力してください。`;
      case 'phone': {
        const digits = v.replace(/[\s()\-‐－ー]/g, '');
        return /^\+?\d{10,11}$/.test(digits) ? null
          : `「${label}」は、市外局番から数字10けたか11けたで入力してください（例：0852-55-5555）。`;
      }
      case 'postal':
        return /^\d{3}-?\d{4}$/.test(v) ? null : `「${label}」は、7けたの数字で入力してください（例：690-8540）。`;
      default:
        return null;
    }
  }

  function dateFault(fs) {
    const part = (p) => fs.querySelector(`input[name$=".${p}"]`);
    const [y, m, d] = ['year', 'month', 'day'].map((p) => nfkc(part(p).value));
    const chosen = fs.querySelector('input[type="radio"]:checked');
    const era = chosen ? chosen.value : fs.dataset.era;
    const hasEraChoice = fs.querySelector('input[type="radio"]') !== null;
    const legend = legendOf(fs);
    if (!y && !m && !d && !chosen) {
      return fs.dataset.required === 'true' ? `「${legend}」を入力してください。` : null;
    }
    if (hasEraChoice && !chosen) return `「${legend}」の元号を選んでください。`;
    if (!y || !m || !d) return `「${legend}」は、年・月・日をすべて入力してください。`;
    const year = y === '元' ? 1 : Number(y);
    const [month, day] = [Number(m), Number(d)];
    if (![year, month, day].every((n) => Number.isInteger(n) && n > 0)) {
      return `「${legend}」は、年・月・日を数字で入力してください（1年は「1」か「元」）。`;
    }
    const info = ERAS[era];
    const g = info.start[0] + year - 1;
    const at = new Date(Date.UTC(g, month - 1, day));
    if (month > 12 || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) {
      return `「${legend}」の${month}月${day}日という日はありません。`;
    }
    const key = (a) => a[0] * 10000 + a[1] * 100 + a[2];
    const here = key([g, month, day]);
    const written = `${info.name}${year === 1 ? '元' : year}年${month}月${day}日`;
    if (here < key(info.start)) {
      return `「${legend}」の${written}という日はありません。${info.name}は${info.name}元年${info.start[1]}月${info.start[2]}日からです。`;
    }
    if (info.end && here > key(info.end)) {
      return `「${legend}」の${written}という日はありません。${info.name}は${info.name}${info.end[0] - info.start[0] + 1}年${info.end[1]}月${info.end[2]}日までです。`;
    }
    return null;
  }

  function radioFault(fs) {
    if (fs.dataset.required !== 'true' || fs.closest('.wf-date')) return null;
    return fs.querySelector('input:checked') ? null : `「${legendOf(fs)}」を選んでください。`;
  }

  // Shows (or clears) the message of the control or group `target`.
  function mark(target, message, focusTarget) {
    const error = document.getElementById(`${target.id}-error`);
    if (!error) return;
    error.textContent = message || '';
    error.hidden = !message;
    const described = (target.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== error.id);
    if (message) described.push(error.id);
    if (described.length) target.setAttribute('aria-describedby', described.join(' '));
    else target.removeAttribute('aria-describedby');
    const invalid = target.matches('input, textarea') ? [target] : Array.from(target.querySelectorAll('input'));
    for (const i of invalid) {
      if (message) i.setAttribute('aria-invalid', 'true');
      else i.removeAttribute('aria-invalid');
    }
    return message ? { message, target: focusTarget || target } : null;
  }

  function checkOne(el) {
    const date = el.closest('.wf-date');
    if (date) {
      const outer = date.parentElement.closest('.wf-date') || date;
      return mark(outer, dateFault(outer), outer.querySelector('input'));
    }
    if (el.type === 'radio') {
      const fs = el.closest('[data-radio]');
      return mark(fs, radioFault(fs), fs.querySelector('input'));
    }
    if (el.type === 'checkbox') return null;
    return mark(el, textFault(el));
  }

  function checkAll() {
    const faults = [];
    const seen = new Set();
    for (const el of controls()) {
      const date = el.closest('.wf-date');
      const group = date || (el.type === 'radio' ? el.closest('[data-radio]') : null);
      if (group) {
        if (seen.has(group)) continue;
        seen.add(group);
      }
      const fault = checkOne(el);
      if (fault) faults.push(fault);
    }
    summaryList.replaceChildren(...faults.map((f) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = `#${f.target.id}`;
      a.textContent = f.message;
      a.addEventListener('click', (ev) => {
        ev.preventDefault();
        f.target.focus();
      });
      li.append(a);
      return li;
    }));
    summary.hidden = faults.length === 0;
    if (faults.length) {
      say(`入力内容に${faults.length}件の確認が必要な点があります。`);
      summary.focus();
    } else {
      say('入力内容に問題は見つかりませんでした。');
    }
    return faults.length === 0;
  }

  // --- Files ------------------------------------------------------------

  function download(bytes, type, name) {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  function exportJson() {
    download(`${JSON.stringify(values(), null, 2)}\n`, 'application/json', `${form.dataset.file}.json`);
    say('入力内容をファイルに書き出しました。');
  }

  async function importJson(file) {
    let data;
    try {
      data = JSON.parse(await file.text());
    } catch (_) {
      say('読み込めませんでした。このページか入力用PDFから書き出したJSONファイルを選んでください。');
      return;
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      say('読み込めませんでした。ファイルの形がこの様式のものではありません。');
      return;
    }
    const unknown = apply(data);
    save();
    say(unknown.length
      ? `読み込みました。この様式にない項目が${unknown.length}件あり、読み込んでいません。`
      : '読み込みました。');
  }

  // --- The filled PDF ---------------------------------------------------

  let library = null;
  function loadLibrary() {
    if (!library) {
      library = new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = form.dataset.library;
        s.onload = () => resolve(window.PDFLib);
        s.onerror = () => reject(new Error('library'));
        document.head.append(s);
      });
    }
    return library;
  }

  // The fillable PDF next to this page; XHR, as it also reads from a
  // folder where the browser allows it.
  function readPdf() {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', form.dataset.pdf);
      xhr.responseType = 'arraybuffer';
      xhr.onload = () => (xhr.status === 200 || (xhr.status === 0 && xhr.response && xhr.response.byteLength)
        ? resolve(new Uint8Array(xhr.response)) : reject(new Error('status')));
      xhr.onerror = () => reject(new Error('read'));
      try {
        xhr.send();
      } catch (e) {
        reject(e);
      }
    });
  }

  // The typing font of the form's /DR: character → glyph (CID) and widths.
  function typingFont(L, doc, fontRef) {
    const font = doc.context.lookup(fontRef, L.PDFDict);
    const cmapStream = font.lookup(L.PDFName.of('ToUnicode'));
    const cmap = new TextDecoder('latin1').decode(L.decodePDFRawStream(cmapStream).decode());
    const glyphs = new Map();
    const hex = (s) => parseInt(s, 16);
    const text = (s) => String.fromCharCode(...s.match(/.{4}/g).map(hex));
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) glyphs.set(text(m[2]), hex(m[1]));
    }
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const m of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        const first = text(m[3]).codePointAt(0);
        for (let c = hex(m[1]); c <= hex(m[2]); c += 1) glyphs.set(String.fromCodePoint(first + c - hex(m[1])), c);
      }
    }
    const cid = font.lookup(L.PDFName.of('DescendantFonts'), L.PDFArray).lookup(0, L.PDFDict);
    const dw = cid.lookup(L.PDFName.of('DW'));
    const widths = { fallback: dw ? dw.asNumber() : 1000, of: new Map() };
    const w = cid.lookup(L.PDFName.of('W'));
    if (w) {
      const items = w.asArray().map((o) => doc.context.lookup(o));
      for (let i = 0; i < items.length;) {
        const first = items[i].asNumber();
        if (items[i + 1] instanceof L.PDFArray) {
          items[i + 1].asArray().forEach((x, k) => widths.of.set(first + k, doc.context.lookup(x).asNumber()));
          i += 2;
        } else {
          const last = items[i + 1].asNumber();
          const value = items[i + 2].asNumber();
          for (let g = first; g <= last; g += 1) widths.of.set(g, value);
          i += 3;
        }
      }
    }
    return { glyphs, width: (g) => (widths.of.has(g) ? widths.of.get(g) : widths.fallback) };
  }

  // The appearance of a text field holding `value`, drawn in the typing font:
  // one line shrunk to the width, or lines wrapped at 10 pt.
  function textAppearance(L, doc, font, fontRef, name, rect, value, multiline) {
    const w = rect.width;
    const h = rect.height;
    const pad = 2;
    const runs = value.replace(/\r\n?/g, '\n').split('\n').map((line) => Array.from(line)
      .map((ch) => font.glyphs.get(ch)).filter((g) => g !== undefined));
    const advance = (gs) => gs.reduce((sum, g) => sum + font.width(g), 0) / 1000;
    let size;
    let lines;
    if (multiline) {
      size = 10;
      lines = [];
      for (const run of runs) {
        let line = [];
        for (const g of run) {
          if (line.length && advance([...line, g]) * size > w - 2 * pad) {
            lines.push(line);
            line = [];
          }
          line.push(g);
        }
        lines.push(line);
      }
    } else {
      lines = [runs.flat()];
      const width = advance(lines[0]);
      size = Math.min(12, (h - 2 * pad) * 0.8, width > 0 ? (w - 2 * pad) / width : 12);
    }
    const leading = size * 1.15;
    const ops = ['/Tx BMC', 'q', `${pad / 2} ${pad / 2} ${w - pad} ${h - pad} re W n`, 'BT', `/${name} ${size.toFixed(2)} Tf`, '0 g'];
    const top = multiline ? h - pad - size * 0.88 : (h - size * 0.76) / 2;
    lines.forEach((gs, i) => {
      const hexText = gs.map((g) => g.toString(16).padStart(4, '0')).join('');
      ops.push(i === 0 ? `${pad} ${top.toFixed(2)} Td` : `0 ${(-leading).toFixed(2)} Td`);
      ops.push(`<${hexText}> Tj`);
    });
    ops.push('ET', 'Q', 'EMC');
    const stream = doc.context.flateStream(ops.join('\n'), {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, w, h],
      Resources: { Font: { [name]: fontRef } },
    });
    return doc.context.register(stream);
  }

  async function fillPdf(bytes) {
    const L = await loadLibrary();
    const doc = await L.PDFDocument.load(bytes, { updateMetadata: false });
    const acro = doc.catalog.lookup(L.PDFName.of('AcroForm'), L.PDFDict);
    const fonts = acro.lookup(L.PDFName.of('DR'), L.PDFDict).lookup(L.PDFName.of('Font'), L.PDFDict);
    // The one font of /DR that is not ZapfDingbats is the typing font (see docs/forms-format.md).
    const fontName = fonts.keys().map((k) => k.decodeText()).find((k) => k !== 'ZaDb');
    const fontRef = fonts.get(L.PDFName.of(fontName));
    const font = typingFont(L, doc, fontRef);
    const data = values();
    for (const field of doc.getForm().getFields()) {
      const name = field.getName();
      if (!(name in data)) continue;
      const v = data[name];
      const a = field.acroField;
      if (field instanceof L.PDFTextField) {
        if (!v) continue;
        a.dict.set(L.PDFName.of('V'), L.PDFHexString.fromText(v));
        const multiline = field.isMultiline();
        for (const widget of a.getWidgets()) {
          widget.setNormalAppearance(textAppearance(L, doc, font, fontRef, fontName, widget.getRectangle(), v, multiline));
        }
      } else if (field instanceof L.PDFCheckBox) {
        const state = L.PDFName.of(v ? 'Yes' : 'Off');
        a.dict.set(L.PDFName.of('V'), state);
        for (const widget of a.getWidgets()) widget.setAppearanceState(state);
      } else if (field instanceof L.PDFRadioGroup) {
        const state = L.PDFName.of(v === null ? 'Off' : v);
        a.dict.set(L.PDFName.of('V'), state);
        for (const widget of a.getWidgets()) {
          const on = widget.getOnValue();
          widget.setAppearanceState(on && v !== null && on.decodeText() === v ? on : L.PDFName.of('Off'));
        }
      }
    }
    return doc.save({ updateFieldAppearances: false });
  }

  async function savePdf(bytes) {
    say('入力済みのPDFを作っています…');
    try {
      const filled = await fillPdf(bytes);
      download(filled, 'application/pdf', `${form.dataset.file}-入力済み.pdf`);
      say('入力済みのPDFを保存しました。');
    } catch (e) {
      console.error(e);
      say('PDFを作れませんでした。入力用PDFのファイルを選び直すか、このページを印刷してください。');
    }
  }

  async function pdf() {
    let bytes;
    try {
      [bytes] = await Promise.all([readPdf(), loadLibrary()]);
    } catch (_) {
      const pick = document.getElementById('wf-pick');
      pick.hidden = false;
      say('入力用PDFを選んでください。');
      document.getElementById('wf-pick-file').focus();
      return;
    }
    await savePdf(bytes);
  }

  // --- Wiring -----------------------------------------------------------

  restore();
  form.addEventListener('input', save);
  form.addEventListener('change', (ev) => {
    if (ev.target.type === 'file') return;
    save();
    if (ev.target.name) checkOne(ev.target);
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    checkAll();
  });
  form.querySelector('[data-action="print"]').addEventListener('click', () => window.print());
  form.querySelector('[data-action="export"]').addEventListener('click', exportJson);
  form.querySelector('[data-action="pdf"]').addEventListener('click', pdf);
  form.querySelector('[data-action="clear"]').addEventListener('click', () => {
    if (!window.confirm('入力した内容をすべて消去します。よろしいですか。')) return;
    form.reset();
    for (const e of form.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
    for (const e of form.querySelectorAll('.wf-error')) { e.hidden = true; e.textContent = ''; }
    summary.hidden = true;
    try {
      localStorage.removeItem(storageKey);
    } catch (_) {
      // Nothing was kept.
    }
    say('入力内容を消去しました。');
  });
  document.getElementById('wf-import').addEventListener('change', (ev) => {
    const [file] = ev.target.files;
    if (file) importJson(file);
    ev.target.value = '';
  });
  document.getElementById('wf-pick-file').addEventListener('change', async (ev) => {
    const [file] = ev.target.files;
    if (!file) return;
    await loadLibrary();
    await savePdf(new Uint8Array(await file.arrayBuffer()));
  });
  window.tebikiWebform = { values, apply };
}());
