// The agent console for connect-local's agent API: /agent/?instance=acme (Acme's first line) or
// ?instance=finaptic (Finaptic's banking specialists). Waiting contacts come from
// GET /agent-api/queues; Accept (POST /agent-api/accept) joins the chat as an agent, and the chat
// itself is the SAME widget the customer uses, mounted inline in agent mode, so every message view
// (templates, receipts, typing, the handoff divider) is shared. Contact details come from
// GET /agent-api/contacts/{id}, which answers only the contact's agent (X-Amz-Bearer: the accept
// answer's ParticipantToken): on Finaptic's instance they hold the escalation record, whose partner,
// reason and redacted first-line transcript are shown above the live chat. On Acme's instance each
// chat has "Escalate to Finaptic": it sends the in-band signal (system.md §3) on the chat as this
// agent, through the participant service; the customer's widget then moves the chat to Finaptic.
const params = new URLSearchParams(location.search);
const instance = params.get('instance') === 'finaptic' ? 'finaptic' : 'acme';
const INSTANCES = {
  acme: { title: 'Acme Bank support', sub: 'First line (L1)', agent: 'Alex (Acme support)' },
  finaptic: { title: 'Finaptic banking specialists', sub: 'Second line (L2)', agent: 'Sam (Finaptic specialist)' },
};
const info = INSTANCES[instance];
const STORE = `agent-console:${instance}:chats`;
const NAME_KEY = `agent-console:${instance}:name`;
const $ = (id) => document.getElementById(id);
const h = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k in e && !k.startsWith('aria') && k !== 'role') e[k] = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...children.filter((c) => c != null && c !== false));
  return e;
};

let FinapticChat = null;
const widgetLoad = import('/finaptic-chat/finaptic-chat.js').then((m) => { FinapticChat = m.default; }, () => null);
const chats = new Map();   // contactId -> {accept, agentName, ended, tab, panel, handle}
let selected = null;

