// The smoke page: loads the wasm core with the browser platform layer (finchat_browser_smoke) and
// exposes a small API on window.__smoke for tests/browser/browser-core.test.js. No inline script:
// the page runs under a strict CSP (see index.html).
import createFinchatSmoke from './finchat_browser_smoke.js';

window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
});

const log = (line) => { document.getElementById('log').textContent += line + '\n'; };

function takeString(M, ptr) {
  const s = M.UTF8ToString(ptr);
  M._free(ptr);
  return s;
}

createFinchatSmoke().then((M) => {
  window.__smoke = {
    // POST /acme/api/chat-token as the demo partner page would, then start the core's session.
    async start() {
      const res = await fetch('/acme/api/chat-token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ level: 'L1', displayName: 'Dana' }),
      });
      if (!res.ok) throw new Error(`chat-token: HTTP ${res.status} ${await res.text()}`);
      const t = await res.json();
      log(`contact ${t.contactId} at ${t.endpoint}`);
      const rc = M.ccall('smoke_start', 'number', ['string', 'string', 'string', 'string'],
        [t.endpoint, t.contactId, t.participantId, t.participantToken]);
      if (rc !== 0) throw new Error(`smoke_start returned ${rc}`);
      return t;
    },
    send(text) { return M.ccall('smoke_send', 'number', ['string'], [text]); },
    state() { return M._smoke_state(); },
    transcript() { return takeString(M, M._smoke_transcript()); },
    lastError() { return takeString(M, M._smoke_last_error()); },
  };
  window.__ready = true;
  log('ready');
}, (e) => {
  window.__loadError = String((e && e.message) || e);
  log(`load failed: ${window.__loadError}`);
});
