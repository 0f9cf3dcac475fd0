// Acme's own chat UI on the headless SDK (finaptic-chat/headless): plain DOM, no widget. Everything
// the conversation does (token, resume after reload, the L1 → L2 handoff, queueing while it runs)
// is the SDK's; this file only draws its state and calls its methods, as a partner's code would.
// Served by connect-local at /headless.html; no inline script or style (strict CSP works).
import { createConversation } from '/finaptic-chat/finaptic-chat-headless.js';
import { tokenProvider, dataProvider } from '/acme-backend.js';

const $ = (id) => document.getElementById(id);
const log = $('hchat-log');
const input = $('hchat-input');
const form = $('hchat-form');
const rows = new Map();   // message id -> <li>
let chat = null;

// Times are the SDK's instants (timeMs, a slot's ISO `start`); the page writes them in the customer's
// time zone and its own language, with Intl.
const LOCALE = document.documentElement.lang || undefined;
const TIME = new Intl.DateTimeFormat(LOCALE, { timeStyle: 'short' });
const DAY = new Intl.DateTimeFormat(LOCALE, { weekday: 'long', month: 'long', day: 'numeric' });
const time = (ms) => (ms ? TIME.format(ms) : '');
const DELIVERY = { pending: 'Sending…', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Not sent' };
const EVENT_TEXT = {
  'application/vnd.amazonaws.connect.event.participant.joined': (m) => `${m.displayName || 'Someone'} joined`,
  'application/vnd.amazonaws.connect.event.participant.left': (m) => `${m.displayName || 'Someone'} left`,
  'application/vnd.amazonaws.connect.event.chat.ended': () => 'The chat has ended',
};

function setStatus(text) { $('hchat-status').textContent = text || ''; }

function showAlert(text, action) {
  const box = $('hchat-alert');
  box.textContent = text || '';
  if (action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'btn';
    b.textContent = action.label;
    b.addEventListener('click', () => { box.textContent = ''; action.run(); });
    box.append(b);
  }
}

// The divider between the assistant's part and the specialist's (skipped for transparentHandoff).
function divider(segment) {
  const id = `divider-${segment}`;
  if (rows.has(id) || (chat && chat.status.transparentHandoff)) return;
  const li = document.createElement('li');
  li.className = 'hchat-divider';
  li.textContent = 'A Finaptic banking specialist has joined';
  rows.set(id, li);
  log.append(li);
}

function draw(m) {
  if (m.type !== 'message' && (!EVENT_TEXT[m.contentType] || m.role === 'customer')) return;
  if (m.segment > 0) divider(m.segment);
  let li = rows.get(m.id);
  if (!li) {
    li = document.createElement('li');
    rows.set(m.id, li);
    log.append(li);
  }
  li.replaceChildren();
  li.dataset.level = m.level;
  if (m.type !== 'message') {
    li.className = 'hchat-event';
    li.textContent = EVENT_TEXT[m.contentType](m);
    log.scrollTop = log.scrollHeight;
    return;
  }
  li.className = `hchat-msg level-${m.level}${m.own ? ' own' : ''}`;
  const name = document.createElement('span');
  name.className = 'hchat-name';
  const system = m.level === 'L2' ? 'Finaptic Support' : 'Acme Assistant';
  name.textContent = m.own ? 'You' : m.role === 'system' || m.role === 'bot' ? system : (m.displayName || 'Agent');
  const text = document.createElement('span');
  text.className = 'hchat-text';
  // Text, never HTML. A template's text is its JSON: it is drawn below instead (a failed one by its
  // readable fallback); an own reply to a template option reads the option (localTitle).
  text.textContent = m.template ? (m.template.state === 'failed' ? m.template.fallbackText : '') : (m.localTitle || m.text);
  const meta = document.createElement('span');
  meta.className = 'hchat-meta';
  meta.textContent = [time(m.timeMs), m.own ? DELIVERY[m.delivery] : ''].filter(Boolean).join(' · ');
  li.append(name);
  if (text.textContent) li.append(text);
  if (m.template) li.append(templateView(m.template, m.id));
  li.append(meta);
  if (!m.own && m.messageId && document.visibilityState === 'visible') chat.markRead(m.id);
  log.scrollTop = log.scrollHeight;
}

// --- templates (ListPicker, Panel, TimePicker, QuickReply, Carousel) -----------------------------
// Plain DOM from message.template: real buttons (keyboard and screen readers work as they do
// anywhere on the page), reply(option) sends what Connect's own widget would, retry() asks the
// dataProvider again. Images stay out: under the strict CSP (img-src 'self') a bank's page could not
// load the bot's https images anyway; their alt text goes into the option's name.
function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text) e.textContent = text;
  return e;
}

