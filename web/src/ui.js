// finaptic-chat-ui.js: the lazy part of the shim, loaded once per page on the first intent.
// One panel per widget: the canvas the C++ widget draws on, the composer <textarea>, transparent
// twins of the canvas's focusable controls, the accessibility mirror, and the bridge of
// widget/BRIDGE.md (host.* callbacks in, mod._fc_* calls out). DOM only: what to draw, what is
// focusable and everything about the chat is decided in C++.
import panelCss from './panel.css';
import { adoptCss } from './css.js';
import { createAttachments } from './attachments.js';
import { DEFAULT_STRINGS, LANG_TAG, format, wantedLocales } from './strings.js';
import { createDateFormat, dateLocale } from './dates.js';
import { answerDataCall } from './data-call.js';
import { createTextRaster } from './text-raster.js';
import { piiFeed, piiLoader } from './pii-module.js';

const SAFE_URL = /^(https:|mailto:|tel:)/i;
const enc = new TextEncoder();

// ---------------------------------------------------------------------------------------------
// Page-wide: the glue module, ONE compiled WebAssembly.Module shared by every instance.
// ---------------------------------------------------------------------------------------------
let shared;

function fetchOk(url) {
  return fetch(url, { credentials: 'same-origin' }).then((r) => {
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    return r;
  });
}

async function compileWasm(url) {
  if (WebAssembly.compileStreaming) {
    try {
      return await WebAssembly.compileStreaming(fetchOk(url));
    } catch (e) {
      // A server that does not send application/wasm: compile from bytes instead.
      if (!(e instanceof TypeError)) throw e;
    }
  }
  return WebAssembly.compile(await (await fetchOk(url)).arrayBuffer());
}

// All text on the canvas (messages and every label) shaped and rasterised by the browser in the
// page's fonts, one measurer for the page (C++ asks through host.textLayout / host.textRaster,
// widget/BRIDGE.md). No font file is downloaded.
let textRaster;
function browserText() {
  textRaster ||= createTextRaster();
  return textRaster;
}

// An image as RGBA pixels, at most `maxH` px high (C++ draws it: the theme's logo in the header, a
// template's images in its options), once per URL and size. Through an <img> (same origin, or CORS
// for another one): img-src covers it, and SVG works too.
const decoded = new Map();
function decodeImage(url, maxH) {
  const key = `${maxH} ${url}`;
  if (!decoded.has(key)) {
    decoded.set(key, (async () => {
      const img = new Image();
      img.crossOrigin = 'anonymous';
      img.src = url;
      await img.decode();
      const nw = img.naturalWidth || 300, nh = img.naturalHeight || 150;
      const scale = Math.min(1, maxH / nh, 1024 / nw);
      const w = Math.max(1, Math.round(nw * scale)), h = Math.max(1, Math.round(nh * scale));
      const c = document.createElement('canvas');
      c.width = w;
      c.height = h;
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0, w, h);
      return { w, h, data: new Uint8Array(ctx.getImageData(0, 0, w, h).data.buffer) };
    })());
    decoded.get(key).catch(() => decoded.delete(key));
  }
  return decoded.get(key);
}

// The PII detector (finaptic-chat-pii.wasm and pii-names.bin, web/src/pii-module.js): loaded once per
// page when a chat first needs the guard or the customer first types, shared by every instance.
let piiLoad;
function piiModule(base) {
  piiLoad ||= piiLoader((name) => fetchOk(new URL(name, base).href).then((r) => r.arrayBuffer()));
  return piiLoad;
}

export function preload(base) {
  if (!shared) {
    const s = {
      wasm: compileWasm(new URL('finaptic-chat.wasm', base).href),
      glue: import(new URL('finaptic-chat-widget.js', base).href).then((m) => m.default),
    };
    shared = s;
    Promise.all([s.wasm, s.glue]).catch(() => { if (shared === s) shared = undefined; });   // a retry starts over
  }
  return shared;
}

// ---------------------------------------------------------------------------------------------
// Small DOM helpers
// ---------------------------------------------------------------------------------------------
function el(tag, props, ...children) {
  const e = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v == null || v === false) continue;
      if (k in e && k !== 'role' && !k.startsWith('aria')) e[k] = v;
      else e.setAttribute(k, v === true ? '' : v);
    }
  }
  e.append(...children);
  return e;
}

function safeLink(href, text) {
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer', tabIndex: -1 }, text || href);
}

function px(n) { return `${Math.round(n * 100) / 100}px`; }

// A message's <time>: `time` is an ISO-8601 instant (BRIDGE.md), `timeLabel` what the canvas shows
// (C++ asked host.formatDate for it); without a label the same formatter writes it here.
function timeText(t, label, dates) {
  if (t == null || t === '') return null;
  const d = new Date(typeof t === 'number' ? t : String(t));
  if (isNaN(d)) return null;
  return el('time', { dateTime: d.toISOString() }, label ? String(label) : dates.time(d.getTime()));
}

