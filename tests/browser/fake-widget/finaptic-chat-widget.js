// tests/browser/shim.test.js: a stand-in for the emscripten glue (finaptic-chat-widget.js) that
// speaks widget/BRIDGE.md with a fake "C++" in JS, so the shim's DOM contract (composer, control
// twins, ARIA mirror, events, one compiled module per page) is tested without the real wasm. The
// "wasm" it instantiates is an empty module exporting a memory. Every export call is recorded in
// globalThis.__fcFake as [instance, name, ...args]. A test fixture; never shipped.
export default async function createFinapticWidget(M) {
  const calls = (globalThis.__fcFake = globalThis.__fcFake || []);
  const me = { n: calls.instances = (calls.instances || 0) + 1 };
  await new Promise((resolve, reject) => M.instantiateWasm({}, (inst) => { M.inst = inst; resolve(); }));
  const mem = M.inst.exports.memory;
  let brk = 1024;
  const heap = () => new Uint8Array(mem.buffer);
  M._malloc = (n) => { const p = brk; brk += (n + 15) & ~7; while (brk > mem.buffer.byteLength) mem.grow(1); return p; };
  M._free = () => {};
  const str = (p) => { const h = heap(); let e = p; while (h[e]) e++; return new TextDecoder().decode(h.subarray(p, e)); };
  const host = M.host;
  globalThis.__fcHost = host;   // tests call the shim's host callbacks as C++ would (loadImage)
  const rec = (name, ...a) => calls.push([me.n, name, ...a]);
  let W = 400, H = 600, open = false, chat = false, composerH = 44, unread = 0, focus = '', piiAsked = 0;
  const items = [];
  const ctx = M.canvas.getContext('2d');
  // Data calls (host.callData → _fc_data) by request id; a template the fake shows after "templates":
  // a listbox of the page's ListAccounts and a QuickReply group (BRIDGE.md, Control).
  const pendingData = new Map();
  let nextData = 1, tpl = null;
  function askData(name, args, done) {
    const id = nextData++;
    if (done) pendingData.set(id, done);
    host.callData(id, name, JSON.stringify(args || {}));
  }
  function templateItems() {
    if (!tpl) return [];
    const out = tpl.options.map((label, i) => ({
      id: `tpl:t1:opt:${i}`, label, kind: 'option', x: 24, y: 330 + i * 36, w: 240, h: 32,
      group: 'tpl:t1', groupLabel: 'Which account?', groupRole: 'listbox', selected: tpl.picked === i, disabled: tpl.picked >= 0,
    }));
    // A control of the listbox's template that is not an option (a TimePicker's day pager).
    out.push({ id: 'tpl:t1:page:1', label: 'Next day', kind: 'button', x: 270, y: 330, w: 60, h: 32,
      group: 'tpl:t1', groupLabel: 'Which account?', groupRole: 'listbox' });
    ['Yes', 'No'].forEach((label, i) => out.push({
      id: `tpl:t2:el:${i}`, label, kind: 'button', x: 24 + i * 80, y: 340 + tpl.options.length * 36, w: 70, h: 32,
      group: 'tpl:t2', groupLabel: 'Anything else?', groupRole: 'group', selected: tpl.quick === i, disabled: tpl.quick >= 0,
    }));
    return out;
  }
  function controls() {
    const cy = H - composerH - 10;
    host.controls(JSON.stringify({
      composer: { x: 12, y: cy, w: W - 24 - 52, h: composerH, enabled: chat, placeholder: 'Write a message…', fontPx: 16 },
      items: [
        { id: 'minimize', label: 'Minimize chat', kind: 'button', x: W - 48, y: 12, w: 36, h: 36 },
        { id: 'end', label: 'End chat', kind: 'button', x: W - 140, y: 12, w: 84, h: 36 },
        { id: 'opt-chk', label: 'Everyday Checking', kind: 'option', x: 24, y: 200, w: 200, h: 40 },
        { id: 'link-1', label: 'Acme help centre', kind: 'link', href: 'https://example.com/help', x: 24, y: 250, w: 160, h: 24 },
        { id: 'copy-1', label: 'Copy message', kind: 'button', x: 24, y: 290, w: 120, h: 30 },
        ...templateItems(),
        { id: 'send', label: 'Send', kind: 'button', x: W - 60, y: cy, w: 48, h: 44 },
      ],
    }));
  }
  function draw() {
    const dpr = window.devicePixelRatio || 1;
    M.canvas.width = W * dpr; M.canvas.height = H * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, W, H);
    ctx.fillStyle = '#2557a7'; ctx.fillRect(0, 0, W, 60);
    ctx.fillStyle = '#fff'; ctx.font = '600 16px sans-serif'; ctx.fillText('Chat with Acme (fake C++)', 16, 36);
    ctx.fillStyle = '#1b1f24'; ctx.font = '15px sans-serif';
    items.slice(-6).forEach((m, i) => ctx.fillText(`${m.sender}: ${m.text}`, 16, 90 + i * 22));
    ctx.strokeStyle = '#2557a7'; ctx.strokeRect(24, 200, 200, 40); ctx.fillText('Everyday Checking', 34, 225);
    ctx.fillStyle = '#1a4fb8'; ctx.fillText('Acme help centre', 24, 267);
    ctx.fillStyle = '#f4f5f7'; ctx.fillRect(0, H - composerH - 20, W, composerH + 20);
    ctx.fillStyle = '#2557a7'; ctx.fillRect(W - 60, H - composerH - 10, 48, 44);
    if (focus) { ctx.strokeStyle = '#e8710a'; ctx.lineWidth = 3; ctx.strokeRect(4, 4, W - 8, H - 8); ctx.lineWidth = 1; }
  }
  function push(sender, role, text, own) {
    const after = items.length ? items[items.length - 1].id : '';
    const m = { id: `m${items.length + 1}`, after, sender, role, time: new Date().toISOString(), timeLabel: new Date().toTimeString().slice(0, 5), text, delivery: own ? 'sent' : '', own: !!own, links: [], actions: [] };
    if (text.includes('help')) m.links = [{ href: 'https://example.com/help', text: 'Acme help centre' }, { href: 'javascript:alert(1)', text: 'evil' }];
    if (text.includes('Hi')) m.actions = [{ id: 'opt-chk', label: 'Everyday Checking' }];
    items.push(m);
    if (open) host.messages(JSON.stringify({ items: [m] }));
    else if (!own) { unread++; host.event('unread', JSON.stringify({ count: unread })); }
    host.event('message', JSON.stringify({ id: m.id, sender, role }));
    draw();
  }
  Object.assign(M, {
    _fc_init(p) { const c = JSON.parse(str(p)); rec('init', c); W = c.width || W; H = c.height || H; setTimeout(() => host.event('ready', '{}')); draw(); return 0; },
    _fc_open(o) {
      rec('open', o); open = !!o;
      if (open) {
        unread = 0; host.event('unread', '{"count":0}');
        host.messages(JSON.stringify({ reset: true, items }));
        controls();
        if (!chat) host.requestToken(7, 'L1', '', '[]');
      }
    },
    _fc_token(id, p) {
      const t = JSON.parse(str(p)); rec('token', id, Object.keys(t));
      if (t.error) { host.status(`Could not start: ${t.error}`, 'error'); return; }
      chat = true; controls(); host.status('Connected', 'connection');
      push('Acme Assistant', 'bot', "Hi! I'm Acme's virtual assistant. Ask me about your balance.");
    },
    _fc_send(p) {
      const t = str(p); rec('send', t);
      // Like the core (Conversation's PiiWanted) under the default policy: the PII detector is asked
      // for when a message needs the guard and it is not here yet (the real core then queues it).
      if (!M.piiDetector) { piiAsked++; host.pii(); }
      if (t === 'hold') return 1;
      if (!chat) return 2;
      if (t.startsWith('data ')) askData(t.slice(5));
      if (t === 'templates') {
        askData('ListAccounts', {}, (ok, text) => {
          const accounts = ok ? JSON.parse(text) : [];
          tpl = { options: accounts.map((a) => `${a.title} ${a.subtitle || ''}`.trim()), picked: -1, quick: -1 };
          controls();
        });
      }
      push('You', 'customer', t, true);
      setTimeout(() => push('Sam', 'agent', `echo: ${t}`), 200);
      return 0;
    },
    _fc_typing() { rec('typing'); },
    _fc_action(p) {
      const id = str(p); rec('action', id);
      if (id === 'send' || id === 'minimize') host.event('action', JSON.stringify({ id }));
      if (id === 'copy-1') host.copy('copied text');
      const pick = /^tpl:t(\d):(?:opt|el):(\d+)$/.exec(id);
      if (pick && tpl) {
        if (pick[1] === '1') { tpl.picked = +pick[2]; push('You', 'customer', tpl.options[tpl.picked], true); }
        else tpl.quick = +pick[2];
        controls();
      }
      if (id === 'end') { chat = false; host.status('Chat ended', 'ended'); host.event('ended', '{}'); controls(); }
    },
    _fc_data(id, ok, p) {
      const text = str(p); rec('data', id, ok, text);
      const done = pendingData.get(id);
      pendingData.delete(id);
      if (done) done(ok, text);
    },
    _fc_focus(p) { focus = str(p); rec('focus', focus); draw(); },
    _fc_resize(w, h, dpr) { rec('resize', w, h, dpr); W = w; H = h; draw(); if (open) controls(); },
    _fc_theme(p) { rec('theme', JSON.parse(str(p)).colors || null); },
    // The shim set M.piiDetector (web/src/pii-module.js over finaptic-chat-pii.wasm) before this.
    _fc_pii_ready() { rec('piiReady', piiAsked, Array.from(M.piiDetector.detect(new TextEncoder().encode('card 4111 1111 1111 1111')))); },
    _fc_pii_failed(p) { rec('piiFailed', str(p)); },
    _fc_logo(p, w, h) { rec('logo', w, h); },
    _fc_image(id, p, w, h) { rec('image', id, w, h, p ? [...heap().subarray(p, p + 4 * w * h)] : null); },
    _fc_composer_height(px) { rec('composerHeight', px); composerH = Math.max(44, px); controls(); draw(); },
    _fc_visibility(h) { rec('visibility', h); },
    _fc_network(online) { rec(online ? 'online' : 'offline'); },
    _fc_end() { rec('end'); M._fc_action(withStr('end')); },
    _fc_escalate(p) { rec('escalate', JSON.parse(str(p))); },
    _fc_unread() { return unread; },
    _fc_frame_now() { rec('frameNow'); },
    _fc_destroy() { rec('destroy'); },
    // A file from the attach button: the stand-in refuses everything (the real rules are C++'s).
    _fc_attach(name, type, p, len) { rec('attach', str(name), str(type), len); M._free(p); host.status('refused', 'error'); return 2; },
    _fc_upload(id, op) { rec('upload', str(id), op); },
  });
  function withStr(s) { const b = new TextEncoder().encode(s); const p = M._malloc(b.length + 1); heap().set(b, p); heap()[p + b.length] = 0; return p; }
  return M;
}
