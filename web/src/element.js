// <finaptic-chat>: the declarative embed. Attributes carry the simple options; functions
// (tokenProvider, dataProvider) are properties. Events are dispatched on the element as
// CustomEvents named as in the handle (open, message, ...), with the payload in `detail`.
import { createWidget, EVENTS } from './core.js';

const ATTRS = ['theme', 'locale', 'position', 'launcher', 'token-endpoint', 'storage-key', 'display', 'pii-policy',
  'transparent-handoff', 'display-name', 'assets-url'];

// tokenProvider for the token-endpoint attribute: POST {level, reason, transcript} as JSON with the
// page's cookies; the answer is the partner backend's JSON ({participantToken, ...}).
function endpointProvider(el) {
  return async (request) => {
    const url = el.getAttribute('token-endpoint');
    if (!url) throw new Error('no tokenProvider and no token-endpoint attribute');
    const r = await fetch(new URL(url, document.baseURI).href, {
      method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request),
    });
    if (!r.ok) throw new Error(`token endpoint: HTTP ${r.status}`);
    return r.json();
  };
}

// pii-policy="ask", or per entity type as JSON: pii-policy='{"NAME":"ask","ADDRESS":"send"}'.
// Text that is not a JSON object is passed on as a name (the core treats unknown names as "mask").
function piiPolicyAttribute(value) {
  if (!value || value.trim()[0] !== '{') return value;
  try { return JSON.parse(value); } catch { return 'mask'; }
}

export class FinapticChatElement extends HTMLElement {
  static get observedAttributes() { return ATTRS; }

  connectedCallback() {
    if (this._handle) return;
    const a = (n) => this.getAttribute(n) || undefined;
    const options = {
      theme: a('theme'), locale: a('locale'), position: a('position'), launcher: a('launcher'), storageKey: a('storage-key'),
      display: a('display'), piiPolicy: piiPolicyAttribute(a('pii-policy')), transparentHandoff: this.hasAttribute('transparent-handoff'),
      displayName: a('display-name'), assetsUrl: a('assets-url'),
      tokenProvider: (req) => (this.tokenProvider || endpointProvider(this))(req),
      onEvent: (name, detail) => this.dispatchEvent(new CustomEvent(name, { detail })),
    };
    // dataProvider is read when it is needed, so it may be set after the element is connected.
    Object.defineProperty(options, 'dataProvider', { get: () => this.dataProvider, enumerable: true });
    this._handle = createWidget(this, this.shadowRoot || this.attachShadow({ mode: 'open' }), options, () => {
      this._handle = null;
    });
  }

  disconnectedCallback() {
    // Moving the element (disconnect + connect in one task) keeps the chat; removal ends the widget.
    queueMicrotask(() => {
      if (!this.isConnected && this._handle) this._handle.destroy();
    });
  }

  attributeChangedCallback(name, old, value) {
    if (!this._handle || old === value) return;
    if (name === 'theme') this._handle.setTheme(value || null);
    else if (name === 'position') this.setAttribute('data-fc-position', value === 'bottom-left' ? value : 'bottom-right');
  }

  get handle() { return this._handle; }
  get unreadCount() { return this._handle ? this._handle.unreadCount : 0; }
  open() { this._handle && this._handle.open(); }
  close() { this._handle && this._handle.close(); }
  toggle() { this._handle && this._handle.toggle(); }
  end() { this._handle && this._handle.end(); }
  escalate(arg) { this._handle && this._handle.escalate(arg); }
  setTheme(t) { return this._handle && this._handle.setTheme(t); }
}

export function define() {
  if (typeof customElements !== 'undefined' && !customElements.get('finaptic-chat')) {
    customElements.define('finaptic-chat', FinapticChatElement);
  }
}

export { EVENTS };
