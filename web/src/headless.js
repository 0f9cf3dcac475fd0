// finaptic-chat/headless: the conversation without the window, for partners who draw their own chat.
//
// A thin view over the core's Conversation compiled to WebAssembly (widget/headless): this file
// loads the module, passes the partner's callbacks (tokenProvider, dataProvider) and the platform
// pieces Node lacks (WebSocket, storage, crypto) to it, and turns its events into a small
// event-emitter API shaped like chatjs / Sunshine Conversations / Twilio Conversations. Every rule of
// the conversation (token, resume, handoff, queueing, persistence, PII policy) is the core's; nothing
// here decides anything about the chat. Types: web/types/headless.d.ts. Guide: web/README.md.
import createFinapticHeadless from 'finchat:headless-glue';
import { answerDataCall } from './data-call.js';
import { piiFeed, piiLoader } from './pii-module.js';

export const VERSION = __FC_VERSION__;
export const EVENTS = Object.freeze(['state', 'connectionState', 'message', 'messageUpdated', 'typing',
  'participantJoined', 'participantLeft', 'handoffStarted', 'handoffSucceeded', 'handoffFailed', 'queued',
  'unread', 'piiQuestion', 'piiMasked', 'ended', 'error', 'template', 'upload']);
const EVENT_SET = new Set(EVENTS);
const PII_POLICIES = ['mask', 'ask', 'off'];
const PII_ACTIONS = ['send', 'mask', 'ask'];
// A name, or a per-type object ({NAME: 'ask', ADDRESS: 'send'}); the core checks the type names.
const validPiiPolicy = (p) => PII_POLICIES.includes(p) ||
  (p !== null && typeof p === 'object' && !Array.isArray(p) && Object.values(p).every((a) => PII_ACTIONS.includes(a)));
const PII_CHOICES = { mask: 0, asTyped: 1, cancel: 2 };
const UPLOAD_OPS = { cancel: 0, retry: 1, remove: 2 };
const IS_NODE = typeof process === 'object' && !!(process.versions && process.versions.node) &&
  typeof window === 'undefined';

// --- the wasm: compiled once per URL and shared by every conversation of the page or process ------
const compiled = new Map();

async function readAsset(url) {
  if (url.protocol === 'file:') {
    // Node: emscripten's own loader would go through fetch(file://), which Node refuses; read it here.
    const { readFile } = await import(/* webpackIgnore: true */ 'node:fs/promises');
    return readFile(url);
  }
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

// The PII detector next to the SDK (finaptic-chat-pii.wasm and its name table pii-names.bin,
// web/src/pii-module.js): loaded once per page or process when a conversation first needs the guard
// (host.pii: the core's PiiWanted, i.e. the policy guards NAME, a message waits for the guard, a
// conversation is restored) or the partner reports typing, and handed to each conversation that asks.
const piiModule = piiLoader((name) => readAsset(new URL(name, import.meta.url))
  .then((r) => (r instanceof Uint8Array ? r : r.arrayBuffer())));

function compile(source) {
  if (source instanceof WebAssembly.Module) return Promise.resolve(source);
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return WebAssembly.compile(source);
  const url = new URL(String(source || 'finaptic-chat-headless.wasm'), import.meta.url);
  const key = url.href;
  if (!compiled.has(key)) {
    const p = readAsset(url).then((r) => {
      if (typeof Response === 'function' && r instanceof Response) {
        // Streaming needs application/wasm; anything else falls back to the bytes.
        return WebAssembly.compileStreaming(r.clone()).catch(() => r.arrayBuffer().then((b) => WebAssembly.compile(b)));
      }
      return WebAssembly.compile(r);
    });
    p.catch(() => compiled.delete(key));
    compiled.set(key, p);
  }
  return compiled.get(key);
}

// In-memory storage (Node's default): the conversation survives only as long as the process.
export function memoryStorage() {
  const m = new Map();
  return {
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem: (k, v) => { m.set(String(k), String(v)); },
    removeItem: (k) => { m.delete(k); },
  };
}

function defaultStorage() {
  if (IS_NODE) return memoryStorage();
  try {
    return window.sessionStorage;
  } catch {
    return memoryStorage();   // storage blocked (sandboxed frame, privacy settings)
  }
}

async function platformCrypto() {
  if (globalThis.crypto && typeof globalThis.crypto.getRandomValues === 'function') return globalThis.crypto;
  if (IS_NODE) return (await import(/* webpackIgnore: true */ 'node:crypto')).webcrypto;   // Node 18
  throw new Error('finaptic-chat/headless: no crypto.getRandomValues');
}

// Re-thrown on a later turn: a partner's listener that throws must not unwind through the core.
function reportLater(e) {
  setTimeout(() => { throw e; }, 0);
}

const parse = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
};

