// The shim's string tables and locale choice (web/src/strings.js, web/locales/*.json), under node:
// every table in web/locales has exactly en.json's keys with en's placeholders; the locale option,
// <html lang> and the browser's languages are negotiated to the best shipped table; a string a
// table lacks shows in English and is reported once, by key; dates and times (web/src/dates.js) read
// in the table's language through Intl.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LOCALES_DIR = path.join(ROOT, 'web/locales');
const tableFiles = fs.readdirSync(LOCALES_DIR).filter((f) => f.endsWith('.json')).sort();
const read = (f) => JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, f), 'utf8'));
const en = read('en.json');
const placeholders = (text) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

let S;
before(async () => {
  // What build.mjs injects at bundle time.
  globalThis.__FC_DEFAULT_STRINGS__ = { 'launcher.open': en['launcher.open'] };
  globalThis.__FC_LOCALES__ = tableFiles.map((f) => f.slice(0, -5));
  S = await import(path.join(ROOT, 'web/src/strings.js'));
});

test('the shipped tables: en, de, fr, es, ar', () => {
  assert.deepEqual(tableFiles, ['ar.json', 'de.json', 'en.json', 'es.json', 'fr.json']);
});

for (const file of tableFiles.filter((f) => f !== 'en.json')) {
  test(`${file}: every key of en.json, no other, same placeholders, no empty text`, () => {
    const t = read(file);
    assert.deepEqual(Object.keys(en).filter((k) => !(k in t)), [], 'missing keys');
    assert.deepEqual(Object.keys(t).filter((k) => !(k in en)), [], 'keys en.json does not have');
    for (const [k, text] of Object.entries(t)) {
      assert.equal(typeof text, 'string', k);
      assert.ok(text.trim().length > 0, `${k} is empty`);
      assert.deepEqual(placeholders(text), placeholders(en[k]), `${k}: placeholders differ from en's`);
    }
    // A translation, not a copy: most texts differ from the English ones.
    const same = Object.keys(en).filter((k) => t[k] === en[k]);
    assert.ok(same.length < Object.keys(en).length / 5, `${file}: ${same.length} texts are the English ones: ${same.join(', ')}`);
  });
}

test('the wanted locales: the option, else <html lang> then the browser languages', () => {
  const doc = (lang) => ({ documentElement: { lang } });
  assert.deepEqual(S.wantedLocales('fr', doc('de'), { languages: ['es'] }), ['fr']);
  assert.deepEqual(S.wantedLocales(undefined, doc('de-AT'), { languages: ['es-ES', 'en'] }), ['de-AT', 'es-ES', 'en']);
  assert.deepEqual(S.wantedLocales('', doc(''), { languages: [], language: 'ar-EG' }), ['ar-EG']);
  assert.deepEqual(S.wantedLocales(undefined, undefined, undefined), []);
});

test('negotiation: exact table, then the language, first wanted first, English last', () => {
  const n = (wanted) => S.negotiateLocale(wanted);
  assert.equal(n(['de']), 'de');
  assert.equal(n(['de-AT']), 'de');
  assert.equal(n(['FR-ca']), 'fr');
  assert.equal(n(['ar-EG']), 'ar');
  assert.equal(n(['pt']), 'en');
  assert.equal(n(['pt-BR', 'es-MX']), 'es');
  assert.equal(n(['pt', 'de']), 'de');   // the browser's second choice beats falling back to English
  assert.equal(n([]), 'en');
  assert.equal(n(['../../etc', 'x', '', null]), 'en');   // not language tags: ignored
  assert.equal(S.negotiateLocale(['pt-BR'], ['en', 'pt-BR', 'pt']), 'pt-BR');
  assert.equal(S.textDirection('ar'), 'rtl');
  assert.equal(S.textDirection('ar-EG'), 'rtl');
  assert.equal(S.textDirection('he'), 'rtl');
  assert.equal(S.textDirection('de'), 'ltr');
  assert.equal(S.textDirection(''), 'ltr');
});

