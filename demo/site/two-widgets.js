// two-widgets.html: the <finaptic-chat> element (defined by importing the entry; launcher bottom
// left) and a second widget mounted with FinapticChat.mount() inside the shadow root of another
// component, <support-card> (launcher bottom right).
import FinapticChat from '/finaptic-chat/finaptic-chat.js';

const CARD_CSS = ':host{display:block}.card{background:#fff;border:1px solid #dde3ea;border-radius:12px;padding:16px;font:16px/1.5 system-ui,sans-serif}' +
  'h2{margin:0 0 10px;font-size:18px;color:#0c3326}p{margin:0;color:#5a6675;font-size:15px}';

class SupportCard extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CARD_CSS);
    root.adoptedStyleSheets = [sheet];
    const card = document.createElement('section');
    card.className = 'card';
    const h = document.createElement('h2');
    h.textContent = 'Support card';
    const p = document.createElement('p');
    p.textContent = 'This component keeps its DOM in a shadow root; the second widget (launcher bottom right) is mounted in there.';
    this.chatArea = document.createElement('div');
    card.append(h, p, this.chatArea);
    root.append(card);
  }
}
customElements.define('support-card', SupportCard);

async function tokenProvider({ level, reason, transcript }) {
  const r = await fetch('/acme/api/chat-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ level: level || 'L1', displayName: 'Dana', reason, transcript }),
  });
  if (!r.ok) throw new Error(`chat-token: HTTP ${r.status}`);
  return r.json();
}

const card = document.getElementById('support-card');
const second = FinapticChat.mount(card.chatArea, {
  tokenProvider,
  piiPolicy: { ALL: 'ask', DATE_TIME: 'send' },   // per entity type (web/README.md "piiPolicy")
  position: 'bottom-right',
  theme: '/themes/default.json',
  storageKey: 'two-widgets:b',
});
window.twoWidgets = { element: document.getElementById('chat-a'), second };