function parse(json) {
  if (json == null || json === '') return {};
  if (typeof json !== 'string') return json;
  try { return JSON.parse(json); } catch (e) { return {}; }
}

// ---------------------------------------------------------------------------------------------
// One panel
// ---------------------------------------------------------------------------------------------
export function createPanel(w) {
  const { root, options: o } = w;
  const S = (key, args) => format(w.strings, key, args);
  // Dates and times for C++ and the mirror alike, in the table's language (made when first asked:
  // the table is chosen by then).
  let dateFormat;
  const dates = () => dateFormat || (dateFormat = createDateFormat(dateLocale(wantedLocales(o.locale), w.locale)));
  adoptCss(root, panelCss, w.base);

  const canvas = el('canvas', { 'aria-hidden': 'true' });
  // The live region wraps a real list: role="log" on the <ol> itself would take its list semantics
  // away (its <li> then sit outside any list).
  const log = el('ol');
  const logRegion = el('div', { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': S('mirror.messages') }, log);
  const status = el('div', { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const alert = el('div', { role: 'alert', 'aria-atomic': 'true' });
  const mirror = el('div', { className: 'sr-only' }, logRegion, status, alert);
  const composerId = `${w.id}-composer`;
  const label = el('label', { className: 'sr-only', htmlFor: composerId }, S('composer.label'));
  const ta = el('textarea', {
    id: composerId, className: 'composer', rows: 1, enterKeyHint: 'send', dir: 'auto', autocomplete: 'off',
    spellcheck: true, placeholder: S('composer.placeholder'), 'aria-label': S('composer.label'),
  });
  ta.setAttribute('enterkeyhint', 'send');
  // Twins above and below the composer live in two groups, so reordering them never moves the
  // textarea itself (moving a focused element blurs it and drops keystrokes).
  const twinsBefore = el('div', { className: 'twins' });
  const twinsAfter = el('div', { className: 'twins' });
  // Files: the attach button before the composer in tab order, the upload list above it.
  const files = createAttachments({
    el, S, ta, emit: (name, detail) => w.emit(name, detail),
    bridge: {
      ready: () => !!mod,
      attach(name, type, bytes) {
        if (!mod) return 2;
        const p = mod._malloc(bytes.length + 1);
        heap().set(bytes, p);
        const rc = withString(name, (np) => withString(type, (tp) => mod._fc_attach(np, tp, p, bytes.length)));   // C++ owns p
        call('_fc_frame_now');
        return rc;
      },
      upload(id, op) { callStr('_fc_upload', id, op); call('_fc_frame_now'); },
    },
  });
  const layer = el('div', { className: 'layer' }, twinsBefore, files.list, label, files.button, ta, files.input, twinsAfter);
  const spinner = el('div', { className: 'spinner', 'aria-hidden': 'true' });
  const coverText = el('p', { role: 'status' }, S('panel.loading'));
  const retry = el('button', { type: 'button', className: 'retry', hidden: true }, S('panel.retry'));
  const cover = el('div', { className: 'cover' }, spinner, coverText, retry);
  const stage = el('div', { className: 'stage' }, canvas, cover, layer);   // the composer stays usable while loading
  const panel = el('section', { id: `${w.id}-panel`, className: 'panel', 'aria-label': S('panel.label'), lang: w.locale, dir: w.dir, hidden: true }, mirror, stage);
  root.append(panel);
  files.attachTo(panel, stage);

  let mod = null;          // the emscripten module instance, once fc_init returned 0
  let memory = null;       // its exports.memory, when the glue does not export HEAPU8
  let destroyed = false;
  const queue = [];        // calls made before the module was ready
  const cleanups = [];

  // --- wasm calls -------------------------------------------------------------------------------
  const heap = () => mod.HEAPU8 || new Uint8Array(memory.buffer);
  function withString(s, fn) {
    const bytes = enc.encode(String(s));
    const p = mod._malloc(bytes.length + 1);
    const h = heap();
    h.set(bytes, p);
    h[p + bytes.length] = 0;
    try { return fn(p); } finally { mod._free(p); }
  }
  const call = (name, ...args) => (mod && typeof mod[name] === 'function' ? mod[name](...args) : undefined);
  const callStr = (name, s, ...rest) => (mod && typeof mod[name] === 'function' ? withString(s, (p) => mod[name](p, ...rest)) : undefined);
  const whenReady = (fn) => (mod ? fn() : queue.push(fn));
  // Decoded pixels ({w, h, data}) for fc_image(id, ...); null: it could not be loaded.
  const giveImage = (id, img) => whenReady(() => {
    if (destroyed) return;
    if (!img) return mod._fc_image(id, 0, 0, 0);
    const p = mod._malloc(img.data.length);
    heap().set(img.data, p);
    mod._fc_image(id, p, img.w, img.h);   // C++ owns p from here
  });

  // --- host callbacks (C++ → JS) ----------------------------------------------------------------
  const host = {
    // C++ needs a chat: the partner's tokenProvider({level, reason, transcript}) → fc_token.
    requestToken(requestId, level, reason, transcriptJson) {
      let transcript = parse(transcriptJson);
      if (!Array.isArray(transcript)) transcript = Array.isArray(transcript.items) ? transcript.items : [];
      const request = { level: String(level || ''), reason: String(reason || ''), transcript };
      Promise.resolve().then(() => {
        if (typeof o.tokenProvider !== 'function') throw new Error('no tokenProvider');
        return o.tokenProvider(request);
      }).then((t) => {
        if (!t || typeof t !== 'object') throw new Error('tokenProvider returned no chat details');
        return JSON.stringify(t);
      }).catch((e) => JSON.stringify({ error: String((e && e.message) || e || 'tokenProvider failed') }))
        .then((answer) => {
          if (!destroyed && mod) withString(answer, (p) => mod._fc_token(requestId, p));
        });
    },
    // A template's `$API:` placeholder: the partner's dataProvider[name](args) → fc_data. What it
    // returns stays in the page: C++ draws it, never sends it (system.md §4).
    callData(requestId, name, argsJson) {
      answerDataCall(o.dataProvider, String(name), argsJson).then(([ok, text]) => {
        if (!destroyed && mod) withString(text, (p) => mod._fc_data(requestId, ok, p));
      });
    },
    messages(json) { applyMessages(parse(json)); },
    controls(json) { applyControls(parse(json)); },
    status(text, kind) {
      const region = kind === 'error' ? alert : status;
      (region === alert ? status : alert).textContent = '';
      if (region.textContent !== text) region.textContent = text || '';
    },
    event(name, json) {
      const detail = parse(json);
      if (name === 'action') return shimAction(String(detail.id || ''), detail);   // internal, not public
      // Internal: a theme problem for the designer (contrast fixed up, unknown keys). Never message text.
      if (name === 'warning') return console.warn(`finaptic-chat: ${detail.message || ''}`);
      if (name === 'open' || name === 'close') return;   // the shim emits these itself
      if (name === 'unread' && typeof detail.count === 'number') w.setUnread(detail.count);
      w.emit(name, detail);
    },
    openUrl(url) {
      url = String(url);
      if (SAFE_URL.test(url)) window.open(url, '_blank', 'noopener,noreferrer');
    },
    copy(text) { copyText(String(text)); },
    // The PII detector, when the core needs it (Conversation's PiiWanted: the policy guards NAME, a
    // message waits for the guard, a chat is restored).
    pii() { loadPii(true); },
    // A time of day or a day heading for the canvas (widget/app/host.js fc_js_format_date).
    formatDate(what, value) { return dates().text(what, value); },
    // A template's image (an https URL the core allowed): RGBA to C++ (fc_image), or nothing (ptr 0)
    // when it cannot be loaded, so the option keeps its placeholder. 96 px: sharp at 2x for 40 px.
    loadImage(id, url) {
      url = String(url);
      const answer = (img) => giveImage(id, img);
      if (!/^https:\/\//.test(url)) return answer(null);
      decodeImage(url, 96).then(answer, () => answer(null));
    },
    // An image attachment's thumbnail: its signed URL (GetAttachment), decoded by the browser, at
    // most maxW x maxH, answered like loadImage.
    thumbnail(id, url, maxW, maxH) {
      files.thumbnail(String(url), maxW, maxH).then((img) => giveImage(id, img), () => giveImage(id, null));
    },
    textLayout(spec, maxWidth) { return browserText().layout(spec, maxWidth); },
    textRaster(spec, maxWidth, ratio, top, height) { return browserText().raster(spec, maxWidth, ratio, top, height); },
    uploads(json) { files.apply(parse(json)); },
    download(url, name) { files.download(String(url), String(name)); },
    cursor(name) { canvas.style.cursor = /^[a-z-]{1,20}$/.test(name) ? name : 'default'; },
  };

  // Things only the shim can do, asked for by a canvas control (BRIDGE.md, event "action").
  function shimAction(id, detail) {
    if (id === 'send') send();
    else if (id === 'minimize') w.minimize();
    else if (id === 'pii-edit') ta.focus({ preventScroll: true });
    else if (id === 'composer-restore') {
      // A message the customer kept (the PII question's "Edit"): into the composer unless it is there
      // already, ahead of anything typed since.
      const kept = String(detail.text || '');
      if (kept && ta.value !== kept) {
        ta.value = ta.value.trim() ? `${kept}\n${ta.value}` : kept;
        saveDraft(ta.value);
        autogrow();
      }
    } else if (id === 'composer-clear') {
      ta.value = '';
      saveDraft('');
      autogrow();
    }
  }

  // --- the PII detector --------------------------------------------------------------------------
  // Loaded when the core asks (host.pii) and prefetched on the composer's first input, so the first
  // Enter rarely waits (piiFeed in pii-module.js: hand-over, failure notice, retry on the next send).
  const loadPii = piiFeed(() => piiModule(w.base)(), () => (destroyed ? null : mod), (m) => m._fc_pii_ready(),
    (m, message) => withString(message, (p) => m._fc_pii_failed(p)));

  // --- the theme's logo: decoded here, RGBA pixels to C++ (fc_logo) -----------------------------
  let logoUrl = '';
  function sendLogo(theme) {
    const raw = theme && typeof theme.logoUrl === 'string' ? theme.logoUrl : '';
    let url = '';
    try { url = raw ? new URL(raw, w.themeBase || document.baseURI).href : ''; } catch (e) { url = ''; }
    logoUrl = url;
    if (!url) return whenReady(() => call('_fc_logo', 0, 0, 0));
    decodeImage(url, 192).then((img) => {
      if (logoUrl !== url || destroyed) return;
      whenReady(() => {
        const p = mod._malloc(img.data.length);
        heap().set(img.data, p);
        mod._fc_logo(p, img.w, img.h);   // C++ owns p from here
      });
    }, () => { /* no logo: the header shows the partner name only */ });
  }

  // --- clipboard --------------------------------------------------------------------------------
  function copyText(text) {
    const done = (ok) => host.status(S(ok ? 'copy.done' : 'copy.failed'), ok ? 'notice' : 'error');
    const fallback = () => {
      // Inside the gesture (C++ copies from fc_frame_now in an input handler): execCommand works
      // where the async Clipboard API is missing (insecure context, older Safari, iframes).
      const active = root.activeElement;
      const buf = el('textarea', { className: 'copybuf', readOnly: true, 'aria-hidden': 'true', tabIndex: -1 });
      buf.value = text;
      root.append(buf);
      buf.select();
      let ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      buf.remove();
      if (active && active.focus) active.focus({ preventScroll: true });
      return ok;
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(() => done(true), () => done(fallback()));
    } else {
      done(fallback());
    }
  }

  // --- accessibility mirror: messages ---------------------------------------------------------
  const entries = new Map();   // message id -> <li>
  const sigs = new WeakMap();  // <li> -> what it last said
  function fillEntry(li, m) {
    const failed = m.delivery === 'failed';
    const links = Array.isArray(m.links) ? m.links : [];
    const actions = Array.isArray(m.actions) ? m.actions : [];
    // Rebuild only when something a listener hears changed (delivery ticks are not re-announced).
    const sig = JSON.stringify([m.sender, m.text, m.time, m.timeLabel, failed, links, actions, m.lang, m.image]);
    if (sigs.get(li) === sig) return;
    sigs.set(li, sig);
    li.dataset.role = m.role || '';
    if (m.own) li.dataset.own = ''; else delete li.dataset.own;
    // System lines and date separators have no sender: just their text. Links become real <a>
    // elements where their text appears in the message (in order), so nothing is read twice.
    const parts = [m.sender ? `${m.sender}: ` : ''];
    let rest = String(m.text || '');
    const tail = [];
    for (const l of links) {
      const href = String(l && l.href || '');
      const label = String(l && l.text || href);
      const node = SAFE_URL.test(href) ? safeLink(href, label) : label;
      const at = label ? rest.indexOf(label) : -1;
      if (at < 0) { tail.push(' ', node); continue; }
      parts.push(rest.slice(0, at), node);
      rest = rest.slice(at + label.length);
    }
    parts.push(rest, ...tail);
    // The message text in its own direction (a Hebrew line in a German chat) and, where C++ knows
    // it, its language; the sender's name and the time stay in the panel's.
    const body = el('span', { dir: 'auto', lang: LANG_TAG.test(m.lang || '') ? m.lang : null }, ...parts.splice(1));
    parts.push(body);
    // A picture the canvas draws (an attachment's thumbnail): an image named by its file name.
    if (m.image) parts.splice(1, 0, el('img', { alt: String(m.image) }), ' ');
    const t = timeText(m.time, m.timeLabel, dates());
    if (t) parts.push(' ', t);
    if (failed) parts.push(` (${S('mirror.failed')})`);
    for (const a of actions) {
      const b = el('button', { type: 'button', tabIndex: -1 }, String(a.label || ''));
      b.addEventListener('click', () => {
        callStr('_fc_action', String(a.id));
        call('_fc_frame_now');
      });
      parts.push(' ', b);
    }
    li.replaceChildren(...parts);
  }
  function applyMessages(u) {
    if (u.reset) {
      entries.clear();
      log.replaceChildren();
    }
    for (const id of Array.isArray(u.remove) ? u.remove : []) {   // removals apply first
      const li = entries.get(String(id));
      if (li) li.remove();
      entries.delete(String(id));
    }
    for (const m of Array.isArray(u.items) ? u.items : []) {
      if (!m || m.id == null) continue;
      const id = String(m.id);
      let li = entries.get(id);
      if (!li) entries.set(id, (li = el('li', { 'data-id': id })));
      fillEntry(li, m);
      const prev = m.after ? entries.get(String(m.after)) : null;
      const inPlace = li.parentNode === log && (prev ? li.previousSibling === prev : (m.after ? li === log.lastChild : li === log.firstChild));
      if (inPlace) continue;
      if (prev) log.insertBefore(li, prev.nextSibling);
      else if (m.after) log.append(li);   // unknown predecessor: keep arrival order
      else log.insertBefore(li, log.firstChild);
    }
  }

  // --- controls: composer placement and transparent twins ---------------------------------------
  const twins = new Map();     // control id -> element
  let composer = null;         // last composer rect from C++
  let focusWhenEnabled = false;
  let askedHeight = 0;         // the textarea height last passed to fc_composer_height
  // The canvas focus ring follows DOM focus (fc_focus), and leaves when focus leaves the controls.
  function bridgeFocus(e) {
    e.addEventListener('focus', () => callStr('_fc_focus', e.dataset.id));
    e.addEventListener('blur', (ev) => {
      if (!ev.relatedTarget || !ev.relatedTarget.classList || !ev.relatedTarget.classList.contains('ctl')) callStr('_fc_focus', '');
    });
  }
  // Activating a control is C++'s to do (as a canvas click): fc_action, then a frame in the gesture.
  function activate(e) {
    if (e.getAttribute('aria-disabled') === 'true') return;
    callStr('_fc_action', e.dataset.id);
    call('_fc_frame_now');
  }
  function makeTwin(item) {
    const isLink = item.kind === 'link' && SAFE_URL.test(String(item.href || ''));
    const e = isLink ? safeLink(String(item.href)) : el('button', { type: 'button' });
    e.tabIndex = 0;
    e.className = 'ctl';
    e.dataset.kind = item.kind || 'button';
    bridgeFocus(e);
    // A safe link opens natively (a real gesture on a real <a>); everything else is C++'s to do.
    if (!isLink) e.addEventListener('click', (ev) => {
      ev.preventDefault();
      activate(e);
    });
    return e;
  }
  // An option of a template's listbox (ListPicker, TimePicker): focusable by script (roving tabindex:
  // Tab enters the list once, arrows move within it), picked with Enter / Space or a click.
  function makeOption() {
    const e = el('div', { role: 'option', className: 'ctl', tabIndex: -1 });
    e.dataset.kind = 'option';
    bridgeFocus(e);
    e.addEventListener('click', () => activate(e));
    return e;
  }
  function optionKeys(ev) {
    const box = ev.currentTarget;
    const options = [...box.children];
    const at = options.indexOf(ev.target);
    if (at < 0) return;
    const go = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: options.length - 1 }[ev.key];
    if (go !== undefined) {
      ev.preventDefault();
      const next = options[Math.max(0, Math.min(options.length - 1, go))];
      for (const o of options) o.tabIndex = o === next ? 0 : -1;
      next.focus({ preventScroll: true });
    } else if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      activate(ev.target);
    }
  }
  // A template's controls share one container: a labelled listbox or group (BRIDGE.md, Control).
  const groups = new Map();      // group id -> container
  const announced = new Set();   // groups whose options were announced (once each)
  function groupFor(item) {
    const id = String(item.group);
    const role = item.groupRole === 'listbox' ? 'listbox' : 'group';
    let g = groups.get(id);
    if (g && g.getAttribute('role') !== role) {
      g.remove();
      g = null;
    }
    if (!g) {
      g = el('div', { role, className: 'tplgroup' });
      if (role === 'listbox') g.addEventListener('keydown', optionKeys);
      groups.set(id, g);
    }
    const name = String(item.groupLabel || '');
    if (g.getAttribute('aria-label') !== name) g.setAttribute('aria-label', name);
    return g;
  }
  // Tab order inside a listbox: one option is tabbable: the one last focused, else the picked
  // one, else the first that can be picked.
  function rove(box) {
    const options = [...box.children];
    const keep = options.find((o) => o.tabIndex === 0 && o.isConnected) ||
      options.find((o) => o.getAttribute('aria-selected') === 'true') ||
      options.find((o) => o.getAttribute('aria-disabled') !== 'true') || options[0];
    for (const o of options) o.tabIndex = o === keep ? 0 : -1;
  }
  // New options are announced once, when a template first offers something to pick. Returns the
  // text, or '' (several templates appearing in one update are said together: the region is atomic).
  function announcement(id, box) {
    if (announced.has(id)) return '';
    const live = [...box.children].filter((o) => o.getAttribute('aria-disabled') !== 'true');
    if (!live.length) return '';
    announced.add(id);
    return S('mirror.options', { count: live.length, title: box.getAttribute('aria-label') || '' });
  }
  function applyControls(c) {
    const focused = root.activeElement;
    const keep = new Set();
    const before = [], after = [];   // top-level nodes: twins and template containers, in order
    const members = new Map();       // container -> its controls, in order
    if (c.composer) placeComposer(c.composer);
    const split = composer ? composer.y : Infinity;
    for (const item of Array.isArray(c.items) ? c.items : []) {
      if (!item || item.id == null) continue;
      const id = String(item.id);
      let box = item.group ? groupFor(item) : null;
      // A listbox holds options only: a template's other controls (a TimePicker's day pager) stand
      // beside it in the tab order.
      if (box && box.getAttribute('role') === 'listbox' && item.kind !== 'option') box = null;
      const asOption = !!box && box.getAttribute('role') === 'listbox';
      let e = twins.get(id);
      const wantLink = !asOption && item.kind === 'link' && SAFE_URL.test(String(item.href || ''));
      if (e && ((e.tagName === 'A') !== wantLink || (e.getAttribute('role') === 'option') !== asOption)) {
        e.remove();
        e = null;
      }
      if (!e) twins.set(id, (e = asOption ? makeOption() : makeTwin(item)));
      e.dataset.id = id;
      if (wantLink && e.getAttribute('href') !== item.href) e.href = item.href;
      const name = String(item.label || '');
      if (e.textContent !== name) e.textContent = name;
      if (asOption) e.setAttribute('aria-selected', item.selected ? 'true' : 'false');
      else if (item.kind === 'option' || box) e.setAttribute('aria-pressed', item.selected ? 'true' : 'false');
      if (item.disabled) e.setAttribute('aria-disabled', 'true');
      else e.removeAttribute('aria-disabled');
      const st = e.style;
      st.left = px(item.x); st.top = px(item.y); st.width = px(item.w); st.height = px(item.h);
      keep.add(id);
      if (box) {
        // The container takes the place of its first control in the tab order.
        if (!members.has(box)) {
          members.set(box, []);
          (item.y + item.h / 2 < split ? before : after).push(box);
        }
        members.get(box).push(e);
      } else {
        (item.y + item.h / 2 < split ? before : after).push(e);
      }
    }
    for (const [id, e] of twins) {
      if (keep.has(id)) continue;
      twins.delete(id);
      e.remove();
    }
    for (const [id, g] of groups) {
      if (members.has(g)) continue;
      groups.delete(id);
      g.remove();
    }
    // DOM order is tab order: controls above the composer, the composer, the rest.
    const order = (parent, nodes) => nodes.forEach((node, i) => {
      if (parent.children[i] !== node) parent.insertBefore(node, parent.children[i] || null);
    });
    for (const [box, nodes] of members) {
      order(box, nodes);
      while (box.children.length > nodes.length) box.lastChild.remove();
      if (box.getAttribute('role') === 'listbox') rove(box);
    }
    order(twinsBefore, before);
    order(twinsAfter, after);
    const news = [...groups].map(([id, box]) => announcement(id, box)).filter(Boolean);
    if (news.length) host.status(news.join(' '), 'notice');
    // A template's container is not focusable itself: its tabbable control is.
    const entry = (n) => (n && n.classList.contains('tplgroup') ? [...n.children].find((o) => o.tabIndex === 0) || n.firstChild : n);
    // The chat ended under the customer's cursor: the composer gave way to "Start a new chat".
    if (focused === ta && ta.hidden && !panel.hidden) {
      entry(twins.get('new-chat') || after[0] || before[0])?.focus({ preventScroll: true });
    } else if (focused && focused !== root.activeElement && !panel.hidden) {
      // A removed or moved control that had focus: keep focus in the widget, never on <body>.
      entry(focused.isConnected ? focused : (ta.disabled ? after[0] || before[before.length - 1] : ta))?.focus({ preventScroll: true });
    }
  }
  function placeComposer(cp) {
    composer = cp;
    ta.classList.add('placed');
    const fontPx = Math.max(16, Number(cp.fontPx) || 16);
    ta.style.fontSize = px(fontPx);
    // The attach button takes the composer's first 44 px, at its start: the right end in rtl (attachments.js).
    ta.style.left = px(cp.x + (w.dir === 'rtl' ? 0 : 44));
    ta.style.width = px(Math.max(0, cp.w - 44));
    // No composer rect: the chat has ended and the canvas offers "Start a new chat" there instead.
    ta.hidden = !(cp.w > 0 && cp.h > 0);
    const disabled = cp.enabled === false;
    if (ta.disabled !== disabled) {
      if (disabled && root.activeElement === ta) {
        focusWhenEnabled = true;   // the composer had focus: it gets it back when usable again
        ta.blur();
      }
      ta.disabled = disabled;
      // Still where the person left it (launcher, or nowhere): the composer takes focus now.
      const a = root.activeElement, d = document.activeElement;
      const untouched = a === w.launcher || (!a && (d === document.body || d === w.returnFocus));
      if (!disabled && focusWhenEnabled && !panel.hidden && untouched) ta.focus({ preventScroll: true });
      if (!disabled) focusWhenEnabled = false;
    }
    const ph = cp.placeholder || S('composer.placeholder');
    if (ta.placeholder !== ph) ta.placeholder = ph;
    autogrow();
  }
  // Grows with the text up to 5 lines, upwards from the bottom of the composer rect.
  function autogrow() {
    if (!composer) return;
    const cs = getComputedStyle(ta);
    const line = parseFloat(cs.lineHeight) || Math.max(16, composer.fontPx || 16) * 1.4;
    const chrome = parseFloat(cs.paddingTop) + parseFloat(cs.paddingBottom) + parseFloat(cs.borderTopWidth) + parseFloat(cs.borderBottomWidth);
    const min = Math.max(44, line + chrome);
    const max = Math.max(min, line * 5 + chrome);
    ta.style.height = '0px';
    const need = ta.scrollHeight + parseFloat(cs.borderTopWidth) + parseFloat(cs.borderBottomWidth);
    const h = Math.round(Math.min(max, Math.max(min, need)));
    ta.style.height = px(h);
    ta.style.overflowY = need > max + 0.5 ? 'auto' : 'hidden';
    // Grows upwards from the bottom of C++'s composer rect until C++ made room (fc_composer_height).
    ta.style.top = px(composer.y + composer.h - h);
    files.place(composer, composer.y + composer.h - h, h);
    if (h !== askedHeight && mod) {
      askedHeight = h;
      call('_fc_composer_height', h);
    }
  }

  // --- composer: send, newline, IME, draft --------------------------------------------------------
  const draftKey = `${o.storageKey}:draft`;
  const storage = (() => { try { return window.sessionStorage; } catch (e) { return null; } })();
  const saveDraft = (v) => {
    try { v ? storage && storage.setItem(draftKey, v) : storage && storage.removeItem(draftKey); } catch (e) { /* full or blocked */ }
  };
  try { ta.value = (storage && storage.getItem(draftKey)) || ''; } catch (e) { /* blocked */ }
  let composing = false;
  ta.addEventListener('compositionstart', () => { composing = true; });
  ta.addEventListener('compositionend', () => { composing = false; });
  ta.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.shiftKey || e.altKey) return;
    // IME: the Enter that commits a composition is not a send (Safari reports it as keyCode 229).
    if (e.isComposing || composing || e.keyCode === 229) return;
    e.preventDefault();
    send();
  });
  ta.addEventListener('input', () => {
    saveDraft(ta.value);
    autogrow();
    if (ta.value && !composing) call('_fc_typing');
    if (ta.value) loadPii(false);   // a prefetch: the customer is about to send
  });
  ta.addEventListener('focus', () => callStr('_fc_focus', ''));
  function send() {
    const text = ta.value;
    if (!text.trim() || !mod) return;
    const rc = callStr('_fc_send', text);
    // After a failed load: this message waits for the detector too, so try again (no-op once loaded).
    if (rc === 0) loadPii(true);
    if (rc === 0) {
      ta.value = '';
      saveDraft('');
      autogrow();
    }
  }

  // --- environment → C++ ----------------------------------------------------------------------
  let size = { w: 0, h: 0, dpr: 0 };   // last size C++ was told
  const dpr = () => window.devicePixelRatio || 1;
  // Layout size in CSS px (not getBoundingClientRect: the opening animation scales the panel).
  function cssSize() {
    const cs = getComputedStyle(canvas);
    return { w: parseFloat(cs.width) || 0, h: parseFloat(cs.height) || 0 };
  }
  function resized() {
    const r = cssSize();
    if (!r.w || !r.h || panel.hidden) return;
    if (r.w === size.w && r.h === size.h && dpr() === size.dpr) return;
    size = { ...r, dpr: dpr() };
    call('_fc_resize', r.w, r.h, size.dpr);
    autogrow();
  }
  const ro = new ResizeObserver(resized);
  ro.observe(canvas);
  cleanups.push(() => ro.disconnect());
  let dprQuery;
  function watchDpr() {
    if (dprQuery) dprQuery.removeEventListener('change', onDpr);
    dprQuery = matchMedia(`(resolution: ${dpr()}dppx)`);
    dprQuery.addEventListener('change', onDpr);
  }
  function onDpr() { watchDpr(); resized(); }
  watchDpr();
  cleanups.push(() => dprQuery.removeEventListener('change', onDpr));
  const listen = (target, type, fn, opts) => {
    target.addEventListener(type, fn, opts);
    cleanups.push(() => target.removeEventListener(type, fn, opts));
  };
  listen(document, 'visibilitychange', () => call('_fc_visibility', document.hidden ? 1 : 0));
  listen(window, 'online', () => call('_fc_network', 1));
  listen(window, 'offline', () => call('_fc_network', 0));
  // A click on the canvas (after C++'s own mouseup handler latched it): one synchronous frame, so a
  // copy or a link opened by that click still runs inside the user gesture.
  listen(canvas, 'click', () => call('_fc_frame_now'));
  const media = (q) => window.matchMedia && matchMedia(q).matches;

  // --- start the instance -----------------------------------------------------------------------
  function showCover(kind) {
    cover.hidden = kind === 'none';
    layer.hidden = kind === 'error';
    if (kind === 'error' && !panel.hidden && root.activeElement === ta) setTimeout(() => retry.focus());
    spinner.hidden = kind !== 'loading';
    retry.hidden = kind !== 'error';
    coverText.textContent = kind === 'error' ? S('panel.loadError') : S('panel.loading');
  }
  retry.addEventListener('click', () => start());
  let starting = null;
  function start() {
    if (starting || mod) return starting;
    showCover('loading');
    const s = preload(w.base);
    starting = (async () => {
      const [factory, wasmModule] = await Promise.all([s.glue, s.wasm]);
      const m = await new Promise((resolve, reject) => {
        factory({
          canvas,
          host,
          instantiateWasm(imports, ok) {
            WebAssembly.instantiate(wasmModule, imports).then((instance) => {
              memory = instance.exports.memory;
              ok(instance, wasmModule);
            }, reject);
            return {};
          },
          onAbort: (what) => reject(new Error(`widget aborted: ${what}`)),
        }).then(resolve, reject);
      });
      if (destroyed) return;
      const r = cssSize();
      const config = {
        role: o.role, locale: w.locale, dir: w.dir, strings: w.table || {}, theme: w.theme || {},
        piiPolicy: o.piiPolicy || 'mask', transparentHandoff: !!o.transparentHandoff, messageText: o.messageText === true,
        displayName: o.displayName || '', partnerName: o.partnerName || '', storageKey: o.storageKey,
        reducedMotion: !!media('(prefers-reduced-motion: reduce)'), forcedColors: !!media('(forced-colors: active)'),
        dpr: dpr(), width: r.w, height: r.h,
      };
      mod = m;
      // The page loaded the PII detector for an earlier chat: this one has it from the start.
      m.piiDetector = piiModule(w.base).loaded();
      // Benchmarks only: the bench build of the widget (build/wasm/dist-bench, tests/bench) exports
      // fc_bench, and handle._bench(kind, n, samplesJson) calls it (there before fc_init's 'ready').
      // The shipped wasm has no such export, and the handle no _bench.
      if (m._fc_bench) w.handle._bench = (kind, n, samples = '') => (mod ? withString(samples, (p) => mod._fc_bench(kind, n, p)) : -1);
      const rc = withString(JSON.stringify(config), (p) => m._fc_init(p));
      if (rc !== 0) {
        mod = null;
        throw new Error(`fc_init refused the configuration (${rc})`);
      }
      askedHeight = 0;
      autogrow();
      showCover('none');
      size = { ...r, dpr: dpr() };
      if (document.hidden) call('_fc_visibility', 1);
      if (navigator.onLine === false) call('_fc_network', 0);
      if (w.open) call('_fc_open', 1);
      w.setUnread(call('_fc_unread') || 0);
      while (queue.length) queue.shift()();
    })();
    starting.catch((e) => {
      starting = null;
      if (destroyed) return;
      showCover('error');
      w.emit('error', { code: 'load', message: String((e && e.message) || e) });
    });
    return starting;
  }
  start();
  sendLogo(w.theme);
  // A restored WebGL context lost its textures: the logo goes again.
  listen(canvas, 'webglcontextrestored', () => sendLogo(w.theme));

  return {
    show() {
      panel.hidden = false;
      if (mod) call('_fc_open', 1);
      resized();
      if (w.userOpen) {
        // A person opened the chat: focus goes to the composer, now or once it is enabled.
        w.userOpen = false;
        if (!retry.hidden) retry.focus();
        else if (!ta.disabled) ta.focus({ preventScroll: true });
        else focusWhenEnabled = true;
      }
      autogrow();
    },
    hide() {
      panel.hidden = true;
      if (mod) call('_fc_open', 0);
    },
    end() { whenReady(() => call('_fc_end')); },
    escalate(reason) { whenReady(() => callStr('_fc_escalate', JSON.stringify({ reason }))); },
    setTheme(theme) {
      whenReady(() => callStr('_fc_theme', JSON.stringify(theme || {})));
      sendLogo(theme);
    },
    destroy() {
      destroyed = true;
      for (const c of cleanups) c();
      call('_fc_open', 0);
      call('_fc_destroy');   // closes the chat's sockets and timers; the instance is then dropped
      try {
        const gl = canvas.getContext('webgl2');
        const lose = gl && gl.getExtension('WEBGL_lose_context');
        if (lose) lose.loseContext();
      } catch (e) { /* no context */ }
      panel.remove();
      mod = null;
    },
  };
}

export { DEFAULT_STRINGS };
