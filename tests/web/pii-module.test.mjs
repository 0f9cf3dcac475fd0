// finaptic-chat-pii.wasm (widget/pii/pii_module.cpp) through the shim's own loader (web/src/pii-module.js)
// under node: its C ABI, the name table, and the same entities as the native core (finchat_pii_eval,
// names compiled in) on every labelled PII set of tests/data/pii: type, code-point offsets and score.
//   FINCHAT_PII_WASM   build/wasm/widget/finaptic-chat-pii.wasm
//   FINCHAT_PII_NAMES  its pii-names.bin
//   FINCHAT_PII_EVAL   the native finchat_pii_eval
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { piiFeed, piiLoader, piiDetector, PII_WASM, PII_NAMES } from '../../web/src/pii-module.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { FINCHAT_PII_WASM, FINCHAT_PII_NAMES, FINCHAT_PII_EVAL } = process.env;
const skip = !FINCHAT_PII_WASM || !FINCHAT_PII_NAMES ? 'FINCHAT_PII_WASM / FINCHAT_PII_NAMES not set' : false;
const files = { [PII_WASM]: FINCHAT_PII_WASM, [PII_NAMES]: FINCHAT_PII_NAMES };
const enc = new TextEncoder();

// PiiType's order (core/include/finchat/pii.h) by Comprehend name, as the quads carry the enum value.
const TYPES = ['CREDIT_DEBIT_NUMBER', 'CREDIT_DEBIT_CVV', 'CREDIT_DEBIT_EXPIRY', 'BANK_ACCOUNT_NUMBER', 'BANK_ROUTING',
  'INTERNATIONAL_BANK_ACCOUNT_NUMBER', 'SWIFT_CODE', 'SSN', 'PIN', 'EMAIL', 'PHONE', 'NAME', 'ADDRESS', 'DATE_TIME', 'AGE',
  'USERNAME', 'PASSWORD', 'URL', 'IP_ADDRESS', 'MAC_ADDRESS', 'DRIVER_ID', 'PASSPORT_NUMBER',
  'US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER', 'UK_NATIONAL_INSURANCE_NUMBER', 'CA_SOCIAL_INSURANCE_NUMBER',
  'UK_NATIONAL_HEALTH_SERVICE_NUMBER', 'AWS_ACCESS_KEY', 'AWS_SECRET_KEY'];

const quads = (q) => Array.from({ length: q.length / 4 }, (_, i) => ({
  type: TYPES[q[4 * i]], begin: q[4 * i + 1], end: q[4 * i + 2], score: q[4 * i + 3] }));
const detect = (d, text) => quads(d.detect(enc.encode(text)));

// Byte offsets -> code points (what the gold files and finchat_pii_eval count).
function codePoints(text, byteOffset) {
  return [...Buffer.from(text, 'utf8').subarray(0, byteOffset).toString('utf8')].length;
}

async function fresh() {
  const module = await WebAssembly.compile(fs.readFileSync(FINCHAT_PII_WASM));
  return WebAssembly.instantiate(module, {
    env: { emscripten_notify_memory_growth() {} },
    wasi_snapshot_preview1: { proc_exit() { throw new Error('proc_exit'); } },
  });
}

let detector;
before(async () => {
  if (skip) return;
  const reads = [];
  const load = piiLoader((name) => { reads.push(name); return fs.promises.readFile(files[name]); });
  assert.equal(load.loaded(), null, 'nothing before the first ask');
  detector = await load();
  assert.equal(await load(), detector, 'one detector per page: the second ask reuses it');
  assert.equal(load.loaded(), detector, 'and a later chat gets it at once');
  assert.deepEqual(reads.sort(), [PII_NAMES, PII_WASM].sort(), 'each file read once');
});

