// Conformance: Lex V2 RecognizeText through the official clients, unchanged: @aws-sdk/client-lex-runtime-v2
// and the AWS CLI v2 (`aws lexv2-runtime recognize-text --endpoint-url ...`), with dummy credentials
// (SigV4 is accepted and ignored). connect-local runs the shipped banking-assistant bot (a folder) and
// a small test bot given as a Lex export .zip, both with --bots.
'use strict';
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const cl = require('./lib/connect-local');
const {
  LexRuntimeV2Client, RecognizeTextCommand, ResourceNotFoundException, ValidationException,
} = require('@aws-sdk/client-lex-runtime-v2');
// The Lex runtime client defaults to HTTP/2 (for its streaming operation); connect-local speaks
// HTTP/1.1, so the client gets the SDK's own HTTP/1.1 handler, as for any HTTP/1.1 endpoint.
const { NodeHttpHandler } = require('@smithy/node-http-handler');

const BANKING_BOTS = path.resolve(__dirname, '../../demo/connect-local/bots');

// CRC-32 (IEEE) and a minimal zip writer (deflated entries): the test bot ships as an export .zip.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function zipOf(files) {
  const locals = [], central = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const raw = Buffer.from(text), data = zlib.deflateRawSync(raw), nameBuf = Buffer.from(name);
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16); dir.writeUInt32LE(data.length, 20); dir.writeUInt32LE(raw.length, 24);
    dir.writeUInt16LE(nameBuf.length, 28); dir.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    central.push(dir, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const centralBuf = Buffer.concat(central), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(central.length / 2, 8); end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(centralBuf.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBuf, end]);
}

// OrderBot, as Lex exports it (docs' spelling: manifest.json + metadata): CheckOrder asks for an
// AMAZON.Number slot.
const text = (value) => ({ message: { plainTextMessage: { value }, customPayload: null, ssmlMessage: null, imageResponseCard: null }, variations: null });
const ORDER_BOT = {
  'manifest.json': { metadata: { schemaVersion: '1.0', fileFormat: 'LexJson', resourceType: 'Bot' } },
  'OrderBot/Bot.json': { name: 'OrderBot', version: 'DRAFT', identifier: 'ORDERBOT01', idleSessionTTLInSeconds: 300 },
  'OrderBot/BotLocales/en_US/BotLocale.json': { name: 'English (US)', identifier: 'en_US', nluConfidenceThreshold: 0.4 },
  'OrderBot/BotLocales/en_US/Intents/CheckOrder/Intent.json': {
    name: 'CheckOrder', parentIntentSignature: null,
    sampleUtterances: ['where is my order', 'track my order', 'order status', 'has my parcel shipped', 'when will my order arrive']
      .map((utterance) => ({ utterance })),
    intentClosingSetting: { isActive: true, closingResponse: { messageGroupsList: [text('Order {orderNumber} ships tomorrow.')] } },
    slotPriorities: [{ priority: 1, slotName: 'orderNumber' }],
  },
  'OrderBot/BotLocales/en_US/Intents/CheckOrder/Slots/orderNumber/Slot.json': {
    name: 'orderNumber', slotTypeName: 'AMAZON.Number',
    valueElicitationSetting: { slotConstraint: 'Required', promptSpecification: { messageGroupsList: [text('What is the order number?')], maxRetries: 2 } },
  },
  'OrderBot/BotLocales/en_US/Intents/FallbackIntent/Intent.json': {
    name: 'FallbackIntent', parentIntentSignature: 'AMAZON.FallbackIntent', sampleUtterances: null,
    intentClosingSetting: { isActive: true, closingResponse: { messageGroupsList: [text('Sorry, can you please repeat that?')] } },
  },
};

let server, lex, zipDir;

before(async () => {
  zipDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lex-conformance-'));
  const files = Object.fromEntries(Object.entries(ORDER_BOT).map(([k, v]) => [k, JSON.stringify(v)]));
  fs.writeFileSync(path.join(zipDir, 'OrderBot_DRAFT_LexJson.zip'), zipOf(files));
  server = await cl.startConnectLocal({ args: ['--no-files', '--bots', BANKING_BOTS, '--bots', zipDir] });
  lex = new LexRuntimeV2Client({ endpoint: server.url, region: cl.REGION, credentials: cl.DUMMY_CREDENTIALS, maxAttempts: 1,
    requestHandler: new NodeHttpHandler() });
});
after(async () => {
  if (lex) lex.destroy();
  if (server) await server.stop();
  if (zipDir) fs.rmSync(zipDir, { recursive: true, force: true });
});