async function api(method, path, body, headers = {}) {
  const r = await fetch(path, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await r.json().catch(() => ({}));
  if (!r.ok) throw Object.assign(new Error(data.message || `${method} ${path}: HTTP ${r.status}`), { status: r.status });
  return data;
}

function agentName() {
  return $('agent-name').value.trim() || info.agent;
}

function save() {
  const list = [...chats.values()].map(({ accept, agentName: name, ended }) => ({ accept, agentName: name, ended }));
  sessionStorage.setItem(STORE, JSON.stringify(list));
}

function since(iso) {
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (!Number.isFinite(s)) return '';
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` : `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

// ----- queues --------------------------------------------------------------------------------
let lastQueues = null;
async function poll() {
  try {
    lastQueues = await api('GET', `/agent-api/queues?instance=${encodeURIComponent(instance)}`);
    $('poll-state').textContent = 'live';
    $('poll-state').dataset.state = 'ok';
  } catch (e) {
    $('poll-state').textContent = 'offline';
    $('poll-state').dataset.state = 'error';
  }
  renderQueues();
}

function renderQueues() {
  const box = $('queues');
  if (!lastQueues) return;
  const focusedId = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.contact : null;
  const sections = lastQueues.queues.map((q) => {
    const items = q.contacts.map((c) => {
      const reason = c.escalationReason || (c.attributes && c.attributes.escalationReason);
      return h('li', { class: 'contact' },
        h('div', { class: 'who' },
          h('span', { class: 'initials', 'aria-hidden': 'true' }, (c.customerName || '?').slice(0, 1).toUpperCase()),
          h('div', {},
            h('p', { class: 'name' }, c.customerName || 'Customer'),
            h('p', { class: 'meta' }, h('span', { class: 'wait', 'data-since': c.waitingSince }, `waiting ${since(c.waitingSince)}`),
              c.attributes && c.attributes.partnerId ? ` · from ${c.attributes.partnerId}` : ''))),
        reason ? h('p', { class: 'reason' }, h('span', { class: 'tag' }, 'Escalated'), ` ${reason}`) : null,
        h('button', {
          type: 'button', class: 'accept', 'data-contact': c.contactId,
          'aria-label': `Accept chat with ${c.customerName || 'customer'}`, onclick: (e) => accept(c, e.currentTarget),
        }, 'Accept'));
    });
    return h('section', { class: 'queue' },
      h('h3', {}, q.name, h('span', { class: 'count' }, String(q.contacts.length))),
      items.length ? h('ul', {}, ...items) : h('p', { class: 'none' }, 'Nobody is waiting.'));
  });
  box.replaceChildren(...sections);
  if (focusedId) {
    const again = box.querySelector(`[data-contact="${CSS.escape(focusedId)}"]`);
    if (again) again.focus();
  }
}

setInterval(() => {
  for (const w of document.querySelectorAll('.wait[data-since]')) w.textContent = `waiting ${since(w.dataset.since)}`;
}, 1000);

async function accept(contact, button) {
  button.disabled = true;
  button.textContent = 'Joining…';
  try {
    const accepted = await api('POST', '/agent-api/accept', { contactId: contact.contactId, instance, agentName: agentName() });
    openChat({ accept: accepted, agentName: agentName(), ended: false }, true);
    save();
  } catch (e) {
    button.disabled = false;
    button.textContent = 'Accept';
    $('poll-state').textContent = e.message;
  }
  poll();
}

// ----- tabs and chats ------------------------------------------------------------------------
function select(id, focusTab) {
  selected = id;
  for (const [cid, c] of chats) {
    const on = cid === id;
    c.tab.setAttribute('aria-selected', String(on));
    c.tab.tabIndex = on ? 0 : -1;
    c.panel.hidden = !on;
    // A chat in a background tab is "closed": the widget stops drawing and counts unread messages.
    if (c.handle) on ? c.handle.open() : c.handle.close();
    if (on) c.badge.hidden = true;
  }
  $('empty').hidden = chats.size > 0;
  if (focusTab && chats.get(id)) chats.get(id).tab.focus();
}

function closeTab(id) {
  const c = chats.get(id);
  if (!c) return;
  if (c.handle) c.handle.destroy();
  c.tab.remove();
  c.panel.remove();
  chats.delete(id);
  save();
  const next = [...chats.keys()].pop();
  if (next) select(next, true);
  else $('empty').hidden = false;
}

function markEnded(c) {
  if (c.ended && c.endButton.dataset.mode === 'close') return;
  c.ended = true;
  c.tab.classList.add('ended');
  c.state.textContent = 'Chat ended';
  c.endButton.textContent = 'Close tab';
  c.endButton.dataset.mode = 'close';
  if (c.escalation) {
    c.escalation.button.hidden = true;
    c.escalation.form.hidden = true;
  }
  save();
}

function openChat(record, focus) {
  const { accept } = record;
  const id = accept.contactId;
  if (chats.has(id)) return select(id, focus);
  const name = accept.customerName || 'Customer';
  const tabId = `tab-${id}`;
  const panelId = `panel-${id}`;
  const badge = h('span', { class: 'badge', hidden: true, 'aria-label': 'new messages' });
  const tab = h('button', {
    type: 'button', role: 'tab', id: tabId, 'aria-controls': panelId, class: 'tab',
    onclick: () => select(id, false),
  }, h('span', { class: 'tab-name' }, name), badge);
  const state = h('span', { class: 'state' }, 'Live');
  const endButton = h('button', { type: 'button', class: 'end' }, 'End chat');
  const escalation = instance === 'acme' ? escalationControls(id) : null;
  const details = h('div', { class: 'details' }, h('p', { class: 'loading' }, 'Loading contact details…'));
  const mountPoint = h('div', { class: 'chat-mount' });
  const panel = h('section', { role: 'tabpanel', id: panelId, 'aria-labelledby': tabId, class: 'chat', hidden: true },
    h('header', { class: 'chat-head' },
      h('div', {},
        h('h2', {}, name),
        h('p', { class: 'meta' }, `Contact ${accept.contactId}`, ' · ', state)),
      h('div', { class: 'head-actions' }, escalation && escalation.button, endButton)),
    escalation && escalation.form,
    escalation && escalation.status,
    details,
    mountPoint);
  $('tabs').append(tab);
  $('panels').append(panel);
  const c = { ...record, tab, panel, badge, state, endButton, escalation, handle: null };
  chats.set(id, c);
  endButton.addEventListener('click', () => {
    if (endButton.dataset.mode === 'close') closeTab(id);
    else if (c.handle) c.handle.end();
    else markEnded(c);
  });
  if (record.ended) markEnded(c);
  loadDetails(c, details);
  widgetLoad.then(() => {
    if (!chats.has(id)) return;
    if (!FinapticChat) {
      mountPoint.append(h('p', { class: 'error' }, 'The chat widget is not available: build it (node web/build.mjs) and reload.'));
      return;
    }
    c.handle = FinapticChat.mount(mountPoint, {
      role: 'agent',
      display: 'inline',
      launcher: 'none',
      storageKey: `agent:${instance}:${id}`,
      displayName: record.agentName,
      theme: '/themes/default.json',
      // The accept answer is this agent's participant; the endpoint is connect-local itself.
      tokenProvider: async () => ({ ...accept, endpoint: location.origin }),
    });
    c.handle.on('ended', () => markEnded(c));
    c.handle.on('unread', () => {
      const n = c.handle.unreadCount;
      c.badge.hidden = !n || selected === id;
      c.badge.textContent = n ? (n > 9 ? '9+' : String(n)) : '';
    });
    c.handle.on('error', (d) => { c.state.textContent = `Problem: ${(d && d.message) || 'error'}`; });
    if (selected !== id) c.handle.close();
  });
  select(id, focus);
}

async function loadDetails(c, box) {
  try {
    // Only this contact's agent may read it: the accept answer's ParticipantToken says who that is.
    const d = await api('GET', `/agent-api/contacts/${encodeURIComponent(c.accept.contactId)}`, undefined,
      { 'x-amz-bearer': c.accept.participantToken });
    const esc = d.escalation;
    const rows = [['Customer', d.customerName], ['Stage', d.stage], ['Queue', d.queue], ['Instance', d.instance]];
    if (esc) {
      rows.push(['Partner', esc.partnerName || esc.partnerId], ['L1 contact', esc.l1ContactId]);
      if (esc.times && esc.times.requested) rows.push(['Escalated at', clock(esc.times.requested)]);
    }
    const parts = [h('dl', { class: 'facts' }, ...rows.filter(([, v]) => v).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]))];
    if (d.stage === 'ended') markEnded(c);
    if (esc) {
      parts.unshift(h('h3', { class: 'escalated-from' }, `Escalated by ${esc.partnerName || esc.partnerId}`));
      parts.push(h('p', { class: 'reason' }, h('span', { class: 'tag' }, 'Escalation reason'), ` ${esc.reason || '(none given)'}`));
      const items = (esc.transcript || []).map((m) => {
        const customer = String(m.role).toUpperCase() === 'CUSTOMER';
        return h('li', { class: `l1 ${customer ? 'from-customer' : 'from-support'}` },
          h('span', { class: 'l1-who' }, m.name || (customer ? 'Customer' : m.role) || ''),
          m.time ? h('time', { dateTime: m.time }, clock(m.time)) : null,
          h('p', {}, m.text || ''));
      });
      parts.push(h('details', { class: 'l1-transcript', open: true },
        h('summary', {}, `First-line conversation with ${esc.partnerName || esc.partnerId} (${items.length} message${items.length === 1 ? '' : 's'}, redacted)`),
        items.length ? h('ol', { tabIndex: 0, 'aria-label': 'First-line conversation' }, ...items) : h('p', { class: 'none' }, 'No transcript was sent with this escalation.')));
    }
    box.replaceChildren(...parts);
  } catch (e) {
    box.replaceChildren(h('p', { class: 'error' }, `Contact details unavailable: ${e.message}`));
  }
}

