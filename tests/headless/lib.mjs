// Shared by the headless SDK's tests and its handoff benchmark: the built SDK (FINCHAT_DIST_DIR, the
// output of web/build.mjs), connect-local with the echo agent, and a partner token provider that
// talks to the demo partner backend (POST /acme/api/chat-token: Connect for L1, the Finaptic Support
// API for L2), as a partner's server-side code in Node would.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
export const DIST = process.env.FINCHAT_DIST_DIR || path.join(ROOT, 'build/wasm/dist');
export const SDK_FILE = path.join(DIST, 'finaptic-chat-headless.js');
const conformance = path.join(ROOT, 'tests/conformance');
const require = createRequire(path.join(conformance, 'package.json'));
export const haveModules = fs.existsSync(path.join(conformance, 'node_modules/ws'));
export const cl = haveModules ? require('./lib/connect-local') : null;
export const WebSocket = haveModules ? require('ws') : null;

// Why the tests cannot run here, or false.
export function missing() {
  const why = [];
  if (!haveModules) why.push('no tests/conformance/node_modules (scripts/setup.sh installs them)');
  else if (!fs.existsSync(cl.binaryPath())) why.push(`no connect-local at ${cl.binaryPath()}`);
  if (!fs.existsSync(SDK_FILE)) why.push(`no ${SDK_FILE} (build the wasm tree: finaptic_chat_dist)`);
  return why.length ? why.join('; ') : false;
}

export const importSdk = () => import(pathToFileURL(SDK_FILE).href);

// The partner backend call. `calls` records each request's level and reason (the transcript too);
// `failL2` makes L2 requests fail as a partner backend that is down would.
export function acmeTokenProvider(url, { failL2 = () => false, calls = [] } = {}) {
  let l1ContactId = '';
  return async (request) => {
    calls.push(request);
    if (request.level === 'L2' && failL2()) throw new Error('partner backend: 503');
    const body = { level: request.level, reason: request.reason, transcript: request.transcript, displayName: 'Dana' };
    if (request.level === 'L2') body.l1ContactId = l1ContactId;
    const r = await fetch(`${url}/acme/api/chat-token`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    const answer = await r.json();
    if (!r.ok) throw new Error(`chat-token: HTTP ${r.status}`);
    if (request.level === 'L1') l1ContactId = answer.contactId;
    return answer;
  };
}

// Resolves with the first event `name` whose detail satisfies `pred`; rejects after timeoutMs.
export function nextEvent(conversation, name, pred = () => true, timeoutMs = 15000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { off(); reject(new Error(`timed out waiting for "${name}"`)); }, timeoutMs);
    const off = conversation.on(name, (d) => {
      if (!pred(d)) return;
      clearTimeout(timer);
      off();
      resolve(d);
    });
  });
}

export async function until(fn, what, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
