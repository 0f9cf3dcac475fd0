// The string table: locales/<locale>.json next to the entry (fallback: the language alone, then
// "en"). The whole table goes to C++ (config.strings); the shim itself reads only the few keys of
// its DOM parts, with the English defaults (from en.json, at build time) so the launcher is labelled
// before the file arrives.

// Injected by build.mjs from web/locales/en.json (the keys the shim's DOM uses).
// eslint-disable-next-line no-undef
export const DEFAULT_STRINGS = __FC_DEFAULT_STRINGS__;

const cache = new Map();

function fetchTable(url) {
  if (!cache.has(url)) {
    cache.set(url, fetch(url).then((r) => (r.ok ? r.json() : null)).catch(() => null));
  }
  return cache.get(url);
}

// Resolves to a flat {key: text} table (nested objects are flattened with dots).
export async function loadStrings(base, locale) {
  const tried = [];
  for (const l of [locale, String(locale || '').split('-')[0], 'en']) {
    if (!l || tried.includes(l) || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(l)) continue;
    tried.push(l);
    const table = await fetchTable(new URL(`locales/${l}.json`, base).href);
    if (table && typeof table === 'object') return { locale: l, strings: flatten(table) };
  }
  return { locale: 'en', strings: {} };
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
