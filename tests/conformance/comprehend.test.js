// Conformance: Amazon Comprehend's DetectPiiEntities / ContainsPiiEntities as connect-local answers them
// (demo/connect-local/src/comprehend_api.h), driven by the official clients unchanged: the AWS SDK v3
// @aws-sdk/client-comprehend and the AWS CLI (Debian awscli, `aws comprehend ... --endpoint-url`), both
// with dummy credentials. Offsets are code points; errors are Comprehend's typed exceptions.
'use strict';
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const cl = require('./lib/connect-local');
const {
  ComprehendClient, DetectPiiEntitiesCommand, ContainsPiiEntitiesCommand,
  TextSizeLimitExceededException, UnsupportedLanguageException,
} = require('@aws-sdk/client-comprehend');

let server;
let client;
before(async () => {
  server = await cl.startConnectLocal({ agent: 'none' });
  client = new ComprehendClient({ region: cl.REGION, endpoint: server.url, credentials: cl.DUMMY_CREDENTIALS, maxAttempts: 1 });
});
after(async () => { if (server) await server.stop(); });

// What each entity covers, as the client would cut it out: [...text] indexes code points.
function spans(text, entities) {
  const cps = [...text];
  return entities.map((e) => `${e.Type}:${cps.slice(e.BeginOffset, e.EndOffset).join('')}`);
}

const AWS_CLI = fs.existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
function awsCli(args) {
  return new Promise((resolve) => {
    execFile(AWS_CLI, [...args, '--endpoint-url', server.url, '--region', cl.REGION, '--output', 'json'], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDCONFORMANCE', AWS_SECRET_ACCESS_KEY: 'conformance-secret',
             AWS_PAGER: '', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
      timeout: 60000,
    }, (err, stdout, stderr) => resolve({ code: err ? (err.code || 1) : 0, stdout, stderr }));
  });
}

describe('Comprehend PII API (client-comprehend)', () => {
  test('DetectPiiEntities: types, code-point offsets, scores, sorted', async () => {
    const text = 'Hi, I\'m Zoë Müller 🙂 — card 4111 1111 1111 1111, exp 09/27, email zoe@example.com';
    const out = await client.send(new DetectPiiEntitiesCommand({ Text: text, LanguageCode: 'en' }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.deepEqual(spans(text, out.Entities), [
      'NAME:Zoë Müller', 'CREDIT_DEBIT_NUMBER:4111 1111 1111 1111', 'CREDIT_DEBIT_EXPIRY:09/27', 'EMAIL:zoe@example.com',
    ]);
    for (const e of out.Entities) {
      assert.ok(e.Score > 0 && e.Score <= 1, `score ${e.Score}`);
      assert.ok(Number.isInteger(e.BeginOffset) && e.EndOffset > e.BeginOffset);
    }
    // Code points, not UTF-16: the emoji before the card counts once.
    const card = out.Entities[1];
    assert.equal(card.BeginOffset, [...text.slice(0, text.indexOf('4111'))].length);
    assert.notEqual(card.BeginOffset, text.indexOf('4111'));
  });

  test('DetectPiiEntities: no PII, an empty list', async () => {
    const out = await client.send(new DetectPiiEntitiesCommand({ Text: 'How long does a refund take?', LanguageCode: 'en' }));
    assert.deepEqual(out.Entities, []);
  });

  test('ContainsPiiEntities: one label per type, with the best score', async () => {
    const out = await client.send(new ContainsPiiEntitiesCommand({
      Text: 'my email a@example.com or b@example.org, routing 021000021', LanguageCode: 'en',
    }));
    assert.deepEqual(out.Labels.map((l) => l.Name).sort(), ['BANK_ROUTING', 'EMAIL']);
    for (const l of out.Labels) assert.ok(l.Score > 0 && l.Score <= 1);
  });

  test('typed errors: unsupported language, text over 100 KB, empty text', async () => {
    await assert.rejects(client.send(new DetectPiiEntitiesCommand({ Text: 'hola', LanguageCode: 'fr' })),
      (e) => e instanceof UnsupportedLanguageException && e.$metadata.httpStatusCode === 400);
    await assert.rejects(client.send(new DetectPiiEntitiesCommand({ Text: 'x'.repeat(100 * 1024 + 1), LanguageCode: 'en' })),
      (e) => e instanceof TextSizeLimitExceededException);
    await assert.rejects(client.send(new DetectPiiEntitiesCommand({ Text: '', LanguageCode: 'en' })),
      (e) => e.name === 'ValidationException' && e.$metadata.httpStatusCode === 400);
  });

  test('raw protocol: JSON 1.1 content type, __type errors, unknown operations', async () => {
    const post = (target, body) => fetch(`${server.url}/`, {
      method: 'POST', body,
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': target },
    });
    const ok = await post('Comprehend_20171127.DetectPiiEntities', JSON.stringify({ Text: 'SSN 123-45-6789', LanguageCode: 'en' }));
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('content-type'), 'application/x-amz-json-1.1');
    assert.deepEqual((await ok.json()).Entities.map((e) => [e.Type, e.BeginOffset, e.EndOffset]), [['SSN', 4, 15]]);
    const bad = await post('Comprehend_20171127.DetectPiiEntities', '{not json');
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).__type, 'SerializationException');
    const unknown = await post('Comprehend_20171127.DetectSentiment', JSON.stringify({ Text: 'x', LanguageCode: 'en' }));
    assert.equal(unknown.status, 400);
    const u = await unknown.json();
    assert.equal(u.__type, 'UnknownOperationException');
    assert.equal(typeof u.Message, 'string');
  });
});

describe('Comprehend PII API (AWS CLI)', () => {
  test('aws comprehend detect-pii-entities and contains-pii-entities', async () => {
    const text = 'Call me on (415) 555-0112, I live at 42 Baker Street';
    const r = await awsCli(['comprehend', 'detect-pii-entities', '--language-code', 'en', '--text', text]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(spans(text, JSON.parse(r.stdout).Entities), ['PHONE:(415) 555-0112', 'ADDRESS:42 Baker Street']);
    const c = await awsCli(['comprehend', 'contains-pii-entities', '--language-code', 'en', '--text', text]);
    assert.equal(c.code, 0, c.stderr);
    assert.deepEqual(JSON.parse(c.stdout).Labels.map((l) => l.Name).sort(), ['ADDRESS', 'PHONE']);
  });

  test('the CLI reports Comprehend\'s error type', async () => {
    const r = await awsCli(['comprehend', 'detect-pii-entities', '--language-code', 'de', '--text', 'Hallo']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /UnsupportedLanguageException/);
  });
});