const recognize = (input) => lex.send(new RecognizeTextCommand({ botAliasId: 'TSTALIASID', localeId: 'en_US', ...input }));

describe('RecognizeText through @aws-sdk/client-lex-runtime-v2', () => {
  test('balance: a data-bound ListPicker elicits the account, the picked id closes with the follow-up template', async () => {
    const first = await recognize({ botId: 'banking-assistant', sessionId: 'sdk-balance', text: 'balance',
      sessionState: { sessionAttributes: { customerTier: 'gold' } }, requestAttributes: { channel: 'chat' } });
    assert.equal(first.$metadata.httpStatusCode, 200);
    assert.equal(first.sessionId, 'sdk-balance');
    assert.deepEqual(first.sessionState.dialogAction, { type: 'ElicitSlot', slotToElicit: 'account' });
    assert.equal(first.sessionState.intent.name, 'CheckBalance');
    assert.equal(first.sessionState.intent.state, 'InProgress');
    assert.equal(first.sessionState.intent.confirmationState, 'None');
    assert.deepEqual(first.sessionState.sessionAttributes, { customerTier: 'gold' });
    assert.deepEqual(first.requestAttributes, { channel: 'chat' });
    assert.equal(first.messages.length, 1);
    assert.equal(first.messages[0].contentType, 'CustomPayload');
    const picker = JSON.parse(first.messages[0].content);
    assert.equal(picker.templateType, 'ListPicker');
    assert.equal(picker.data.content.elements, '$API:ListAccounts');
    assert.equal(first.interpretations[0].intent.name, 'CheckBalance');
    assert.ok(first.interpretations[0].nluConfidence.score >= 0.4, JSON.stringify(first.interpretations[0]));
    assert.ok(first.interpretations.length > 1);

    // Any alias id and the bot's identifier work as well.
    const second = await lex.send(new RecognizeTextCommand({ botId: 'FNBANKAST1', botAliasId: 'ZZALIAS123', localeId: 'en_US',
      sessionId: 'sdk-balance', text: 'acct-9f3' }));
    assert.equal(second.sessionState.dialogAction.type, 'Close');
    assert.equal(second.sessionState.intent.state, 'Fulfilled');
    assert.deepEqual(second.sessionState.intent.slots.account.value,
      { originalValue: 'acct-9f3', interpretedValue: 'acct-9f3', resolvedValues: [] });
    assert.deepEqual(second.sessionState.sessionAttributes, { customerTier: 'gold' });
    assert.equal(JSON.parse(second.messages[0].content).data.content.title, '$API:GetBalance(account={id})');
  });

  test('agent, specialist, hello and noise', async () => {
    const intentOf = async (t, sessionId) => (await recognize({ botId: 'banking-assistant', sessionId, text: t })).sessionState.intent.name;
    assert.equal(await intentOf('agent', 'sdk-a'), 'TalkToAgent');
    assert.equal(await intentOf('hello', 'sdk-h'), 'Greeting');
    const specialist = await recognize({ botId: 'banking-assistant', sessionId: 'sdk-s', text: 'specialist' });
    assert.equal(specialist.sessionState.intent.name, 'TalkToSpecialist');
    const signal = specialist.messages.find((m) => m.contentType === 'CustomPayload');
    assert.ok(JSON.parse(signal.content).finaptic.escalate.reason);
    const noise = await recognize({ botId: 'banking-assistant', sessionId: 'sdk-n', text: 'purple monkey dishwasher' });
    assert.equal(noise.sessionState.intent.name, 'FallbackIntent');
    assert.equal(noise.interpretations[0].intent.name, 'FallbackIntent');
    assert.equal(noise.interpretations[0].nluConfidence, undefined);   // Lex gives the inserted fallback no score
    assert.equal(noise.messages[0].contentType, 'PlainText');
  });

  test('the zipped bot elicits an AMAZON.Number slot', async () => {
    const ask = await recognize({ botId: 'OrderBot', sessionId: 'sdk-order', text: 'where is my order' });
    assert.deepEqual(ask.sessionState.dialogAction, { type: 'ElicitSlot', slotToElicit: 'orderNumber' });
    assert.deepEqual(ask.sessionState.intent.slots, { orderNumber: null });
    assert.equal(ask.messages[0].content, 'What is the order number?');
    const retry = await recognize({ botId: 'OrderBot', sessionId: 'sdk-order', text: 'no idea' });
    assert.equal(retry.sessionState.dialogAction.slotToElicit, 'orderNumber');
    const done = await recognize({ botId: 'OrderBot', sessionId: 'sdk-order', text: 'it is 4711' });
    assert.equal(done.sessionState.intent.slots.orderNumber.value.interpretedValue, '4711');
    assert.equal(done.messages[0].content, 'Order 4711 ships tomorrow.');
  });

  test('Lex-shaped errors: unknown bot or locale (404), invalid text (400)', async () => {
    const missing = await recognize({ botId: 'NoSuchBot', sessionId: 'sdk-e', text: 'hi' }).catch((e) => e);
    assert.ok(missing instanceof ResourceNotFoundException, String(missing));
    assert.equal(missing.$metadata.httpStatusCode, 404);
    const locale = await lex.send(new RecognizeTextCommand({ botId: 'banking-assistant', botAliasId: 'TSTALIASID',
      localeId: 'de_DE', sessionId: 'sdk-e', text: 'hi' })).catch((e) => e);
    assert.ok(locale instanceof ResourceNotFoundException, String(locale));
    const empty = await recognize({ botId: 'banking-assistant', sessionId: 'sdk-e', text: '' }).catch((e) => e);
    assert.ok(empty instanceof ValidationException, String(empty));
    assert.equal(empty.$metadata.httpStatusCode, 400);
    assert.match(empty.message, /text/);
  });
});

