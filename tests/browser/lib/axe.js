// axe-core (tests/conformance/node_modules) in a test page: WCAG 2.1 A/AA violations of the whole
// document, open shadow roots included. The source goes in through CDP (tab.evaluate), which runs
// outside the page's CSP, so the strict-CSP page needs no exception for it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');

const AXE = path.resolve(__dirname, '../../conformance/node_modules/axe-core/axe.min.js');
const WCAG21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function axeMissing() {
  return !fs.existsSync(AXE) && `no axe-core at ${AXE} (scripts/setup.sh installs it)`;
}

// [{id, impact, help, nodes: [{target, html, summary}]}]; [] when the page is clean.
async function axeViolations(tab) {
  if (!(await tab.evaluate(() => typeof window.axe === 'object'))) await tab.evaluate(fs.readFileSync(AXE, 'utf8'));
  return tab.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 160), summary: n.failureSummary })),
    }));
  }, WCAG21_AA);
}

// One line per violation and node, for assertion messages.
function describe(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)} ${n.html}\n    ${n.summary}`).join('\n')}`).join('\n');
}

// Fails with every violation's lines when the page as it is now is not clean.
async function axeClean(tab, what) {
  const violations = await axeViolations(tab);
  assert.deepEqual(violations, [], `${what}:\n${describe(violations)}`);
}

module.exports = { axeMissing, axeViolations, axeClean, describe };
