// The string table: the locale is negotiated against the tables shipped in locales/ (build.mjs lists
// them), its file is fetched next to the entry and laid over en.json, so a string a table lacks shows
// in English (and is reported once per page and locale, by key, never by text). The whole table goes
// to C++ (config.strings); the shim itself reads only the few keys of its DOM parts, with the English
// defaults (from en.json, at build time) so the launcher is labelled before the file arrives.

// Injected by build.mjs from web/locales: the English texts of the keys the shim's DOM uses, and the
// locales a table exists for.
// eslint-disable-next-line no-undef
export const DEFAULT_STRINGS = __FC_DEFAULT_STRINGS__;
// eslint-disable-next-line no-undef
export const LOCALES = __FC_LOCALES__;

// A BCP 47 language tag, roughly (enough to refuse anything that is not one).
export const LANG_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
// Languages written right to left (of those a partner may ship a table for).
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb']);

// What the customer asked for, most wanted first: the locale option; without it the page's
// <html lang>, then the browser's languages.
export function wantedLocales(option, doc = globalThis.document, nav = globalThis.navigator) {
  if (option) return [String(option)];
  const page = doc && doc.documentElement ? doc.documentElement.lang : '';
  const browser = nav ? (nav.languages && nav.languages.length ? nav.languages : [nav.language]) : [];
  return [page, ...browser].filter(Boolean).map(String);
}

// The best shipped table for the wanted tags: the first tag with a table of its own ("pt-BR") or of
// its language ("de-AT" → "de"); "en" when none has one.
export function negotiateLocale(wanted, available = LOCALES) {
  const byLower = new Map(available.map((a) => [a.toLowerCase(), a]));
  for (const tag of wanted) {
    if (typeof tag !== 'string' || !LANG_TAG.test(tag)) continue;
    const lower = tag.toLowerCase();
    const hit = byLower.get(lower) || byLower.get(lower.split('-')[0]);
    if (hit) return hit;
  }
  return 'en';
}

export function textDirection(locale) {
  return RTL.has(String(locale || '').split('-')[0].toLowerCase()) ? 'rtl' : 'ltr';
}

const cache = new Map();
function fetchTable(url) {
  if (!cache.has(url)) {
    cache.set(url, fetch(url).then((r) => (r.ok ? r.json() : null)).catch(() => null)
      .then((t) => (t && typeof t === 'object' ? flatten(t) : null)));
  }
  return cache.get(url);
}

const reported = new Set();   // locales whose missing strings were reported on this page
// Resolves to {locale, strings}: the negotiated locale's table over the English one. A table that
// cannot be loaded means English throughout.
export async function loadStrings(base, wanted) {
  const locale = negotiateLocale(Array.isArray(wanted) ? wanted : [wanted]);
  const url = (l) => new URL(`locales/${l}.json`, base).href;
  const [english, table] = await Promise.all([fetchTable(url('en')), locale === 'en' ? null : fetchTable(url(locale))]);
  if (!table) return { locale: 'en', strings: english || {} };
  const missing = Object.keys(english || {}).filter((k) => !(k in table));
  if (missing.length && !reported.has(locale)) {
    reported.add(locale);
    console.warn(`finaptic-chat: locales/${locale}.json lacks ${missing.length} string(s), shown in English: ${missing.join(', ')}`);
  }
  return { locale, strings: { ...english, ...table } };
}

function flatten(obj, prefix = '', out = {}) {
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v, `${prefix}${k}.`, out);
    else if (typeof v === 'string') out[prefix + k] = v;
  }
  return out;
}

// A string with {name} placeholders filled.
export function format(strings, key, args) {
  const s = strings[key] ?? DEFAULT_STRINGS[key] ?? key;
  return args ? s.replace(/\{(\w+)\}/g, (m, n) => (n in args ? String(args[n]) : m)) : s;
}