const freeze = (x) => {
  if (x && typeof x === 'object') {
    for (const v of Object.values(x)) freeze(v);
    Object.freeze(x);
  }
  return x;
};

class Conversation {
  #mod;
  #options;
  #listeners = new Map();
  #events = [];           // raised by the core, delivered on a microtask (never inside the core's stack)
  #flushing = false;
  #destroyed = false;
  #startWaiters = [];
  #memory;
  #links = new Map();     // request id -> {resolve, reject}: attachmentLink answers (fh_js_link)
  #nextLink = 1;

  constructor(options) {
    this.#options = options;
  }

  async _load(crypto) {
    const o = this.#options;
    const wasm = await compile(o.wasm);
    const host = {
      requestToken: (id, level, reason, transcriptJson) => this.#requestToken(id, level, reason, transcriptJson),
      callData: (id, name, argsJson) => this.#callData(id, name, argsJson),
      event: (name, json) => this.#raise(name, parse(json)),
      link: (id, json) => this.#linkAnswer(id, parse(json)),
      pii: () => this.#loadPii(true),
    };
    const moduleArgs = {
      host,
      WebSocket: o.WebSocket || globalThis.WebSocket,
      storage: o.storage === undefined ? defaultStorage() : o.storage,
      crypto,
      // An arrow: `this` is this Conversation (the glue calls it as a method of moduleArgs).
      instantiateWasm: (imports, receive) => {
        WebAssembly.instantiate(wasm, imports).then((instance) => {
          // The exported Memory (its export name may be minified): for copying bytes in (attachments).
          this.#memory = Object.values(instance.exports).find((v) => v instanceof WebAssembly.Memory);
          receive(instance, wasm);
        });
        return {};
      },
    };
    this.#mod = await createFinapticHeadless(moduleArgs);
    // The page or process loaded the PII detector for an earlier conversation: this one has it at once.
    this.#mod.piiDetector = piiModule.loaded();
    const config = {
      storageKey: o.storageKey === undefined ? 'finaptic-chat:headless' : String(o.storageKey || ''),
      displayName: String(o.displayName || ''),
      transparentHandoff: !!o.transparentHandoff,
      piiPolicy: o.piiPolicy || 'mask',
      dataProvider: !!o.dataProvider,
    };
    if (this.#withString(JSON.stringify(config), (p) => this.#mod._fh_init(p)) !== 0) {
      if (typeof o.piiPolicy === 'object') {
        throw new TypeError('finaptic-chat/headless: piiPolicy names an unknown entity type (Comprehend names: CREDIT_DEBIT_NUMBER, NAME, ...; or ALL)');
      }
      throw new Error('finaptic-chat/headless: the conversation could not be created');
    }
  }

