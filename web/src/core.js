// The eager part of the shim: FinapticChat.mount(), the <finaptic-chat> element, the handle, the
// launcher, themes and strings. Nothing heavy happens here: the panel (finaptic-chat-ui.js), the
// wasm loads on intent (pointer over / focus / touch on the launcher), when the page is
// idle, or at the first call that needs them. Kept under 8 KB gzip (build.mjs checks).
import launcherCss from './launcher.css';
import { adoptCss } from './css.js';
import { baseUrl } from './base-url.js';
import { loadTheme, themeVars, themePosition } from './theme.js';
import { DEFAULT_STRINGS, loadStrings, format, wantedLocales, textDirection } from './strings.js';

export const EVENTS = ['ready', 'open', 'close', 'message', 'typing', 'escalated', 'ended', 'error', 'unread'];
const ICON = '<svg class="icon-open" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z"/></svg>' +
  '<svg class="icon-close" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M18.3 5.7a1 1 0 0 0-1.4 0L12 10.6 7.1 5.7a1 1 0 1 0-1.4 1.4L10.6 12l-4.9 4.9a1 1 0 1 0 1.4 1.4l4.9-4.9 4.9 4.9a1 1 0 0 0 1.4-1.4L13.4 12l4.9-4.9a1 1 0 0 0 0-1.4z"/></svg>';

// The lazy module, imported once per page; preload() starts the wasm compile.
let uiPromise;
function loadUi(base) {
  if (!uiPromise) {
    uiPromise = import(new URL('finaptic-chat-ui.js', base).href).then((ui) => {
      ui.preload(base);
      return ui;
    });
    uiPromise.catch(() => { uiPromise = undefined; });   // a later intent retries
  }
  return uiPromise;
}

// Preload on idle, once per page, after the load event.
let idleArmed = false;
function preloadWhenIdle(base) {
  if (idleArmed) return;
  idleArmed = true;
  // A moment after load (the page's own requests first), then when the main thread is idle.
  const go = () => setTimeout(() => (window.requestIdleCallback || setTimeout)(() => loadUi(base).catch(() => {}), { timeout: 8000 }), 1000);
  if (document.readyState === 'complete') go();
  else window.addEventListener('load', go, { once: true });
}

let counter = 0;

