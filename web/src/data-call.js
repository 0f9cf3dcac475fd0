// One call of the partner's dataProvider, for the widget (ui.js → fc_data) and the headless SDK
// (headless.js → fh_data) alike: `provider[name](args)` → [ok, text], where text is the answer's JSON
// (ok 1) or the failure's message (ok 0). Never rejects: a missing function, a throw, a rejected
// promise or an answer that cannot be JSON (a cycle, a BigInt) is a failure, which the core shows as
// its readable fallback with "Try again". A provider that never answers leaves the promise pending;
// the core's time limit gives the fallback and the late answer is ignored.
// Answers over MAX_ANSWER characters are refused here rather than copied into the wasm heap.
const MAX_ANSWER = 256 * 1024;

function args(json) {
  try {
    const a = JSON.parse(json || '{}');
    return a && typeof a === 'object' && !Array.isArray(a) ? a : {};
  } catch (e) {
    return {};
  }
}

export function answerDataCall(provider, name, argsJson) {
  return Promise.resolve()
    .then(() => {
      const p = provider || {};
      const fn = Object.prototype.hasOwnProperty.call(p, name) ? p[name] : undefined;
      if (typeof fn !== 'function') throw new Error(`no dataProvider.${name}`);
      return fn.call(p, args(argsJson));
    })
    .then((r) => {
      const text = JSON.stringify(r === undefined ? null : r);
      if (text.length > MAX_ANSWER) throw new Error(`dataProvider.${name}: answer over ${MAX_ANSWER} characters`);
      return [1, text];
    })
    .catch((e) => [0, String((e && e.message) || e || 'dataProvider failed')]);
}