test('a standalone wasm: a memory and the C ABI, nothing imported but emscripten\'s two runtime hooks', { skip }, () => {
  const module = new WebAssembly.Module(fs.readFileSync(FINCHAT_PII_WASM));
  const exports = WebAssembly.Module.exports(module).map((e) => e.name);
  for (const name of ['memory', 'fp_alloc', 'fp_free', 'fp_detect', 'fp_results', 'fp_names']) assert.ok(exports.includes(name), name);
  for (const i of WebAssembly.Module.imports(module)) {
    assert.ok(['emscripten_notify_memory_growth', 'proc_exit'].includes(i.name), `unexpected import ${i.module}.${i.name}`);
  }
});

test('a card number and an e-mail: types, byte offsets, scores', { skip }, () => {
  const text = 'Hi, Zoë Müller here, card 4111 1111 1111 1111, mail zoe@example.com';
  const got = detect(detector, text);
  const card = got.find((m) => m.type === 'CREDIT_DEBIT_NUMBER');
  assert.ok(card, JSON.stringify(got));
  assert.equal(Buffer.from(text).subarray(card.begin, card.end).toString(), '4111 1111 1111 1111');
  assert.ok(card.score > 0 && card.score <= 10000);
  const mail = got.find((m) => m.type === 'EMAIL');
  assert.ok(mail, JSON.stringify(got));
  assert.equal(Buffer.from(text).subarray(mail.begin, mail.end).toString(), 'zoe@example.com');
  const name = got.find((m) => m.type === 'NAME');
  assert.equal(Buffer.from(text).subarray(name.begin, name.end).toString(), 'Zoë Müller', 'byte offsets over UTF-8');
  assert.deepEqual(detect(detector, 'what is the opening time of the branch?'), []);
  assert.deepEqual(detect(detector, ''), []);
});

test('the name table: refused when it is not one, and known lower-case names after a weak cue need it', { skip }, async () => {
  const text = 'please transfer to maria gonzalez today';   // lower case, after a weak cue
  const without = piiDetector(await fresh(), null);
  const garbage = piiDetector(await fresh(), enc.encode('FCNAMES1 but not a table'));
  const withNames = piiDetector(await fresh(), fs.readFileSync(FINCHAT_PII_NAMES));
  assert.equal(without.namesLoaded, false);
  assert.equal(garbage.namesLoaded, false, 'fp_names returns 0 for bytes that are not a name table');
  assert.equal(withNames.namesLoaded, true);
  assert.ok(!detect(without, text).some((m) => m.type === 'NAME'), 'no table: not a name');
  assert.ok(!detect(garbage, text).some((m) => m.type === 'NAME'));
  const name = detect(withNames, text).find((m) => m.type === 'NAME');
  assert.ok(name, 'with the table: the two known names');
  assert.equal(Buffer.from(text).subarray(name.begin, name.end).toString(), 'maria gonzalez');
});

test('a long paste (270 KB): every card in it, results buffer grown to fit', { skip }, () => {
  const line = 'card 4111 1111 1111 1111 and account number 12345678, ';
  const got = detect(detector, line.repeat(5000));
  assert.equal(got.filter((m) => m.type === 'CREDIT_DEBIT_NUMBER').length, 5000);
  assert.equal(detect(detector, line).length, got.length / 5000, 'a short one after it: the buffer is reused');
});

test('a load that fails is forgotten: the next ask tries again', { skip }, async () => {
  let fail = true;
  let reads = 0;
  const load = piiLoader((name) => {
    reads++;
    if (fail && name === PII_WASM) return Promise.reject(new Error('HTTP 503'));
    return fs.promises.readFile(files[name]);
  });
  await assert.rejects(load(), /HTTP 503/);
  assert.equal(load.loaded(), null);
  fail = false;
  const d = await load();
  assert.ok(detect(d, 'card 4111 1111 1111 1111').length === 1);
  assert.equal(reads, 4, 'both files read again on the retry');
});