// Builds one widget inside `root` (a shadow root) of `hostEl`. Returns the public handle.
export function createWidget(hostEl, root, options = {}, onDestroy) {
  const base = options.assetsUrl ? new URL(options.assetsUrl, document.baseURI).href : baseUrl();
  const o = { ...options };
  o.role = o.role === 'agent' ? 'agent' : 'customer';
  o.display = o.display === 'inline' ? 'inline' : 'floating';
  if (o.display === 'inline' || o.role === 'agent') o.launcher = 'none';
  o.launcher = o.launcher === 'none' ? 'none' : 'default';
  o.storageKey = o.storageKey || `finaptic-chat:${o.role}`;
  const id = `fc${++counter}`;
  const listeners = new Map();
  const w = {
    id, base, hostEl, root, options: o, strings: { ...DEFAULT_STRINGS }, locale: 'en', dir: 'ltr', theme: null,
    open: false, unread: 0, destroyed: false, panel: null, launcher: null,
    emit(name, detail) {
      for (const fn of [...(listeners.get(name) || [])]) {
        try { fn(detail); } catch (e) { setTimeout(() => { throw e; }); }
      }
      if (o.onEvent) o.onEvent(name, detail);
    },
    setUnread(n) {
      n = Math.max(0, n | 0);
      if (n === w.unread) return;
      w.unread = n;
      updateLauncher();
    },
    // C++'s minimize control (event "action" {id: "minimize"}): close, focus back to the launcher.
    minimize() {
      handle.close();
      const back = w.launcher || w.returnFocus;
      if (back && back.focus) back.focus();
    },
  };
  adoptCss(root, launcherCss, base);
  hostEl.setAttribute('data-fc-display', o.display);
  hostEl.setAttribute('data-fc-position', o.position === 'bottom-left' ? 'bottom-left' : 'bottom-right');

  // Launcher: a real button; the accessible name always contains "chat".
  if (o.launcher === 'default') {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'launcher';
    b.setAttribute('aria-expanded', 'false');
    b.setAttribute('aria-controls', `${id}-panel`);
    b.innerHTML = ICON;
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.hidden = true;
    badge.setAttribute('aria-hidden', 'true');
    b.append(badge);
    const intent = () => loadUi(base).catch(() => {});
    for (const ev of ['pointerenter', 'focus', 'touchstart']) b.addEventListener(ev, intent, { passive: true });
    b.addEventListener('click', () => {
      w.userOpen = !w.open;   // a person asked: the composer gets focus when the panel shows
      handle.toggle();
    });
    root.append(b);
    w.launcher = b;
  }
  preloadWhenIdle(base);

  function updateLauncher() {
    const b = w.launcher;
    if (!b) return;
    const key = w.open ? 'launcher.close' : 'launcher.open';
    let label = format(w.strings, key);
    // The name must say what it is, in any locale: "chat", or the locale's own word for it (panel.label).
    const word = format(w.strings, 'panel.label').toLowerCase();
    if (!/chat/i.test(label) && !label.toLowerCase().includes(word)) label += ' (chat)';
    if (w.unread && !w.open) label += `, ${format(w.strings, 'launcher.unread', { count: w.unread })}`;
    b.setAttribute('aria-label', label);
    b.title = format(w.strings, key);
    b.setAttribute('aria-expanded', String(w.open));
    const badge = b.lastChild;
    badge.hidden = !w.unread || w.open;
    badge.textContent = w.unread > 99 ? '99+' : String(w.unread);
  }
  updateLauncher();

  // Strings first (labels), then the theme; the panel waits for both.
  // The shim's DOM speaks the chosen table's language (lang, dir); the page keeps its own.
  w.stringsReady = loadStrings(base, wantedLocales(o.locale)).then(({ locale, strings }) => {
    w.locale = locale;
    w.dir = textDirection(locale);
    w.table = strings;
    Object.assign(w.strings, strings);
    if (w.launcher) {
      w.launcher.lang = locale;
      w.launcher.dir = w.dir;
    }
    updateLauncher();
  });
  function applyTheme(t) {
    const p = loadTheme(t).then((theme) => {
      if (w.destroyed || w.themeRequest !== p) return;
      w.themeBase = typeof t === 'string' ? new URL(t, document.baseURI).href : document.baseURI;   // for logoUrl
      const old = w.appliedVars || {};
      const vars = themeVars(theme);
      for (const k of Object.keys(old)) if (!(k in vars)) hostEl.style.removeProperty(k);
      for (const [k, v] of Object.entries(vars)) hostEl.style.setProperty(k, v);
      w.appliedVars = vars;
      w.theme = theme;
      if (!o.position) hostEl.setAttribute('data-fc-position', themePosition(theme) || 'bottom-right');
      if (w.panel) w.panel.setTheme(theme);
    }, (e) => {
      if (w.themeRequest === p) w.emit('error', { code: 'theme', message: String(e && e.message || e) });
    });
    w.themeRequest = p;
    return p;
  }
  w.themeReady = applyTheme(o.theme);

  // The panel, created on first need (open, end, escalate). Resolves to the panel object.
  let panelPromise;
  function ensurePanel() {
    if (!panelPromise) {
      panelPromise = Promise.all([loadUi(base), w.stringsReady, w.themeReady.catch(() => {})]).then(([ui]) => {
        if (w.destroyed) throw new Error('destroyed');
        w.panel = ui.createPanel(w);
        return w.panel;
      });
      panelPromise.catch((e) => {
        panelPromise = undefined;
        if (!w.destroyed) w.emit('error', { code: 'load', message: String(e && e.message || e) });
      });
    }
    return panelPromise;
  }

  const handle = {
    open() {
      if (w.destroyed || w.open) return;
      w.open = true;
      w.returnFocus = (root.activeElement || document.activeElement);
      // Opened by a person (a page's own "Chat with us" button): the composer takes focus.
      if (navigator.userActivation && navigator.userActivation.isActive) w.userOpen = true;
      updateLauncher();
      ensurePanel().then((p) => {
        if (!w.open) return;
        p.show();
        w.emit('open', {});
      }, () => { w.open = false; updateLauncher(); });
    },
    close() {
      if (w.destroyed || !w.open) return;
      w.open = false;
      updateLauncher();
      if (w.panel) {
        w.panel.hide();
        w.emit('close', {});
      }
    },
    toggle() { w.open ? handle.close() : handle.open(); },
    end() { if (!w.destroyed) ensurePanel().then((p) => p.end(), () => {}); },
    escalate({ reason = '' } = {}) { if (!w.destroyed) ensurePanel().then((p) => p.escalate(String(reason)), () => {}); },
    on(name, fn) {
      if (typeof fn !== 'function') return handle;
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name).add(fn);
      return handle;
    },
    off(name, fn) {
      const set = listeners.get(name);
      if (set) fn ? set.delete(fn) : set.clear();
      return handle;
    },
    setTheme(t) { o.theme = t; return (w.themeReady = applyTheme(t)); },
    destroy() {
      if (w.destroyed) return;
      w.destroyed = true;
      w.open = false;
      if (w.panel) w.panel.destroy();
      if (w.launcher) w.launcher.remove();
      listeners.clear();
      if (onDestroy) onDestroy();
    },
    get unreadCount() { return w.unread; },
    get isOpen() { return w.open; },
  };
  w.handle = handle;
  // Escape closes the floating panel and gives focus back (the launcher, or where it was).
  root.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || !w.open || o.display === 'inline' || e.defaultPrevented) return;
    e.stopPropagation();
    w.minimize();
  });
  if (o.display === 'inline') handle.open();
  return handle;
}

// FinapticChat.mount(target, options): a new host element appended to `target` (an element or a
// selector), with its own shadow root.
export function mount(target, options) {
  const t = typeof target === 'string' ? document.querySelector(target) : target;
  if (!t || !t.appendChild) throw new TypeError('FinapticChat.mount: target must be an element');
  const hostEl = document.createElement('div');
  hostEl.className = 'finaptic-chat';
  t.appendChild(hostEl);
  return createWidget(hostEl, hostEl.attachShadow({ mode: 'open' }), options, () => hostEl.remove());
}