function clock(iso) {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? '' : t.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

// ----- L1: escalate to Finaptic ----------------------------------------------------------------
// The button opens a small form (reason, send, cancel); Escape or Cancel closes it and gives focus
// back to the button. The result is announced in a status line.
function escalationControls(id) {
  const reasonId = `escalate-reason-${id}`;
  const hintId = `escalate-hint-${id}`;
  const button = h('button', { type: 'button', class: 'escalate', 'aria-expanded': 'false', 'aria-controls': `escalate-form-${id}` },
    'Escalate to Finaptic');
  const reason = h('input', { id: reasonId, type: 'text', required: true, maxLength: 1000, autocomplete: 'off', 'aria-describedby': hintId });
  const send = h('button', { type: 'submit', class: 'escalate-send' }, 'Send escalation');
  const cancel = h('button', { type: 'button', class: 'escalate-cancel' }, 'Cancel');
  const form = h('form', { class: 'escalate-form', id: `escalate-form-${id}`, hidden: true, 'aria-label': 'Escalate to Finaptic' },
    h('label', { for: reasonId }, 'Reason for the Finaptic specialist'),
    h('div', { class: 'escalate-row' }, reason, send, cancel),
    h('p', { class: 'hint', id: hintId }, 'The customer\'s window moves the chat to a Finaptic banking specialist, with this conversation (personal data redacted). Do not type card or account numbers here.'));
  const status = h('p', { class: 'escalate-status', role: 'status' });
  const close = () => {
    form.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  };
  button.addEventListener('click', () => {
    form.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    reason.focus();
  });
  cancel.addEventListener('click', close);
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { e.preventDefault(); close(); }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = reason.value.trim();
    if (!text) { reason.focus(); return; }
    send.disabled = true;
    status.dataset.state = 'busy';
    status.textContent = 'Sending the escalation…';
    try {
      await sendEscalationSignal(chats.get(id), text);
      status.dataset.state = 'ok';
      status.textContent = `Escalation sent (${text}). The customer is being connected to a Finaptic banking specialist; this chat ends once the specialist has joined.`;
      reason.value = '';
      close();
      button.textContent = 'Escalate again';
    } catch (err) {
      status.dataset.state = 'error';
      status.textContent = `The escalation was not sent: ${err.message}. Try again.`;
      reason.focus();
    } finally {
      send.disabled = false;
    }
  });
  return { button, form, status };
}

