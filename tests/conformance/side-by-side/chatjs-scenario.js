// The side-by-side scenario (scenario.js) driven by the official amazon-connect-chatjs@5.0.0 in Node,
// unchanged, with chatjs's default timings (receipt throttle 5000 ms, as GlobalConfig's default).
//   CONNECT_LOCAL=build/native/demo/connect-local/connect-local node chatjs-scenario.js [--out DIR]
// Writes DIR/chatjs.record.jsonl (connect-local's record) and DIR/chatjs.events.json (callbacks).
'use strict';
const { configure, RecordedSession } = require('../lib/chatjs-node');
const { TYPES } = require('../lib/connect-local');
const { runScenario, parseArgs } = require('./scenario');

class ChatjsClient {
  constructor() {
    this.recorded = null;
    this.chat = null;
    this.extra = [];   // adapter-level events (failed sends)
  }

  get events() {
    const out = [...this.extra];
    if (!this.recorded) return out;
    const me = this.chat.participantId;
    for (const e of this.recorded.events) {
      const d = e.data;
      switch (e.name) {
        case 'onMessage':
          out.push({ ev: 'item', t: e.t, id: d.Id, type: d.Type, contentType: d.ContentType, role: d.ParticipantRole,
            content: d.Content, own: d.ParticipantId === me, sent: !!d.Id });
          break;
        case 'onConnectionLost': out.push({ ev: 'lost', t: e.t }); break;
        case 'onConnectionEstablished': out.push({ ev: 'established', t: e.t, socket: !!d }); break;
        case 'onConnectionBroken': out.push({ ev: 'broken', t: e.t }); break;
        case 'onDeepHeartbeatFailure': out.push({ ev: 'heartbeat-failure', t: e.t }); break;
        case 'onEnded': out.push({ ev: 'ended', t: e.t }); break;
        case 'onTyping': out.push({ ev: 'typing', t: e.t, participantId: d.ParticipantId }); break;
        case 'onReadReceipt': out.push({ ev: 'read-receipt', t: e.t, messageId: d.MessageMetadata && d.MessageMetadata.MessageId }); break;
        case 'onDeliveredReceipt': out.push({ ev: 'delivered-receipt', t: e.t, messageId: d.MessageMetadata && d.MessageMetadata.MessageId }); break;
        default: out.push({ ev: e.name, t: e.t });
      }
    }
    return out.sort((a, b) => a.t - b.t);
  }

  // Every ConnectionToken chatjs was given (from the fetch recorder), for the record's redaction check.
  knownTokens() {
    return this.recorded ? this.recorded.requests('connection').map((r) => r.response && r.response.ConnectionCredentials &&
      r.response.ConnectionCredentials.ConnectionToken).filter(Boolean) : [];
  }
  async start(url, chat) {
    configure(url, { receiptThrottleMs: 5000 });   // = chatjs's default throttle
    this.chat = chat;
    this.recorded = new RecordedSession(chat);
    await this.recorded.session.connect();
  }
  failed(what) { return (e) => this.extra.push({ ev: 'send-failed', t: Date.now(), what, error: String(e && (e.type || e.message) || e) }); }
  send(contentType, message) { this.recorded.session.sendMessage({ contentType, message }).catch(this.failed('message')); }
  typing() { this.recorded.session.sendEvent({ contentType: TYPES.typing }).catch(this.failed('typing')); }
  read(messageId) {
    this.recorded.session.sendEvent({ contentType: TYPES.read, content: JSON.stringify({ messageId }) }).catch(this.failed('read'));
  }
  async transcript() { await this.recorded.session.getTranscript({}); }   // chatjs defaults (§3.3)
  disconnect() { this.recorded.session.disconnectParticipant().catch(this.failed('disconnect')); }
  async close() { /* chatjs closes its socket on chat.ended; process exit ends the rest */ }
}

(async () => {
  const args = parseArgs(process.argv);
  const r = await runScenario(new ChatjsClient(), 'chatjs', args);
  // chatjs keeps process-wide intervals alive (§11.1).
  process.exit(r.ok ? 0 : 1);
})().catch((e) => {
  console.error(e);
  process.exit(2);
});
