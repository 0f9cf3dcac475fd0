// The browser scenario: start a chat, connect, send plain + markdown, receive the echo agent's replies,
// typing, transcript, disconnect, ended. Facts go to window.__results (asserted by the Node test) and
// to #log; window.__done = true at the end, window.__error on the first failure.
(async function () {
  const params = new URLSearchParams(location.search);
  const emu = params.get('emu');
  const TYPING = 'application/vnd.amazonaws.connect.event.typing';
  const ENDED = 'application/vnd.amazonaws.connect.event.chat.ended';
  const LEFT = 'application/vnd.amazonaws.connect.event.participant.left';
  const R = (window.__results = { origin: location.origin, emu, steps: [] });
  const logEl = document.getElementById('log');
  const log = (line) => { logEl.textContent += line + '\n'; };
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  async function until(what, fn, timeoutMs = 8000) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = fn();
      if (v) return v;
      if (Date.now() > end) throw new Error('timed out waiting for ' + what);
      await sleep(25);
    }
  }
  async function step(name, fn) {
    const t0 = Date.now();
    const value = await fn();
    R.steps.push({ name, ms: Date.now() - t0 });
    log('ok   ' + name);
    return value;
  }
  const subscribed = () => window.__frames.some((s) => s.closeCode === null && s.frames.some((f) =>
    f.dir === 'in' && f.frame && f.frame.topic === 'aws/subscribe' && f.frame.content && f.frame.content.status === 'success'));

  try {
    connect.ChatSession.setGlobalConfig({ region: 'us-east-1', endpoint: emu, loggerConfig: { useDefaultLogger: false } });
    const start = await step('StartChatContact (cross-origin fetch)', async () => {
      const res = await fetch(emu + '/contact/chat', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ InstanceId: 'finaptic', ContactFlowId: 'finaptic-l2', ParticipantDetails: { DisplayName: 'Dana' },
          SupportedMessagingContentTypes: ['text/plain', 'text/markdown'] }),
      });
      if (res.status !== 200) throw new Error('StartChatContact HTTP ' + res.status + ' ' + (await res.text()));
      return res.json();
    });
    R.contactId = start.ContactId;
    R.participantId = start.ParticipantId;

    const s = connect.ChatSession.create({
      chatDetails: { contactId: start.ContactId, participantId: start.ParticipantId, participantToken: start.ParticipantToken },
      options: { region: 'us-east-1' }, type: 'CUSTOMER', disableCSM: true,
    });
    const messages = (R.messages = []);
    const typing = (R.typing = []);
    R.established = [];
    R.ended = 0;
    R.lost = 0;
    R.broken = 0;
    s.onMessage((e) => messages.push(e.data));
    s.onTyping((e) => typing.push(e.data));
    s.onConnectionEstablished((e) => R.established.push(e.data === undefined ? 'connect' : 'socket'));
    s.onConnectionLost(() => { R.lost++; });
    s.onConnectionBroken(() => { R.broken++; });
    s.onEnded(() => { R.ended++; });

    await step('connect', async () => {
      await s.connect();
      await until('websocket subscribed', subscribed);
    });
    R.websocketUrl = window.__frames[0] && window.__frames[0].url;

    const plain = await step('send text/plain', () => s.sendMessage({ contentType: 'text/plain', message: 'hello from Chromium' }));
    R.plainId = plain.data.Id;
    await step('own echo (plain)', () => until('echo', () => messages.find((m) => m.Id === plain.data.Id)));
    R.plainReply = (await step('echo agent reply (plain)', () =>
      until('agent reply', () => messages.find((m) => m.ParticipantRole === 'AGENT' && m.Content === 'echo: hello from Chromium')))).Content;

    const md = await step('send text/markdown', () => s.sendMessage({ contentType: 'text/markdown', message: '**bold** and _italic_' }));
    R.markdownEcho = await step('own echo (markdown)', () => until('echo', () => messages.find((m) => m.Id === md.data.Id)));
    R.markdownReply = (await step('echo agent reply (markdown)', () =>
      until('agent reply', () => messages.find((m) => m.ParticipantRole === 'AGENT' && m.Content === 'echo: **bold** and _italic_')))).Content;

    await step('typing', async () => {
      await s.sendEvent({ contentType: TYPING });
      await until('typing echo', () => typing.find((t) => t.ParticipantId === start.ParticipantId));
    });

    // Attachment: StartAttachmentUpload, cross-origin PUT to the presigned URL (preflighted: it carries
    // Content-Type from HeadersToInclude), CompleteAttachmentUpload, then GetAttachment + cross-origin GET.
    await step('sendAttachment', async () => {
      await s.sendAttachment({ attachment: new File(['browser attachment\n'], 'note.txt', { type: 'text/plain' }) });
      R.attachment = (await until('ATTACHMENT item', () => messages.find((m) => m.Type === 'ATTACHMENT'))).Attachments[0];
    });
    R.downloaded = await step('downloadAttachment', async () => (await s.downloadAttachment({ attachmentId: R.attachment.AttachmentId })).text());

    R.transcript = (await step('getTranscript', () => s.getTranscript({ maxResults: 15, scanDirection: 'BACKWARD', sortOrder: 'ASCENDING' }))).data.Transcript
      .map((i) => ({ Id: i.Id, Type: i.Type, ContentType: i.ContentType, Content: i.Content, ParticipantRole: i.ParticipantRole, DisplayName: i.DisplayName }));

    await step('disconnect', () => s.disconnectParticipant());
    await step('ended', () => until('onEnded', () => R.ended > 0));
    R.endSequence = messages.filter((m) => m.ContentType === LEFT || m.ContentType === ENDED).map((m) => m.ContentType.split('.').slice(-2).join('.'));
    R.frames = window.__frames.map((s) => ({ url: s.url, closeCode: s.closeCode, topics: s.frames.map((f) => f.dir + ':' + (f.frame && f.frame.topic)) }));
    log('done');
  } catch (e) {
    window.__error = String(e && (e.stack || e.message) || JSON.stringify(e));
    try { window.__error += ' ' + JSON.stringify(e); } catch (_) { /* ignore */ }
    log('FAIL ' + window.__error);
  }
  window.__done = true;
})();
