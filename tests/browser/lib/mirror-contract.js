// The mirror's message entries as widget/BRIDGE.md specifies them, checked the same way for the real
// widget (handoff.test.js) and the stand-in glue (shim.test.js), so both speak one format: every
// message entry has one <time> whose dateTime is the ISO-8601 instant C++ sent (`time`) and whose text
// is the label the canvas shows (`timeLabel`: Intl.DateTimeFormat's, host.formatDate).
'use strict';
const assert = require('node:assert/strict');
const page = require('./widget-page');

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const LABEL = /^\d{1,2}:\d{2}([ \u00a0]?(AM|PM))?$/;   // Intl's "2:05 PM" has a no-break space

async function checkMirrorTimes(tab, index = 0) {
  await page.install(tab);
  const rows = await tab.evaluate((i) => {
    const log = window.__fc.logs()[i];
    return [...log.querySelectorAll('li')].map((li) => ({
      role: li.dataset.role || '',
      text: li.textContent,
      times: [...li.querySelectorAll('time')].map((t) => ({ dateTime: t.dateTime, text: t.textContent })),
    }));
  }, index);
  const messages = rows.filter((r) => r.role && r.role !== 'system');
  assert.ok(messages.length > 0, 'message entries in the mirror');
  for (const r of messages) {
    assert.equal(r.times.length, 1, `one <time> in "${r.text}"`);
    assert.match(r.times[0].dateTime, ISO, `ISO dateTime in "${r.text}"`);
    assert.match(r.times[0].text, LABEL, `a clock label in "${r.text}"`);
  }
  return messages.length;
}

module.exports = { checkMirrorTimes };