const optionName = (o) => [o.title, o.subtitle, o.image && o.image.alt].filter(Boolean).join(', ');

// One option: a link opens in a new tab, `text` (a link the allow-list refused) is just text, the
// rest are buttons that reply (showMore / previousOptions ask the bot for another page).
function optionControl(t, o, label, className = 'hchat-option') {
  if (o.kind === 'link' && o.url) {
    const a = el('a', className, label);
    a.href = o.url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }
  if (o.kind === 'text') return el('span', `${className} hchat-option-text`, label);
  const b = el('button', className, label);
  b.type = 'button';
  b.disabled = t.answered;
  b.setAttribute('aria-pressed', String(!!o.selected));
  b.addEventListener('click', () => {
    const r = t.reply(o);
    if (r.outcome === 'refused') showAlert(`That option could not be sent${r.error ? ` (${r.error.message || r.error.code})` : ''}.`);
  });
  return b;
}

function optionList(t, options, label) {
  const list = el('ul', 'hchat-options');
  list.setAttribute('aria-label', label);
  for (const o of options) {
    const li = el('li');
    const control = optionControl(t, o, o.title || optionName(o));
    if (o.subtitle && control.tagName !== 'SPAN') control.append(el('span', 'hchat-option-sub', o.subtitle));
    if (o.image && o.image.alt) control.setAttribute('aria-label', optionName(o));
    li.append(control);
    list.append(li);
  }
  return list;
}

function templateHeader(box, t) {
  if (t.title) box.append(el('p', 'hchat-tpl-title', t.title));
  if (t.subtitle) box.append(el('p', 'hchat-tpl-sub', t.subtitle));
}

// TimePicker: slots by local day, in the customer's time zone (each slot's own offset).
function slotDays(t) {
  const days = new Map();
  for (const s of t.slots) {
    const at = new Date(s.start);
    const key = `${at.getFullYear()}-${at.getMonth()}-${at.getDate()}`;
    if (!days.has(key)) days.set(key, { label: DAY.format(at), slots: [] });
    days.get(key).slots.push(s);
  }
  return [...days.values()];
}

function templateView(t, id) {
  const box = el('div', `hchat-tpl hchat-tpl-${(t.type || t.state).toLowerCase()}`);
  if (t.state === 'loading') {
    box.append(el('p', 'hchat-tpl-sub', 'Loading options…'));
    return box;
  }
  if (t.state === 'failed') {
    box.append(el('p', 'hchat-tpl-sub', 'These options could not be shown.'));
    if (t.retryable) {
      const b = el('button', 'btn hchat-retry', 'Try again');
      b.type = 'button';
      b.addEventListener('click', () => t.retry());
      box.append(b);
    }
    return box;
  }
  templateHeader(box, t);
  const name = t.title || 'Options';
  if (t.type === 'TimePicker') {
    for (const day of slotDays(t)) {
      const group = el('div', 'hchat-day');
      const heading = el('p', 'hchat-day-name', day.label);
      heading.id = `${id}-day-${box.childElementCount}`;
      group.setAttribute('role', 'group');
      group.setAttribute('aria-labelledby', heading.id);
      const list = el('ul', 'hchat-options hchat-chips');
      for (const s of day.slots) {
        const li = el('li');
        const at = new Date(s.start);
        const b = optionControl(t, s, time(at.getTime()), 'hchat-option hchat-chip');
        b.setAttribute('aria-label', `${day.label}, ${time(at.getTime())}${s.durationMinutes ? `, ${s.durationMinutes} minutes` : ''}`);
        li.append(b);
        list.append(li);
      }
      group.append(heading, list);
      box.append(group);
    }
  } else if (t.type === 'Carousel') {
    const cards = el('ul', 'hchat-cards');
    cards.setAttribute('aria-label', name);
    t.cards.forEach((c, i) => {
      const card = el('li', 'hchat-card');
      card.append(el('p', 'hchat-tpl-title', c.title || `Option ${i + 1}`));
      if (c.subtitle) card.append(el('p', 'hchat-tpl-sub', c.subtitle));
      card.append(optionList(t, c.elements, c.title || `Option ${i + 1}`));
      cards.append(card);
    });
    box.append(cards);
  } else {
    const list = optionList(t, t.elements, name);
    if (t.type === 'QuickReply') list.classList.add('hchat-chips');
    box.append(list);
  }
  return box;
}

