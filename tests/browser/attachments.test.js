// Attachments end to end in headless Chromium (software WebGL2) against connect-local: the customer
// picks files in the real widget on the Acme Bank page (the attach button's <input type=file>), the
// agent works through the participant service as the agent console does (agent API accept, then
// its own ConnectionToken). What is checked:
//   - a file Connect does not accept is refused before any upload: the alert says why, the composer
//     keeps its text;
//   - a file the customer sends arrives at the agent: an ATTACHMENT item in the agent's transcript,
//     and the bytes behind GetAttachment's signed URL are the bytes the customer picked;
//   - a file the agent sends shows in the customer's window as a named download control (a real
//     button in the Tab order, "Download rates.pdf (application/pdf)") and downloads the same bytes;
//   - with the scanner fault knob, a rejected file shows the scanner's error in the upload list.
// Screenshots go to ATTACHMENT_SHOTS (default build/native/artifacts/attachments).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const page = require('./lib/widget-page');
const { cl, openBrowser, DIST, skip } = require('./lib/e2e');

const ROOT = path.resolve(__dirname, '../..');
const SHOTS = process.env.ATTACHMENT_SHOTS || path.join(ROOT, 'build/native/artifacts/attachments');
let server;
let chromium;
let files;

async function shot(tab, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await tab.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

before(async () => {
  if (skip) return;
  assert.ok(fs.existsSync(path.join(DIST, 'finaptic-chat.wasm')), `no widget build in ${DIST}`);
  files = fs.mkdtempSync(path.join(os.tmpdir(), 'finchat-files-'));
  fs.writeFileSync(path.join(files, 'statement.csv'), 'date,amount\n2025-05-01,-42.10\n2025-05-02,1200.00\n');
  fs.writeFileSync(path.join(files, 'setup.exe'), Buffer.from('MZ\x90\x00not really a program'));
  fs.writeFileSync(path.join(files, 'scan-me.txt'), 'this one the scanner rejects\n');
  server = await cl.startConnectLocal({});
  chromium = await openBrowser('finchat-attachments-', { webgl: true, viewport: { width: 1280, height: 860 } });
});

after(async () => {
  if (chromium) await chromium.close();
  if (server) await server.stop();
  if (files) fs.rmSync(files, { recursive: true, force: true });
});

// The agent side: the participant service with the accept answer's ParticipantToken.
async function agentFor(contactId) {
  const accepted = await cl.agentAccept(server.url, { instance: 'acme', contactId, agentName: 'Alex' });
  const conn = await cl.expectOk('CreateParticipantConnection', cl.jsonRequest('POST', `${server.url}/participant/connection`,
    { Type: ['CONNECTION_CREDENTIALS'], ConnectParticipant: true }, { 'x-amz-bearer': accepted.participantToken }));
  const bearer = { 'x-amz-bearer': conn.ConnectionCredentials.ConnectionToken };
  const call = (what, p, body) => cl.expectOk(what, cl.jsonRequest('POST', `${server.url}${p}`, body, bearer));
  return {
    transcript: async () => (await call('GetTranscript', '/participant/transcript',
      { MaxResults: 100, ScanDirection: 'BACKWARD', SortOrder: 'ASCENDING', StartPosition: {} })).Transcript,
    download: async (attachmentId) => {
      const link = await call('GetAttachment', '/participant/attachment', { AttachmentId: attachmentId });
      const res = await fetch(link.Url);
      assert.equal(res.status, 200);
      return Buffer.from(await res.arrayBuffer());
    },
    sendFile: async (name, type, bytes) => {
      const started = await call('StartAttachmentUpload', '/participant/start-attachment-upload',
        { ContentType: type, AttachmentSizeInBytes: bytes.length, AttachmentName: name, ClientToken: `up-${name}` });
      const put = await fetch(started.UploadMetadata.Url, { method: 'PUT', headers: started.UploadMetadata.HeadersToInclude, body: bytes });
      assert.equal(put.status, 200);
      await call('CompleteAttachmentUpload', '/participant/complete-attachment-upload',
        { AttachmentIds: [started.AttachmentId], ClientToken: `done-${name}` });
    },
  };
}

async function pick(tab, file) {
  const input = await tab.evaluateHandle(() => window.__fc.all('input[type=file]')[0]);
  await input.uploadFile(path.join(files, file));
}

test('files both ways: refused before upload, customer → agent, agent → customer download, scanner rejection', { skip, timeout: 180000 }, async () => {
  const { tab } = chromium;
  await tab.goto(`${server.url}/`, { waitUntil: 'load' });
  await page.install(tab);
  await tab.evaluate(() => window.__fc.buttons(/chat/i).find((b) => window.__fc.visible(b)).click());
  await page.waitIn(tab, () => { const c = window.__fc.composers()[0]; return c && !c.disabled && window.__fc.visible(c); }, null,
    { what: 'an enabled composer', timeout: 30000 });
  await page.waitIn(tab, () => window.__fc.logEntries(0).length > 0, null, { what: 'the greeting' });

  // To a person: the L1 flow queues the chat; the agent accepts it.
  await page.sendMessage(tab, 'I need an agent please');
  const queued = await cl.waitFor(async () => {
    const q = await cl.agentQueues(server.url, 'acme');
    for (const queue of q.queues || []) if ((queue.contacts || []).length) return queue.contacts[0];
    return null;
  }, { timeoutMs: 20000, what: 'the customer in an Acme queue' });
  const agent = await agentFor(queued.contactId);

  // The attach button is a named, focusable control beside the composer.
  const attachName = await tab.evaluate(() => {
    const b = window.__fc.buttons(/attach a file/i)[0];
    return b && window.__fc.visible(b) ? window.__fc.nameOf(b) : '';
  });
  assert.equal(attachName, 'Attach a file');

  // Refused before upload: the reason in the alert region, the typed text still in the composer.
  await tab.evaluate(() => {
    const c = window.__fc.composers()[0];
    c.focus();
  });
  await tab.keyboard.type('my draft stays');
  await pick(tab, 'setup.exe');
  const alertText = await page.waitIn(tab, () => window.__fc.all('[role=alert]').map((a) => a.textContent).find((t) => /can't be sent/i.test(t)),
    null, { what: 'the refusal in the alert region' });
  assert.match(alertText, /PDF/);
  assert.equal(await tab.evaluate(() => window.__fc.composers()[0].value), 'my draft stays');
  await new Promise((r) => setTimeout(r, 300));
  await shot(tab, '01-refused-type');

  // Customer → agent.
  await pick(tab, 'statement.csv');
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /^You: Attachment: statement\.csv/.test(t)), null,
    { what: 'my file in the log', timeout: 30000 });
  assert.equal(await tab.evaluate(() => window.__fc.composers()[0].value), 'my draft stays');
  await new Promise((r) => setTimeout(r, 300));
  await shot(tab, '02-customer-file-sent');
  const items = await agent.transcript();
  const fromCustomer = items.find((i) => i.Type === 'ATTACHMENT' && i.ParticipantRole === 'CUSTOMER');
  assert.ok(fromCustomer, 'the agent sees an ATTACHMENT item from the customer');
  assert.equal(fromCustomer.Attachments[0].AttachmentName, 'statement.csv');
  assert.equal(fromCustomer.Attachments[0].ContentType, 'text/csv');
  assert.equal(fromCustomer.Attachments[0].Status, 'APPROVED');
  const received = await agent.download(fromCustomer.Attachments[0].AttachmentId);
  assert.deepEqual(received, fs.readFileSync(path.join(files, 'statement.csv')), 'the agent gets the bytes the customer picked');

  // Agent → customer: a download control named after the file; activating it saves the same bytes.
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 0x41), Buffer.from('\n%%EOF\n')]);
  await tab.evaluate(() => {
    window.__downloads = [];
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob) => { window.__downloads.push(blob); return create(blob); };
  });
  await agent.sendFile('rates.pdf', 'application/pdf', pdf);
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /Attachment: rates\.pdf/.test(t) && !/^You:/.test(t)), null,
    { what: "the agent's file in the log", timeout: 30000 });
  const control = await page.waitIn(tab, () => {
    const b = window.__fc.buttons(/^download rates\.pdf/i)[0];
    return b ? window.__fc.nameOf(b) : null;
  }, null, { what: 'a named download control for rates.pdf' });
  assert.equal(control, 'Download rates.pdf (application/pdf)');
  await new Promise((r) => setTimeout(r, 300));
  await shot(tab, '03-agent-file-card');
  // From the keyboard: focus the control (it is in the Tab order) and press Enter.
  await tab.evaluate(() => window.__fc.buttons(/^download rates\.pdf/i)[0].focus());
  await tab.keyboard.press('Enter');
  const downloaded = await page.waitIn(tab, async () => {
    const blob = window.__downloads && window.__downloads[0];
    return blob ? [...new Uint8Array(await blob.arrayBuffer())] : null;
  }, null, { what: 'the downloaded file', timeout: 20000 });
  assert.deepEqual(Buffer.from(downloaded), pdf, 'the customer gets the bytes the agent sent');

  // The scanner rejects the next file: the upload list says so and offers "Remove".
  await cl.setFaults(server.url, { rejectAttachments: 1 });
  await pick(tab, 'scan-me.txt');
  const rejected = await page.waitIn(tab, () => window.__fc.all('.upload.failed').map((u) => u.textContent).find((t) => /security scan/i.test(t)),
    null, { what: "the scanner's rejection in the upload list", timeout: 30000 });
  assert.match(rejected, /scan-me\.txt/);
  await new Promise((r) => setTimeout(r, 300));
  await shot(tab, '04-scanner-rejected');
  await tab.evaluate(() => window.__fc.buttons(/^remove$/i)[0].click());
  await page.waitIn(tab, () => window.__fc.all('.upload').length === 0, null, { what: 'the rejected file removed' });
  assert.equal(await tab.evaluate(() => window.__fc.composers()[0].value), 'my draft stays');
});