  // --- calls into the core ---------------------------------------------------------------------
  #withString(s, fn) {
    const m = this.#mod;
    const n = m.lengthBytesUTF8(s) + 1;
    const p = m._malloc(n);
    m.stringToUTF8(s, p, n);
    try {
      return fn(p);
    } finally {
      m._free(p);
    }
  }

  // Bytes into the module's heap (malloc'd: the export that takes them frees them).
  #copyIn(bytes) {
    const m = this.#mod;
    const p = m._malloc(bytes.length || 1);
    (m.HEAPU8 || new Uint8Array(this.#memory.buffer)).set(bytes, p);
    return p;
  }

  #takeString(p) {
    const s = this.#mod.UTF8ToString(p);
    this.#mod._free(p);
    return s;
  }

  #live() {
    if (this.#destroyed) throw new Error('finaptic-chat/headless: the conversation was destroyed');
    return this.#mod;
  }

  // --- the PII detector ---------------------------------------------------------------------------
  // Loaded when the core asks (host.pii) and prefetched by send() (piiFeed in pii-module.js).
  #loadPii = piiFeed(piiModule, () => (this.#destroyed ? null : this.#mod), (m) => m._fh_pii_ready(),
    (m, message) => this.#withString(message, (p) => m._fh_pii_failed(p)));

  // --- partner callbacks (core → page → core) ----------------------------------------------------
  #requestToken(id, level, reason, transcriptJson) {
    const transcript = reason || level === 'L2' ? parse(transcriptJson) : [];
    const request = { level, reason, transcript: Array.isArray(transcript) ? transcript : [] };
    Promise.resolve()
      .then(() => this.#options.tokenProvider(request))
      .then((t) => {
        if (!t || typeof t !== 'object') throw new Error('tokenProvider returned no chat details');
        return JSON.stringify(t);
      })
      .catch((e) => JSON.stringify({ error: String((e && e.message) || e || 'tokenProvider failed') }))
      .then((answer) => {
        if (!this.#destroyed) this.#withString(answer, (p) => this.#mod._fh_token(id, p));
      });
  }

  #callData(id, name, argsJson) {
    answerDataCall(this.#options.dataProvider, name, argsJson).then(([ok, text]) => {
      if (!this.#destroyed) this.#withString(text, (p) => this.#mod._fh_data(id, ok, p));
    });
  }

  // --- events -----------------------------------------------------------------------------------
  #raise(name, detail) {
    if (detail && detail.template) this.#withTemplateMethods(detail.id, detail.template);
    if (detail && Array.isArray(detail.attachments)) this.#withAttachmentMethods(detail.attachments);
    this.#events.push([name, freeze(detail)]);
    if (this.#flushing) return;
    this.#flushing = true;
    queueMicrotask(() => this.#flush());
  }

  #flush() {
    while (this.#events.length && !this.#destroyed) {
      const [name, detail] = this.#events.shift();
      this.#settleStart(name, detail);
      for (const fn of [...(this.#listeners.get(name) || [])]) {
        try {
          fn(detail);
        } catch (e) {
          reportLater(e);
        }
      }
    }
    this.#flushing = false;
  }

  #settleStart(name, detail) {
    if (!this.#startWaiters.length) return;
    let outcome = null;
    if (name === 'connectionState' && detail.state === 'live') outcome = [true];
    else if (name === 'state' && detail.state === 'startFailed') outcome = [false, detail.startError];
    else if (name === 'connectionState' && detail.state === 'failed') outcome = [false, { code: 'failed', message: 'the chat could not connect' }];
    else if (name === 'ended') outcome = [false, { code: 'ended', message: 'the conversation ended' }];
    if (!outcome) return;
    for (const w of this.#startWaiters.splice(0)) {
      if (outcome[0]) w.resolve();
      else w.reject(Object.assign(new Error(outcome[1] ? outcome[1].message : 'start failed'), { code: outcome[1] && outcome[1].code }));
    }
  }

  on(name, fn) {
    if (!EVENT_SET.has(name)) throw new TypeError(`finaptic-chat/headless: unknown event "${name}"`);
    if (typeof fn !== 'function') throw new TypeError('finaptic-chat/headless: listener must be a function');
    if (!this.#listeners.has(name)) this.#listeners.set(name, new Set());
    this.#listeners.get(name).add(fn);
    return () => this.off(name, fn);
  }

  off(name, fn) {
    const set = this.#listeners.get(name);
    if (set) set.delete(fn);
  }

  // --- templates ----------------------------------------------------------------------------------
  // A message's `template` (and the `template` event's) gets reply(option) and retry(), bound to its
  // row. The data in it came from the page's own dataProvider and stays on the page: a reply sends
  // the option's opaque id (data-bound) or the bot's own text, never what the provider returned.
  #withTemplateMethods(rowId, template) {
    const methods = {
      reply: { value: (option) => this.#replyTemplate(rowId, template, option) },
      retry: { value: () => { this.#withString(String(rowId), (p) => this.#live()._fh_retry_template(p)); } },
    };
    Object.defineProperties(template, methods);
  }

  #replyTemplate(rowId, template, option) {
    const m = this.#live();
    let path = option;
    if (option && typeof option === 'object' && !Array.isArray(option)) {
      path = option.path;
      // A Carousel card with one option: that option.
      if (Array.isArray(option.elements) && option.elements.filter((e) => e.kind === 'option').length === 1) {
        path = option.elements.find((e) => e.kind === 'option').path;
      }
    }
    if (typeof path === 'number') path = [path];
    if (!Array.isArray(path) || !path.length || path.length > 2 || !path.every(Number.isInteger)) {
      throw new TypeError('finaptic-chat/headless: reply(option): an element, slot or card of this template, or its index path');
    }
    const carousel = template.type === 'Carousel';
    if (carousel !== (path.length === 2)) {
      throw new TypeError('finaptic-chat/headless: reply(option): a Carousel option is [card, element]; other templates take [index]');
    }
    const [card, element, slot] = carousel ? [path[0], path[1], -1]
      : template.type === 'TimePicker' ? [-1, -1, path[0]] : [-1, path[0], -1];
    const key = String(rowId);
    return freeze(parse(this.#takeString(this.#withString(key, (p) => m._fh_choose_template(p, card, element, slot)))));
  }

  // --- files ------------------------------------------------------------------------------------
  // Each attachment of a message gets link() (its signed URL, GetAttachment) and download() (its bytes).
  #withAttachmentMethods(files) {
    for (const f of files) {
      Object.defineProperties(f, {
        link: { value: () => this.attachmentLink(f.id) },
        download: { value: () => this.#download(f.id) },
      });
    }
  }

  #linkAnswer(id, answer) {
    const waiter = this.#links.get(id);
    if (!waiter) return;
    this.#links.delete(id);
    if (answer && answer.error) {
      waiter.reject(Object.assign(new Error(answer.error.message || 'attachment link failed'), { code: answer.error.code }));
    } else {
      waiter.resolve(freeze(answer));
    }
  }

  // A signed download URL of an attachment of the current chat: {url, urlExpiry, size}.
  attachmentLink(attachmentId) {
    const m = this.#live();
    const id = this.#nextLink++;
    const answer = new Promise((resolve, reject) => this.#links.set(id, { resolve, reject }));
    this.#withString(String(attachmentId ?? ''), (p) => m._fh_attachment_link(id, p));
    return answer;
  }

  async #download(attachmentId) {
    const { url } = await this.attachmentLink(attachmentId);
    const r = await fetch(url, { credentials: 'omit', cache: 'no-store', redirect: 'error' });
    if (!r.ok) throw Object.assign(new Error(`finaptic-chat/headless: download: HTTP ${r.status}`), { code: 'download' });
    return new Uint8Array(await r.arrayBuffer());
  }

  // Sends a file (a File or Blob, or {name, type?, data}): Connect's types, 20 MB and name rules are
  // checked first. Resolves {id} (an upload started: `upload` events follow) or {refused}.
  async sendAttachment(file) {
    let name, type, bytes;
    if (typeof Blob === 'function' && file instanceof Blob) {
      name = file.name;
      type = file.type;
      bytes = new Uint8Array(await file.arrayBuffer());
    } else if (file && typeof file === 'object' && (file.data instanceof ArrayBuffer || ArrayBuffer.isView(file.data))) {
      name = file.name;
      type = file.type;
      bytes = file.data instanceof ArrayBuffer ? new Uint8Array(file.data)
        : new Uint8Array(file.data.buffer, file.data.byteOffset, file.data.byteLength);
    } else {
      throw new TypeError('finaptic-chat/headless: sendAttachment(file): a File, a Blob or {name, type, data}');
    }
    const m = this.#live();
    const p = this.#copyIn(bytes);   // C++ owns p from here
    return freeze(parse(this.#takeString(this.#withString(String(name || 'file'), (np) =>
      this.#withString(String(type || ''), (tp) => m._fh_send_attachment(np, tp, p, bytes.length))))));
  }

  #upload(id, op) {
    const m = this.#live();
    return this.#withString(String(id ?? ''), (p) => m._fh_upload(p, UPLOAD_OPS[op])) === 1;
  }
  cancelAttachment(id) { return this.#upload(id, 'cancel'); }
  retryAttachment(id) { return this.#upload(id, 'retry'); }
  removeAttachment(id) { return this.#upload(id, 'remove'); }

  // --- the conversation -----------------------------------------------------------------------
  // Continues the conversation kept under storageKey (before, during or after a handoff), else asks
  // the tokenProvider for an L1 chat. Resolves once the current chat is live.
  start() {
    const m = this.#live();
    const s = this.status;
    const waiting = new Promise((resolve, reject) => this.#startWaiters.push({ resolve, reject }));
    if (s.state === 'inChat' && s.connection === 'live') this.#startWaiters.pop().resolve();
    else if (s.state === 'idle') {
      if (!m._fh_restore()) m._fh_start();
    } else if (s.state === 'startFailed' || s.connection === 'failed') m._fh_retry();
    else if (s.state === 'ended') m._fh_start_new();
    return waiting;
  }

  // Resumes a saved conversation without asking for a token; false when there is none.
  resume() {
    const m = this.#live();
    return this.status.state === 'idle' && m._fh_restore() === 1;
  }

  send(text) {
    const m = this.#live();
    const r = freeze(parse(this.#takeString(this.#withString(String(text ?? ''), (p) => m._fh_send(p)))));
    // After a failed load a message waits for the detector: try again (a no-op once it is here).
    if (r.outcome === 'queued') this.#loadPii(true);
    return r;
  }

  sendTyping() {
    this.#live()._fh_typing();
    this.#loadPii(false);   // a prefetch: a message is coming
  }

  markRead(id) {
    const m = this.#live();
    this.#withString(String(id ?? ''), (p) => m._fh_mark_read(p));
  }

  escalate({ reason = '' } = {}) {
    const m = this.#live();
    this.#withString(String(reason), (p) => m._fh_escalate(p));
  }

  retryHandoff() { this.#live()._fh_retry_handoff(); }
  retry() { this.#live()._fh_retry(); }
  retryNow() { this.#live()._fh_retry_now(); }

  retrySend(id) {
    const m = this.#live();
    return this.#withString(String(id ?? ''), (p) => m._fh_retry_send(p)) === 1;
  }

  answerPii(choice) {
    if (!(choice in PII_CHOICES)) throw new TypeError(`finaptic-chat/headless: answerPii('mask' | 'asTyped' | 'cancel')`);
    this.#live()._fh_answer_pii(PII_CHOICES[choice]);
  }

  loadOlder() { return this.#live()._fh_load_older() === 1; }
  end() { this.#live()._fh_end(); }
  startNew() { return this.#live()._fh_start_new(); }
  setViewing(viewing) { this.#live()._fh_viewing(viewing ? 1 : 0); }

  // Closes the chat's connections without ending the chat (it can be resumed from storage).
  destroy() {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#listeners.clear();
    this.#events.length = 0;
    for (const w of this.#startWaiters.splice(0)) w.reject(new Error('finaptic-chat/headless: destroyed'));
    for (const w of this.#links.values()) w.reject(new Error('finaptic-chat/headless: destroyed'));
    this.#links.clear();
    const m = this.#mod;
    // On a later turn: destroy() may be called from inside a core callback's consequences.
    setTimeout(() => m._fh_destroy(), 0);
  }

  // --- state ------------------------------------------------------------------------------------
  #read(what) {
    const m = this.#live();
    return freeze(parse(this.#takeString(m._fh_read(what))));
  }

  get status() { return this.#read(0); }
  get state() { return this.status.state; }
  get connectionState() { return this.status.connection; }
  get handoffState() { return this.status.handoff; }
  get level() { return this.status.level; }
  get unreadCount() { return this.status.unread; }
  get hasOlder() { return this.status.hasOlder; }
  get messages() {
    const list = parse(this.#takeString(this.#live()._fh_read(1)));
    for (const m of Array.isArray(list) ? list : []) {
      if (m.template) this.#withTemplateMethods(m.id, m.template);
      if (Array.isArray(m.attachments)) this.#withAttachmentMethods(m.attachments);
    }
    return freeze(list);
  }
  get uploads() { return this.#read(4); }
  get queued() { return this.#read(2); }
  get typing() { return this.#read(3); }
  get destroyed() { return this.#destroyed; }
}

// Loads the wasm and creates one conversation (not started: call start()).
export async function createConversation(options = {}) {
  if (!options || typeof options.tokenProvider !== 'function') {
    throw new TypeError('finaptic-chat/headless: options.tokenProvider must be a function');
  }
  if (options.piiPolicy !== undefined && !validPiiPolicy(options.piiPolicy)) {
    throw new TypeError(`finaptic-chat/headless: piiPolicy must be one of ${PII_POLICIES.join(', ')}, ` +
                        `or an object of entity types to 'send' | 'mask' | 'ask'`);
  }
  if (!(options.WebSocket || globalThis.WebSocket)) {
    throw new TypeError('finaptic-chat/headless: no WebSocket here: pass options.WebSocket (e.g. the `ws` package in Node)');
  }
  const conversation = new Conversation(options);
  await conversation._load(await platformCrypto());
  return conversation;
}

export default { createConversation, memoryStorage, EVENTS, VERSION };
