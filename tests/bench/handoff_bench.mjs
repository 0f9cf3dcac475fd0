#!/usr/bin/env node
// Handoff latency benchmark (prints figures; not a test): escalation request → L2 live, through the
// headless SDK in Node against connect-local (--agent echo) on loopback.
//
//   node tests/bench/handoff_bench.mjs [--runs 50] [--in-band]
//
// Each run: a fresh conversation starts its L1 chat (the demo bot) and waits until it is live; the
// clock starts at escalate({reason}) (or, with --in-band, at send("... specialist ...") so the bot's
// in-band signal is the trigger) and stops at the SDK's handoffSucceeded event, which the core's
// Conversation raises once the L2 chat is live (and L1 is being disconnected). That span holds:
// redacting the L1 transcript, the partner token provider (HTTP to the demo partner backend → the
// Finaptic Support API → StartChatContact on the Finaptic instance), CreateParticipantConnection,
// the websocket and its subscribe ack. Needs the built SDK (FINCHAT_DIST_DIR, default
// build/wasm/dist) and connect-local (CONNECT_LOCAL, default build/native/...).
import { missing, cl, WebSocket, importSdk, acmeTokenProvider, nextEvent } from '../headless/lib.mjs';

const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf('--runs') + 1]) > 0 && argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 50;
const inBand = argv.includes('--in-band');
const why = missing();
if (why) {
  console.error(`handoff_bench: ${why}`);
  process.exit(2);
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
const server = await cl.startConnectLocal({ agent: 'echo' });
try {
  const sdk = await importSdk();
  const times = [];
  const startTimes = [];
  for (let i = 0; i < runs; i++) {
    const c = await sdk.createConversation({ tokenProvider: acmeTokenProvider(server.url), WebSocket, storage: null, storageKey: '' });
    const t0 = performance.now();
    await c.start();
    startTimes.push(performance.now() - t0);
    const done = nextEvent(c, 'handoffSucceeded', () => true, 30000);
    const failed = nextEvent(c, 'handoffFailed', () => true, 30000).then((e) => { throw new Error(`run ${i}: handoff failed: ${e.code} ${e.message}`); });
    failed.catch(() => {});
    const t1 = performance.now();
    if (inBand) c.send('I need a specialist for a card dispute');
    else c.escalate({ reason: 'benchmark' });
    await Promise.race([done, failed]);
    times.push(performance.now() - t1);
    c.end();
    c.destroy();
  }
  const fmt = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const mean = s.reduce((a, b) => a + b, 0) / s.length;
    return `p50 ${quantile(s, 0.5).toFixed(1)} ms   p99 ${quantile(s, 0.99).toFixed(1)} ms   ` +
      `min ${s[0].toFixed(1)}   mean ${mean.toFixed(1)}   max ${s[s.length - 1].toFixed(1)} ms`;
  };
  console.log(`handoff (${inBand ? 'in-band signal from the bot: send() → L2 live' : 'escalate() → L2 live'}), ${runs} runs, headless SDK in Node ${process.version}, connect-local on loopback`);
  console.log(`  handoff     ${fmt(times)}`);
  console.log(`  L1 start    ${fmt(startTimes)}   (start() → L1 live, for comparison)`);
} finally {
  await server.stop();
}