// The in-band escalation signal, sent as this agent: a ConnectionToken from the accept answer's
// ParticipantToken (kept in memory only), then SendMessage with content type application/json.
async function sendEscalationSignal(c, reason) {
  const participant = (path, bearer, body) => api('POST', path, body, { 'x-amz-bearer': bearer });
  const signal = {
    ContentType: 'application/json',
    Content: JSON.stringify({ finaptic: { escalate: { reason } } }),
    ClientToken: crypto.randomUUID(),
  };
  for (let attempt = 0; ; attempt++) {
    if (!c.connectionToken) {
      const conn = await participant('/participant/connection', c.accept.participantToken, { Type: ['CONNECTION_CREDENTIALS'] });
      c.connectionToken = conn.ConnectionCredentials.ConnectionToken;
    }
    try {
      return await participant('/participant/message', c.connectionToken, signal);
    } catch (e) {
      // An expired ConnectionToken: get a new one once; anything else is the answer.
      if (e.status !== 403 || attempt > 0) throw e;
      c.connectionToken = null;
    }
  }
}

// Arrow keys move between tabs (ARIA tabs pattern).
$('tabs').addEventListener('keydown', (e) => {
  const ids = [...chats.keys()];
  const i = ids.indexOf(selected);
  let next = null;
  if (e.key === 'ArrowRight') next = ids[(i + 1) % ids.length];
  else if (e.key === 'ArrowLeft') next = ids[(i - 1 + ids.length) % ids.length];
  else if (e.key === 'Home') next = ids[0];
  else if (e.key === 'End') next = ids[ids.length - 1];
  if (next) {
    e.preventDefault();
    select(next, true);
  }
});

// ----- start -----------------------------------------------------------------------------------
document.title = `${info.title} – agent console`;
$('console-title').textContent = info.title;
$('instance-name').textContent = info.sub;
$(`link-${instance}`).setAttribute('aria-current', 'page');
document.body.dataset.instance = instance;
const nameInput = $('agent-name');
nameInput.value = localStorage.getItem(NAME_KEY) || info.agent;
nameInput.addEventListener('change', () => localStorage.setItem(NAME_KEY, nameInput.value.trim()));
try {
  for (const record of JSON.parse(sessionStorage.getItem(STORE) || '[]')) openChat(record, false);
} catch (e) {
  sessionStorage.removeItem(STORE);
}
select(selected, false);
poll();
setInterval(poll, 2000);
window.agentConsole = { chats, instance };
