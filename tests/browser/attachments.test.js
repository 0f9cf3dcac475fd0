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
//   - with the scanner fault knob, a rejected file shows the scanner's error in the upload list;
//   - a large file's upload reports real progress (XMLHttpRequest upload events, the network slowed
//     down by DevTools): the list's progress bar passes through values between 0 and 100, screen
//     readers hear it in quarters only; Cancel aborts the PUT on the wire;
//   - file cards say the kind and size ("PDF · 2.9 KB"); an agent's image shows as a thumbnail drawn
//     on the canvas (its pixels), fetched through its signed URL once on screen, named by its file
//     name in the mirror (an <img alt>); screenshots at 320 px.
// Screenshots go to ATTACHMENT_SHOTS (default build/native/artifacts/attachments).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const page = require('./lib/widget-page');
const { cl, openBrowser, DIST, skip } = require('./lib/e2e');

const zlib = require('node:zlib');

const ROOT = path.resolve(__dirname, '../..');

// A PNG of w x h pixels, each from fill(x, y) → [r, g, b] (no image library: zlib and a CRC).
function png(w, h, fill) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xFFFFFFFF;
    for (const b of buf) c = crcTable[(c ^ b) & 0xFF] ^ (c >>> 8);
    return (c ^ 0xFFFFFFFF) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;   // bit depth
  ihdr[9] = 2;   // RGB
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) raw.set(fill(x, y), y * (w * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// How many pixels of a screenshot (PNG bytes) are close to `rgb`, counted by the page's own decoder.
async function countColour(tab, shotBytes, [r, g, b]) {
  return tab.evaluate(async (b64, r, g, b) => {
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const c = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const d = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - r) < 40 && Math.abs(d[i + 1] - g) < 40 && Math.abs(d[i + 2] - b) < 40) n++;
    return n;
  }, Buffer.from(shotBytes).toString('base64'), r, g, b);
}
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
  // Large enough that a slowed-down upload takes a few seconds.
  fs.writeFileSync(path.join(files, 'big-statement.pdf'), Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3 << 20, 0x42), Buffer.from('\n%%EOF\n')]));
  fs.writeFileSync(path.join(files, 'cancel-me.pdf'), Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3 << 20, 0x43), Buffer.from('\n%%EOF\n')]));
  server = await cl.startConnectLocal({});
  chromium = await openBrowser('finchat-attachments-', { webgl: true, viewport: { width: 1280, height: 860 } });
});

after(async () => {
  if (chromium) await chromium.close();
  if (server) await server.stop();
  if (files) fs.rmSync(files, { recursive: true, force: true });
});