function drawStatus(s) {
  const who = $('hchat-who');
  who.dataset.level = s.state === 'inChat' ? s.level : '';
  who.textContent = s.state !== 'inChat' ? (s.state === 'ended' ? 'Chat ended' : 'Not connected')
    : s.level === 'L2' && !s.transparentHandoff ? 'Finaptic banking specialist' : 'Acme Assistant';
  const inChat = s.state === 'inChat';
  $('hchat-escalate').disabled = !inChat || s.handoff === 'requesting' || s.handoff === 'connecting' || s.handoff === 'done';
  $('hchat-end').disabled = !inChat;
  $('hchat-start-box').hidden = inChat || s.state === 'requestingToken';
  $('hchat-start').textContent = s.state === 'ended' ? 'Start a new chat' : s.state === 'startFailed' ? 'Try again' : 'Start a chat';
  form.hidden = !inChat;
  if (s.handoff === 'requesting' || s.handoff === 'connecting') setStatus('Connecting you to a banking specialist…');
  else if (s.connection === 'reconnecting') setStatus('Reconnecting…');
  else if (s.state === 'requestingToken' || s.connection === 'connecting') setStatus('Connecting…');
  else setStatus('');
}

async function main() {
  try {
    chat = await createConversation({ tokenProvider, dataProvider, storageKey: 'acme-demo:headless', piiPolicy: 'mask' });
  } catch (e) {
    showAlert(`The chat is not available (${e.message}).`);
    return;
  }
  window.acmeHeadless = chat;   // for the browser console and tests
  chat.on('message', draw);
  chat.on('messageUpdated', draw);
  // A template loaded, failed, was retried or answered: draw its message again.
  chat.on('template', ({ id, template }) => {
    const m = chat.messages.find((x) => x.id === id);
    if (m) draw({ ...m, template });
  });
  chat.on('state', drawStatus);
  chat.on('typing', (t) => { $('hchat-typing').textContent = t.active ? `${t.displayName || 'Agent'} is typing…` : ''; });
  chat.on('handoffStarted', () => showAlert(''));
  chat.on('handoffFailed', () => showAlert('We could not reach a specialist. You are still chatting with Acme.',
    { label: 'Try again', run: () => chat.retryHandoff() }));
  chat.on('ended', () => { $('hchat-typing').textContent = ''; });
  chat.on('error', (e) => {
    if (e.code === 'network') setStatus('Connection problem, retrying…');
    // The SDK could not load its PII detector: the message is kept (queued) and goes with the next send.
    if (e.code === 'pii') showAlert('Your message is waiting: the privacy check could not load. It will be sent with your next message.');
  });
  chat.setViewing(true);

  const start = () => chat.start().catch(() => showAlert('The chat could not start.', { label: 'Try again', run: start }));
  $('hchat-start').addEventListener('click', () => { showAlert(''); start(); });
  $('hchat-escalate').addEventListener('click', () => chat.escalate({ reason: 'Customer asked for a banking specialist' }));
  $('hchat-end').addEventListener('click', () => chat.end());
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const r = chat.send(input.value);
    if (r.outcome !== 'refused') input.value = '';
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
      ev.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener('input', () => chat.sendTyping());

  // A conversation kept from before a reload (L1 or L2) continues without a new token.
  const resumed = chat.resume();
  for (const m of chat.messages) draw(m);
  if (resumed) start();
  drawStatus(chat.status);
}

main();
