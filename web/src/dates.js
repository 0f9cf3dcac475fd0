// Dates and times in the customer's time zone (the browser's) and locale, through Intl.DateTimeFormat:
// what C++ draws (host.formatDate, widget/BRIDGE.md) and the mirror's <time> text come from here, so
// the canvas and the accessibility tree read alike ("14:05" in German, "2:05 PM" in US English).
import { LANG_TAG } from './strings.js';

// The tag to format with: the first wanted tag in the language of the chosen string table ("de-AT"
// with the German table, "en-GB" with the English one), else the table's own locale, so a heading
// never mixes languages ("Today" from the table beside a weekday from Intl).
export function dateLocale(wanted, locale) {
  const lang = String(locale || 'en').split('-')[0].toLowerCase();
  for (const tag of wanted || []) {
    if (typeof tag === 'string' && LANG_TAG.test(tag) && tag.split('-')[0].toLowerCase() === lang) return tag;
  }
  return String(locale || 'en');
}

const DAY_MS = 864e5;

// {time(ms), day(dayNumber, withYear), text(what, value)}: `time` the local time of day of an
// instant, `day` the heading of a local calendar day given as days since 1970-01-01 (formatted in
// UTC: the number already names the date). The formatters are made once; Intl may be missing or
// refuse the tag: then `text` gives '' and C++ keeps the string table's patterns.
export function createDateFormat(locale) {
  const make = (options) => {
    try {
      return new Intl.DateTimeFormat(locale, options);
    } catch (e) {
      try { return new Intl.DateTimeFormat(undefined, options); } catch (e2) { return null; }
    }
  };
  const time = make({ timeStyle: 'short' });   // the locale's own: "08:05" (de), "8:05 AM" (en-US)
  const day = make({ weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const dayYear = make({ month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  // ICU puts a narrow no-break space before "PM" (U+202F) and thin spaces in some dates: the canvas's
  // font atlas has the plain no-break space, which reads the same.
  const fmt = (f, ms) => (f && Number.isFinite(ms) ? f.format(ms).replace(/[\u2009\u202f]/g, '\u00a0') : '');
  const api = {
    time: (ms) => fmt(time, ms),
    day: (n, withYear) => fmt(withYear ? dayYear : day, n * DAY_MS),
    // host.formatDate(what, value): 0 the time of instant `value`, 1 the heading of day `value`, 2 with
    // the year.
    text: (what, value) => (what === 0 ? api.time(value) : what === 1 || what === 2 ? api.day(value, what === 2) : ''),
  };
  return api;
}