// One participant through the participant service, with its ParticipantToken: transcript, download,
// send a file (StartAttachmentUpload → PUT → CompleteAttachmentUpload).
async function participant(participantToken, { agent = false } = {}) {
  const conn = await cl.expectOk('CreateParticipantConnection', cl.jsonRequest('POST', `${server.url}/participant/connection`,
    { Type: ['CONNECTION_CREDENTIALS'], ConnectParticipant: agent || undefined }, { 'x-amz-bearer': participantToken }));
  const bearer = { 'x-amz-bearer': conn.ConnectionCredentials.ConnectionToken };
  const call = (what, p, body) => cl.expectOk(what, cl.jsonRequest('POST', `${server.url}${p}`, body, bearer));
  return {
    say: (text) => call('SendMessage', '/participant/message', { ContentType: 'text/plain', Content: text }),
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

// The agent side, as the agent console does: agent API accept, then its own connection.
async function agentFor(contactId) {
  const accepted = await cl.agentAccept(server.url, { instance: 'acme', contactId, agentName: 'Alex' });
  return participant(accepted.participantToken, { agent: true });
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
  // The card's second line: the kind and the size (GetAttachment's, asked once the card was on screen).
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /Attachment: rates\.pdf PDF · 2\.9 KB/.test(t)), null,
    { what: 'PDF · 2.9 KB on the card', timeout: 20000 });
  // My own file's card knows its size without asking (49 bytes).
  assert.ok((await page.logEntries(tab)).some((t) => /^You: Attachment: statement\.csv CSV · 49 B/.test(t)), (await page.logEntries(tab)).join('\n'));

  // An agent's picture: a thumbnail drawn on the canvas once on screen, fetched through its signed URL.
  const magenta = [230, 20, 200];
  const photo = png(160, 100, (x, y) => (y < 12 ? [255, 255, 255] : magenta));
  const before = await countColour(tab, await tab.screenshot(), magenta);
  const imageGets = [];
  tab.on('request', (r) => { if (r.method() === 'GET' && /\/attachments\//.test(r.url())) imageGets.push(r.url()); });
  await agent.sendFile('photo.png', 'image/png', photo);
  const alt = await page.waitIn(tab, () => {
    const img = window.__fc.all('[role=log] img')[0];
    return img ? img.alt : null;
  }, null, { what: 'the picture in the mirror', timeout: 30000 });
  assert.equal(alt, 'photo.png');
  let drawn = 0;
  await page.waitIn(tab, () => true);
  for (let i = 0; i < 100 && drawn < 4000; i++) {
    await new Promise((r) => setTimeout(r, 100));
    drawn = await countColour(tab, await tab.screenshot(), magenta);
  }
  assert.ok(drawn >= 4000 && before < 50, `the thumbnail's pixels on the canvas: ${before} before, ${drawn} after`);
  assert.equal(imageGets.length, 1, `one GET of the picture through its signed URL: ${imageGets}`);
  await shot(tab, '05-agent-image-thumbnail');

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

  // Real upload progress: the network slowed to 1 MB/s, a 3 MB file takes a few seconds.
  const cdp = await tab.createCDPSession();
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1 << 20 });
  await tab.evaluate(() => {
    window.__progress = [];
    window.__said = [];
    window.__watch = setInterval(() => {
      const bar = window.__fc.all('.upload progress')[0];
      if (bar && !bar.hidden) window.__progress.push(bar.value);
      const live = window.__fc.all('.upload [role=status]')[0];
      if (live && live.textContent !== window.__said[window.__said.length - 1]) window.__said.push(live.textContent);
    }, 25);
  });
  await pick(tab, 'big-statement.pdf');
  await page.waitIn(tab, () => window.__progress.some((v) => v > 0 && v < 100), null, { what: 'a progress value between 0 and 100', timeout: 20000 });
  await shot(tab, '06-upload-progress');
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /^You: Attachment: big-statement\.pdf PDF · 3 MB/.test(t)), null,
    { what: 'the big file in the log', timeout: 60000 });
  const { progress, said } = await tab.evaluate(() => ({ progress: window.__progress, said: window.__said }));
  const between = [...new Set(progress.filter((v) => v > 0 && v < 100))];
  assert.ok(between.length >= 2, `the bar moved through several values: ${between}`);
  for (let i = 1; i < progress.length; i++) assert.ok(progress[i] >= progress[i - 1] || progress[i] === 0, `never backwards: ${progress}`);
  assert.ok(said.length <= 8, `the status region said it in quarters, not every step: ${JSON.stringify(said)}`);

  // Cancel while it uploads: the PUT is aborted on the wire, and the file never reaches the agent.
  const aborted = new Promise((resolve) => tab.on('requestfailed', (r) => { if (r.method() === 'PUT') resolve(r.failure() && r.failure().errorText); }));
  await tab.evaluate(() => { window.__progress = []; });
  await pick(tab, 'cancel-me.pdf');
  await page.waitIn(tab, () => window.__progress.some((v) => v > 0 && v < 100), null, { what: 'the second upload under way', timeout: 20000 });
  await tab.evaluate(() => window.__fc.buttons(/^cancel$/i)[0].click());
  assert.match(await aborted, /ABORTED/);
  await page.waitIn(tab, () => window.__fc.all('.upload').length === 0, null, { what: 'the cancelled upload gone' });
  await tab.evaluate(() => clearInterval(window.__watch));
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await new Promise((r) => setTimeout(r, 500));
  assert.ok(!(await agent.transcript()).some((i) => i.Type === 'ATTACHMENT' && i.Attachments[0].AttachmentName === 'cancel-me.pdf'),
    'the cancelled file never reaches the agent');

  // The cards at 320 px: a phone.
  await tab.setViewport({ width: 320, height: 640 });
  await new Promise((r) => setTimeout(r, 800));
  await shot(tab, '07-cards-320');
});

test('the agent console sends and receives files through the same widget', { skip, timeout: 120000 }, async () => {
  const { tab } = chromium;
  await tab.setViewport({ width: 1280, height: 860 });
  const ids = await cl.expectOk('chat-token', cl.jsonRequest('POST', `${server.url}/acme/api/chat-token`, { level: 'L1', displayName: 'Dana' }));
  const dana = await participant(ids.participantToken);
  await dana.say('agent please');
  await cl.waitQueued(server.url, 'acme', ids.contactId, 20000);

  await tab.goto(`${server.url}/agent/?instance=acme`, { waitUntil: 'load' });
  const accept = await tab.waitForSelector(`button.accept[data-contact="${ids.contactId}"]`, { timeout: 20000 });
  await accept.click();
  await page.install(tab);
  await page.waitIn(tab, () => { const c = window.__fc.composers()[0]; return c && !c.disabled && window.__fc.visible(c); }, null,
    { what: "the agent's composer", timeout: 30000 });

  // Agent → customer: the console's attach button (the widget's <input type=file>).
  await pick(tab, 'statement.csv');
  const got = await cl.waitFor(async () => (await dana.transcript()).find((i) => i.Type === 'ATTACHMENT' && i.ParticipantRole === 'AGENT'),
    { timeoutMs: 30000, what: "the agent's file at the customer" });
  assert.equal(got.Attachments[0].AttachmentName, 'statement.csv');
  assert.deepEqual(await dana.download(got.Attachments[0].AttachmentId), fs.readFileSync(path.join(files, 'statement.csv')));

  // Customer → agent: a card in the console's chat, with its kind and size, and a named download control.
  await dana.sendFile('receipt.pdf', 'application/pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1500, 0x41)]));
  await page.waitIn(tab, () => window.__fc.logEntries(0).some((t) => /Attachment: receipt\.pdf PDF · 1\.5 KB/.test(t)), null,
    { what: "the customer's file in the console, with its size", timeout: 30000 });
  assert.ok(await tab.evaluate(() => window.__fc.buttons(/^download receipt\.pdf/i).length === 1), 'a download control for it');
  await new Promise((r) => setTimeout(r, 300));
  await shot(tab, '08-agent-console-files');
});
