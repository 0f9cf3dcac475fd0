// The side-by-side scenario (scenario.js) driven by our core: tests/side_by_side/core_scenario, a
// finchat::ChatSession over the native transports with the default (chatjs) timings, remote-controlled
// through its stdin/stdout.
//   CONNECT_LOCAL=.../connect-local CORE_SCENARIO=.../core_scenario node core-scenario.js [--out DIR]
// Writes DIR/core.record.jsonl (connect-local's record) and DIR/core.events.json (session events).
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');
const { runScenario, parseArgs } = require('./scenario');

function driverPath() {
  return process.env.CORE_SCENARIO || path.resolve(__dirname, '../../../build/native/tests/core_scenario');
}

class CoreClient {
  constructor() {
    this.events = [];
    this.chat = null;
    const bin = driverPath();
    if (!fs.existsSync(bin)) throw new Error(`core_scenario not found at ${bin} (build target core_scenario, or set CORE_SCENARIO)`);
    this.child = spawn(bin, [], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => {
      let e;
      try { e = JSON.parse(line); } catch { this.events.push({ ev: 'unparsable', t: Date.now(), line }); return; }
      switch (e.ev) {
        case 'item':
          this.events.push({ ev: 'item', t: e.t, id: e.id, type: e.type, contentType: e.contentType, role: e.role,
            content: e.content, own: e.own, sent: !!e.id, delivery: e.delivery, added: e.added });
          break;
        case 'connection-lost': this.events.push({ ev: 'lost', t: e.t }); break;
        case 'connection-established': this.events.push({ ev: 'established', t: e.t }); break;
        default: this.events.push(e);   // state, heartbeat-failure, ended, send-failed, error, typing, ...
      }
    });
  }
  cmd(c) { this.child.stdin.write(`${JSON.stringify(c)}\n`); }
  async start(url, chat) {
    this.chat = chat;
    this.cmd({ cmd: 'start', endpoint: url, contactId: chat.contactId, participantId: chat.participantId,
      participantToken: chat.participantToken, displayName: 'Dana' });
  }
  send(contentType, content) { this.cmd({ cmd: 'send', contentType, content }); }
  typing() { this.cmd({ cmd: 'typing' }); }
  read(messageId) { this.cmd({ cmd: 'read', messageId }); }
  async transcript() {
    const from = this.events.length;
    this.cmd({ cmd: 'transcript' });
    const deadline = Date.now() + 5000;
    while (!this.events.slice(from).some((e) => e.ev === 'transcript') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }
  disconnect() { this.cmd({ cmd: 'disconnect' }); }
  async close() {
    this.cmd({ cmd: 'quit' });
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await this.exited;
    clearTimeout(timer);
  }
}

(async () => {
  const args = parseArgs(process.argv);
  const r = await runScenario(new CoreClient(), 'core', args);
  process.exit(r.ok ? 0 : 1);
})().catch((e) => {
  console.error(e);
  process.exit(2);
});
