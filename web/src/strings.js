// The string table: locales/<locale>.json next to the entry (fallback: the language alone, then
// "en"). The whole table goes to C++ (config.strings); the shim itself reads only the few keys of
// its DOM parts, with English defaults so the launcher is labelled before the file arrives.

export const DEFAULT_STRINGS = {
  'launcher.open': 'Open chat',
  'launcher.close': 'Close chat',
  'launcher.unread': '{count} unread',
  'composer.label': 'Message',
  'composer.placeholder': 'Write a message…',
  'panel.label': 'Chat',
  'panel.loading': 'Loading chat…',
  'panel.loadError': 'The chat could not be loaded. Check your connection and try again.',
  'panel.retry': 'Try again',
  'mirror.messages': 'Messages',
  'mirror.failed': 'not sent',
  'copy.done': 'Copied',
  'copy.failed': 'Could not copy',
};

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