test('loadStrings: the table over English; a missing string is English and reported once, by key', async (t) => {
  const served = {
    'https://cdn.test/w/locales/en.json': { 'a.one': 'One', 'a.two': 'Two {name}', 'a.three': 'Three' },
    'https://cdn.test/w/locales/de.json': { 'a.one': 'Eins', 'a.two': 'Zwei {name}' },
  };
  const fetched = [];
  t.mock.method(globalThis, 'fetch', async (url) => {
    fetched.push(url);
    return served[url] ? { ok: true, json: async () => served[url] } : { ok: false, json: async () => ({}) };
  });
  const warn = t.mock.method(console, 'warn', () => {});
  const r = await S.loadStrings('https://cdn.test/w/', ['de-DE']);
  assert.equal(r.locale, 'de');
  assert.deepEqual(r.strings, { 'a.one': 'Eins', 'a.two': 'Zwei {name}', 'a.three': 'Three' });
  assert.equal(warn.mock.callCount(), 1);
  const line = warn.mock.calls[0].arguments.join(' ');
  assert.match(line, /de\.json.*a\.three/);
  assert.doesNotMatch(line, /Three/, 'keys only, never the texts');
  // A second widget on the page: same tables (no refetch), no second report.
  const again = await S.loadStrings('https://cdn.test/w/', 'de');
  assert.equal(again.strings['a.three'], 'Three');
  assert.equal(warn.mock.callCount(), 1);
  assert.equal(fetched.length, 2);
  // No table for the wanted language: English, without a report; a table that fails to load: English.
  assert.equal((await S.loadStrings('https://cdn.test/w/', ['pt'])).locale, 'en');
  const broken = await S.loadStrings('https://cdn.test/w/', ['fr']);   // fr is shipped but not served here
  assert.deepEqual(broken, { locale: 'en', strings: served['https://cdn.test/w/locales/en.json'] });
  assert.equal(warn.mock.callCount(), 1);
  assert.equal(S.format(r.strings, 'a.two', { name: 'Sam' }), 'Zwei Sam');
  assert.equal(S.format({}, 'launcher.open'), 'Open chat');   // the built-in English default
});

// Dates and times (web/src/dates.js): the tag Intl formats with keeps the wanted region when it is in
// the table's language, never another language; headings of a day number name that date whatever
// the zone; a refused tag or a missing Intl gives '' (C++ then keeps the string table's patterns).
test('dates: the formatting tag follows the table\'s language; times and day headings through Intl', async () => {
  const { dateLocale, createDateFormat } = await import(path.join(ROOT, 'web/src/dates.js'));
  assert.equal(dateLocale(['en-GB'], 'en'), 'en-GB');
  assert.equal(dateLocale(['de-AT', 'en-US'], 'de'), 'de-AT');
  assert.equal(dateLocale(['ja-JP', 'en-US'], 'en'), 'en-US');   // no Japanese table: the English one's tag
  assert.equal(dateLocale(['ja-JP'], 'en'), 'en');
  assert.equal(dateLocale(['not a tag!'], 'fr'), 'fr');
  const de = createDateFormat('de');
  const at = Date.UTC(2025, 4, 5, 12, 5);                        // Mon May 5 2025, 12:05Z
  const day = Math.floor(at / 864e5);
  assert.equal(de.day(day, false), 'Mo., 5. Mai');
  assert.equal(de.day(day, true), '5. Mai 2025');
  assert.equal(de.text(1, day), de.day(day, false));
  assert.equal(de.text(2, day), de.day(day, true));
  assert.match(de.text(0, at), /^\d{2}:05$/);                   // the local hour (the zone of this process)
  assert.equal(createDateFormat('en-US').day(day, false), 'Mon, May 5');
  assert.match(createDateFormat('en-US').time(at), /^\d{1,2}:05[ \u00a0](AM|PM)$/);   // no U+202F: the canvas font lacks it
  assert.equal(de.text(7, at), '');
  assert.equal(de.time(NaN), '');
});
