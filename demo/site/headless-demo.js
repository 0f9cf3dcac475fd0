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

const time = (ms) => (ms ? new Date(ms).toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' }) : '');
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
  text.textContent = m.text;   // text, never HTML
  const meta = document.createElement('span');
  meta.className = 'hchat-meta';
  meta.textContent = [time(m.timeMs), m.own ? DELIVERY[m.delivery] : ''].filter(Boolean).join(' · ');
  li.append(name, text, meta);
  if (!m.own && m.messageId && document.visibilityState === 'visible') chat.markRead(m.id);
  log.scrollTop = log.scrollHeight;
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
  chat.on('state', drawStatus);
  chat.on('typing', (t) => { $('hchat-typing').textContent = t.active ? `${t.displayName || 'Agent'} is typing…` : ''; });
  chat.on('handoffStarted', () => showAlert(''));
  chat.on('handoffFailed', () => showAlert('We could not reach a specialist. You are still chatting with Acme.',
    { label: 'Try again', run: () => chat.retryHandoff() }));
  chat.on('ended', () => { $('hchat-typing').textContent = ''; });
  chat.on('error', (e) => { if (e.code === 'network') setStatus('Connection problem, retrying…'); });
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