// The AWS CLI v2 (Debian's awscli), if installed.
function awsCli(args) {
  return new Promise((resolve) => {
    execFile('aws', ['lexv2-runtime', 'recognize-text', '--endpoint-url', server.url, '--output', 'json', ...args], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_DEFAULT_REGION: 'us-east-1',
        AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_PAGER: '' },
      timeout: 60000,
    }, (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout, stderr }));
  });
}

describe('RecognizeText through the AWS CLI', () => {
  test('aws lexv2-runtime recognize-text', async (t) => {
    const version = await new Promise((resolve) => execFile('aws', ['--version'], (e, out) => resolve(e ? null : out)));
    if (!version) return t.skip('aws CLI not installed');
    const common = ['--bot-alias-id', 'TSTALIASID', '--locale-id', 'en_US'];
    // The CLI checks a bot id's form (10 letters or digits, as Lex's ids are): the bot's identifier.
    const ok = await awsCli(['--bot-id', 'FNBANKAST1', ...common, '--session-id', 'cli-1', '--text', 'I want to talk to an agent']);
    assert.equal(ok.code, 0, ok.stderr);
    const reply = JSON.parse(ok.stdout);
    assert.equal(reply.sessionState.intent.name, 'TalkToAgent');
    assert.equal(reply.sessionState.dialogAction.type, 'Close');
    assert.equal(reply.messages[0].contentType, 'PlainText');
    assert.ok(reply.interpretations[0].nluConfidence.score >= 0.4);

    const zipped = await awsCli(['--bot-id', 'ORDERBOT01', ...common, '--session-id', 'cli-2', '--text', 'track my order',
      '--session-state', JSON.stringify({ sessionAttributes: { source: 'cli' } })]);
    assert.equal(zipped.code, 0, zipped.stderr);
    assert.equal(JSON.parse(zipped.stdout).sessionState.dialogAction.slotToElicit, 'orderNumber');
    assert.deepEqual(JSON.parse(zipped.stdout).sessionState.sessionAttributes, { source: 'cli' });

    const missing = await awsCli(['--bot-id', 'NOSUCHBOT1', ...common, '--session-id', 'cli-3', '--text', 'hi']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /ResourceNotFoundException/);
  });
});
