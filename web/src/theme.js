// Themes in the shim: loading (object or URL) and the few CSS custom properties the DOM parts use
// (launcher, panel frame, composer). The theme object itself goes to C++ unchanged (fc_theme), which
// validates it and styles the canvas; here only colours the DOM draws are read, and a launcher whose
// icon would not stand out from its background (WCAG 1.4.11, 3:1) falls back to black or white.

const cache = new Map();

// A theme option or attribute: an object is used as is; a string is a URL of a JSON file.
export function loadTheme(theme) {
  if (!theme) return Promise.resolve(null);
  if (typeof theme === 'object') return Promise.resolve(theme);
  const url = new URL(String(theme), document.baseURI).href;
  if (!cache.has(url)) {
    cache.set(url, fetch(url, { credentials: 'same-origin' }).then((r) => {
      if (!r.ok) throw new Error(`theme ${url}: HTTP ${r.status}`);
      return r.json();
    }).catch((e) => {
      cache.delete(url);
      throw e;
    }));
  }
  return cache.get(url);
}

// "#rgb", "#rrggbb", "#rrggbbaa", "rgb(r, g, b)" → [r, g, b] 0..255, or null.
function rgb(c) {
  if (typeof c !== 'string') return null;
  c = c.trim();
  let m = /^#([0-9a-f]{3,8})$/i.exec(c);
  if (m) {
    let h = m[1];
    if (h.length < 6) h = h.replace(/./g, '$&$&');
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  }
  m = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(c);
  return m ? [+m[1], +m[2], +m[3]] : null;
}
function luminance([r, g, b]) {
  const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
export function contrast(a, b) {
  const x = rgb(a), y = rgb(b);
  if (!x || !y) return 21;   // unknown formats are trusted (C++ validates the theme)
  const [l1, l2] = [luminance(x), luminance(y)].sort((p, q) => q - p);
  return (l1 + 0.05) / (l2 + 0.05);
}
// The better of black and white on `bg`, unless `fg` already reaches `min`.
function readable(fg, bg, min) {
  if (fg && contrast(fg, bg) >= min) return fg;
  return contrast('#000', bg) >= contrast('#fff', bg) ? '#000000' : '#ffffff';
}

// CSS custom properties for the DOM parts, from the theme schema of core/include/finchat/theme.h
// (themes/README.md): colors.*, radii.window, fontFamily, launcherPosition. Missing keys keep the defaults.
export function themeVars(t) {
  const v = {};
  const c = (t && typeof t === 'object' && t.colors) || {};
  const set = (name, x) => { if (typeof x === 'string' && x) v[name] = x; };
  if (c.accent) {
    v['--fc-accent'] = c.accent;
    v['--fc-on-accent'] = readable(c.onAccent, c.accent, 3);   // the launcher icon (non-text: 3:1)
  }
  set('--fc-surface', c.background);
  set('--fc-composer-bg', c.background);
  set('--fc-text', c.text && c.background ? readable(c.text, c.background, 4.5) : c.text);
  set('--fc-composer-text', c.text && c.background ? readable(c.text, c.background, 4.5) : c.text);
  set('--fc-muted', c.mutedText);
  set('--fc-border', c.border);
  set('--fc-focus', c.focusRing);
  set('--fc-badge', c.danger);
  if (c.danger) v['--fc-on-badge'] = readable(c.onDanger, c.danger, 4.5);
  // The theme's fonts first, then the system's (the canvas draws its text the same way: text-raster.js).
  if (t && typeof t.fontFamily === 'string' && t.fontFamily.trim()) v['--fc-font'] = `${t.fontFamily}, var(--fc-system-font)`;
  const r = t && t.radii && t.radii.window;
  if (typeof r === 'number' && r >= 0) v['--fc-radius'] = `${Math.min(r, 32)}px`;
  return v;
}

// "bottom-left" / "bottom-right" from the theme, used when the options do not say.
export function themePosition(t) {
  const p = t && t.launcherPosition;
  return p === 'bottom-left' || p === 'bottom-right' ? p : undefined;
}
