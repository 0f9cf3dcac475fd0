// Page helpers for the widget's browser tests. Everything is found the way a user or a screen
// reader finds it (system.md §7 "accessible DOM the tests rely on"): the launcher by its button
// name, the transcript by role="log", the composer by its label "Message", actions by their
// button names. The widget lives in shadow roots, so the queries walk open shadow roots.
// (Installed with tab.evaluate, which CDP runs outside the page's CSP: no eval in the page.)
'use strict';

function installHelpers() {
  if (window.__fc) return;
  const all = (selector, root = document) => {
    const out = [];
    const visit = (node) => {
      out.push(...node.querySelectorAll(selector));
      for (const el of node.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
    };
    visit(root);
    return out;
  };
  const nameOf = (el) => {
    if (el.getAttribute('aria-label')) return el.getAttribute('aria-label').trim();
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(/\s+/).map((id) => (el.getRootNode().getElementById(id) || {}).textContent || '').join(' ').trim();
    if (el.labels && el.labels.length) return el.labels[0].textContent.trim();
    return (el.textContent || '').trim();
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const deepActive = () => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return a;
  };
  window.__fc = {
    all, nameOf, visible, deepActive,
    buttons: (re) => all('button, a[href]').filter((b) => re.test(nameOf(b))),
    logs: () => all('[role="log"]'),
    logEntries: (i = 0) => {
      const log = all('[role="log"]')[i];
      return log ? [...log.querySelectorAll('li')].map((c) => c.textContent.replace(/\s+/g, ' ').trim()) : [];
    },
    composers: () => all('textarea').filter((t) => /^message$/i.test(nameOf(t))),
  };
}

async function install(tab) {
  await tab.evaluate(installHelpers);
}

// Polls fn in the page (after installing the helpers) until it returns a truthy value.
async function waitIn(tab, fn, arg, { timeout = 20000, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    await install(tab);
    last = await tab.evaluate(fn, arg);
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

// Presses Tab until the focused element (through shadow roots) is a button whose name matches.
async function tabTo(tab, pattern, maxPresses = 40) {
  for (let i = 0; i < maxPresses; i++) {
    await tab.keyboard.press('Tab');
    await install(tab);
    const name = await tab.evaluate((src) => {
      const a = window.__fc.deepActive();
      return a && /^(BUTTON|A|TEXTAREA)$/.test(a.tagName) && new RegExp(src, 'i').test(window.__fc.nameOf(a)) ? window.__fc.nameOf(a) : null;
    }, pattern.source);
    if (name) return name;
  }
  throw new Error(`Tab never reached a control named ${pattern}`);
}

// Types into the n-th composer and presses Enter (the composer sends on Enter).
async function sendMessage(tab, text, index = 0) {
  await install(tab);
  const handle = await tab.evaluateHandle((i) => window.__fc.composers()[i], index);
  await handle.asElement().focus();
  await tab.keyboard.type(text);
  await tab.keyboard.press('Enter');
}

async function logEntries(tab, index = 0) {
  await install(tab);
  return tab.evaluate((i) => window.__fc.logEntries(i), index);
}

module.exports = { install, waitIn, tabTo, sendMessage, logEntries };