test('the same entities as the native core on every PII set', { skip: skip || (!FINCHAT_PII_EVAL && 'FINCHAT_PII_EVAL not set'), timeout: 120000 }, () => {
  const dir = path.join(ROOT, 'tests/data/pii');
  const sets = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  assert.ok(sets.length >= 10);
  let messages = 0, entities = 0;
  for (const set of sets) {
    const file = path.join(dir, set);
    const run = spawnSync(FINCHAT_PII_EVAL, [file], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(run.status, 0, run.stderr);
    const native = new Map(run.stdout.trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.id, r.entities]));
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const record = JSON.parse(line);
      const expected = native.get(record.id || '').map((e) => ({ ...e, score: Math.round(e.score * 10000) }));
      const got = detect(detector, record.text).map((m) => ({
        type: m.type, begin: codePoints(record.text, m.begin), end: codePoints(record.text, m.end), score: m.score }));
      assert.deepEqual(got, expected, `${set} ${record.id}`);
      messages++;
      entities += got.length;
    }
  }
  assert.ok(messages > 2000 && entities > 2000, `${messages} messages, ${entities} entities`);
});

// piiFeed: one conversation's side of the loader (the widget's and the headless SDK's, alike). Needs no
// wasm: a loader under the test's control and a module that records what it was told.
function feedRig() {
  const rig = { loads: [], ready: [], failed: [], module: { piiDetector: null }, destroyed: false };
  const loader = () => new Promise((resolve, reject) => rig.loads.push({ resolve, reject }));
  rig.feed = piiFeed(loader, () => (rig.destroyed ? null : rig.module), (m) => rig.ready.push(m),
    (m, message) => rig.failed.push(message));
  return rig;
}
const settle = () => new Promise((r) => setImmediate(r));

test('piiFeed: one load at a time, the detector handed to the module, ready once', async () => {
  const rig = feedRig();
  rig.feed(false);
  rig.feed(true);
  assert.equal(rig.loads.length, 1, 'a second ask while loading starts no second load');
  const detector = { detect() {} };
  rig.loads[0].resolve(detector);
  await settle();
  assert.equal(rig.module.piiDetector, detector);
  assert.deepEqual(rig.ready, [rig.module]);
  rig.feed(true);
  assert.equal(rig.loads.length, 1, 'a module that has its detector loads nothing');
});

test('piiFeed: a failed prefetch is silent, a failed load the core asked for is reported, then retried', async () => {
  const rig = feedRig();
  rig.feed(false);                       // the composer's first input
  rig.loads[0].reject(new Error('503'));
  await settle();
  assert.deepEqual(rig.failed, [], 'no message waits: nothing to report');
  rig.feed(true);                        // the core asks (a message waits)
  assert.equal(rig.loads.length, 2, 'the next ask tries again');
  rig.loads[1].reject(new Error('503 again'));
  await settle();
  assert.deepEqual(rig.failed, ['503 again']);
  rig.feed(false);
  rig.loads[2].reject(new Error('once more'));
  await settle();
  assert.deepEqual(rig.failed, ['503 again'], 'reported once per ask, not for the prefetch after it');
  rig.feed(false);
  rig.feed(true);                        // asked while a prefetch is on its way: its failure is reported
  rig.loads[3].reject(new Error('down'));
  await settle();
  assert.deepEqual(rig.failed, ['503 again', 'down']);
  assert.deepEqual(rig.ready, []);
});

test('piiFeed: a conversation destroyed while loading is left alone', async () => {
  const rig = feedRig();
  rig.feed(true);
  rig.destroyed = true;
  rig.loads[0].resolve({ detect() {} });
  await settle();
  assert.equal(rig.module.piiDetector, null);
  assert.deepEqual(rig.ready, []);
  rig.feed(true);
  assert.equal(rig.loads.length, 1, 'nothing loads for a destroyed conversation');
  const rig2 = feedRig();
  rig2.feed(true);
  rig2.destroyed = true;
  rig2.loads[0].reject(new Error('x'));
  await settle();
  assert.deepEqual(rig2.failed, []);
});
