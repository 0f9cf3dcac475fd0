// Acme Bank's page code: embeds the Finaptic chat widget through its ES module entry, exactly as a
// partner would. The token comes from Acme's own backend (POST /acme/api/chat-token, which holds
// Acme's credentials and calls Connect for L1 or the Finaptic Support API for L2); account data for
// the bot's templates comes from Acme's client-side API (here: fake accounts) and never leaves the
// browser. Used by index.html and csp.html (no inline script anywhere: strict CSP works).
import { tokenProvider, dataProvider } from '/acme-backend.js';

const THEME_KEY = 'acme-demo:theme';
const $ = (id) => document.getElementById(id);

function logEvent(name, detail) {
  const list = $('event-log');
  if (!list) return;
  const li = document.createElement('li');
  const time = new Date().toLocaleTimeString('en-US', { hour12: false });
  // Event payloads may carry message text: the demo shows the event name and its keys only.
  const keys = detail && typeof detail === 'object' ? Object.keys(detail).join(', ') : '';
  li.textContent = `${time}  ${name}${keys ? `  {${keys}}` : ''}`;
  list.prepend(li);
  while (list.children.length > 30) list.lastChild.remove();
}

function setState(text) {
  const s = $('widget-state');
  if (s) s.textContent = `Chat widget: ${text}`;
}

function greeting() {
  const g = $('greeting');
  if (!g) return;
  const h = new Date().getHours();
  g.textContent = `${h < 12 ? 'Good morning' : h < 18 ? 'Good afternoon' : 'Good evening'}, Dana`;
}

async function main() {
  greeting();
  const saved = sessionStorage.getItem(THEME_KEY);
  const radios = [...document.querySelectorAll('input[name="theme"]')];
  const initialTheme = saved || (radios.find((r) => r.checked) || {}).value || '/themes/acme.json';
  for (const r of radios) r.checked = r.value === initialTheme;

  let FinapticChat;
  try {
    ({ default: FinapticChat } = await import('/finaptic-chat/finaptic-chat.js'));
  } catch (e) {
    setState('not available (build the widget: node web/build.mjs)');
    return;
  }
  const chat = FinapticChat.mount(document.body, {
    tokenProvider,
    dataProvider,
    theme: initialTheme,
    // The page's language (<html lang>), or the one in the address (?locale=de: the demo in German).
    locale: new URLSearchParams(location.search).get('locale') || undefined,
    position: 'bottom-right',
    piiPolicy: 'mask',
    storageKey: 'acme-demo:chat',
  });
  window.acmeChat = chat;   // for the browser console and tests
  setState('ready to load');
  for (const name of FinapticChat.events) chat.on(name, (detail) => logEvent(name, detail));
  chat.on('ready', () => setState('ready'));
  chat.on('error', (d) => setState(`error (${(d && d.code) || 'unknown'})`));
  chat.on('unread', () => {
    document.title = `${chat.unreadCount ? `(${chat.unreadCount}) ` : ''}Accounts – Acme Bank Online Banking`;
  });

  for (const r of radios) {
    r.addEventListener('change', () => {
      if (!r.checked) return;
      sessionStorage.setItem(THEME_KEY, r.value);
      chat.setTheme(r.value);   // applied live: launcher, panel frame and canvas
    });
  }
  const on = (id, fn) => { const b = $(id); if (b) b.addEventListener('click', fn); };
  on('open-chat', () => chat.open());
  on('escalate', () => {
    chat.open();
    chat.escalate({ reason: 'Customer asked for a banking specialist from the Help box' });
  });
  on('end-chat', () => chat.end());
}

main();
