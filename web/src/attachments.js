// The customer's files in the panel (widget/BRIDGE.md fc_attach, fc_upload, host.uploads,
// host.download). DOM only: the attach button beside the composer (it owns the <input type=file>),
// drag and drop onto the panel, paste of an image into the composer, the list of uploads with real
// buttons (cancel, try again, remove), and saving a download from the signed URL C++ fetched.
// Which files Connect accepts, and every text shown, are C++'s (the core's attachment rules).

// What the file picker offers: Connect's attachment types (finchat/attachments.h). The picker is a
// hint only; C++ checks every file, whichever way it came.
const ACCEPT = '.csv,.doc,.docx,.jpg,.jpeg,.pdf,.png,.ppt,.pptx,.txt,.wav,.xls,.xlsx,.heic,.mov,.mp4,.rtf';
const SVG = 'http://www.w3.org/2000/svg';

function paperclip() {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M16.5 6.5l-8.3 8.3a2 2 0 0 0 2.8 2.8l8.5-8.5a4 4 0 0 0-5.7-5.7L5.3 11.9a6 6 0 0 0 8.5 8.5l7.2-7.2');
  svg.append(path);
  return svg;
}

// `bridge`: {attach(name, type, Uint8Array) → 0 started | 2 refused, upload(id, op), ready()}.
export function createAttachments({ el, S, ta, bridge, emit }) {
  let panel = null, stage = null;
  const input = el('input', { type: 'file', className: 'sr-only', tabIndex: -1, accept: ACCEPT, multiple: true, 'aria-hidden': 'true', 'aria-label': S('attachment.attach') });
  const button = el('button', { type: 'button', className: 'attach', title: S('attachment.attach'), 'aria-label': S('attachment.attach') }, paperclip());
  const list = el('ul', { className: 'uploads', hidden: true, 'aria-label': S('attachment.attach') });
  const rows = new Map();   // uploadId -> {li, text, bar, buttons}

  async function send(files) {
    for (const f of files) {
      if (!f) continue;
      const bytes = new Uint8Array(await f.arrayBuffer());
      bridge.attach(String(f.name || 'file'), String(f.type || ''), bytes);
    }
  }
  button.addEventListener('click', () => { if (bridge.ready()) input.click(); });
  input.addEventListener('change', () => {
    const files = [...(input.files || [])];
    input.value = '';   // the same file can be picked again
    send(files);
    ta.focus({ preventScroll: true });   // back where the customer was typing; the text is untouched
  });
  // Drag and drop onto the window: the panel shows it accepts the drop.
  const hasFiles = (e) => e.dataTransfer && [...(e.dataTransfer.types || [])].includes('Files');
  function attachTo(p, st) {
    panel = p;
    stage = st;
    panel.addEventListener('dragover', (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      panel.classList.add('dropping');
    });
    panel.addEventListener('dragleave', (e) => { if (e.target === stage || !panel.contains(e.relatedTarget)) panel.classList.remove('dropping'); });
    panel.addEventListener('drop', (e) => {
      panel.classList.remove('dropping');
      if (!hasFiles(e)) return;
      e.preventDefault();
      send([...e.dataTransfer.files]);
    });
  }
  // A pasted image (a screenshot) is sent as a file; pasted text goes into the composer as usual.
  ta.addEventListener('paste', (e) => {
    const files = [...((e.clipboardData && e.clipboardData.files) || [])].filter((f) => /^image\//.test(f.type));
    if (!files.length) return;
    e.preventDefault();
    send(files.map((f, i) => (f.name && f.name !== 'image.png' ? f : new File([f], `pasted-image-${Date.now()}${i ? `-${i}` : ''}.png`, { type: f.type }))));
  });

  function actionButton(label, op, id) {
    const b = el('button', { type: 'button', className: 'upload-action' }, label);
    b.addEventListener('click', () => bridge.upload(id, op));
    return b;
  }
  // host.uploads: the whole list, labelled by C++.
  function apply(items) {
    const seen = new Set();
    for (const u of Array.isArray(items) ? items : []) {
      const id = String(u.id);
      seen.add(id);
      let r = rows.get(id);
      if (!r) {
        const name = el('span', { className: 'upload-name', dir: 'auto' });
        const meta = el('span', { className: 'upload-meta' });
        const bar = el('progress', { max: 100, value: 0 });
        const text = el('span', { className: 'upload-state', 'aria-hidden': 'true' });
        // Said aloud: the stage, and the percentage in quarters (not every progress event).
        const live = el('span', { className: 'sr-only', role: 'status' });
        const actions = el('span', { className: 'upload-actions' });
        const li = el('li', { className: 'upload', 'data-id': id }, name, meta, bar, text, live, actions);
        r = { li, name, meta, bar, text, live, actions, sig: '', said: '' };
        rows.set(id, r);
        list.append(li);
      }
      const sig = JSON.stringify(u);
      if (r.sig === sig) continue;
      r.sig = sig;
      r.li.dataset.stage = String(u.stage || '');
      r.name.textContent = String(u.name || '');
      r.meta.textContent = ` · ${String(u.sizeText || '')}`;
      const percent = Math.max(0, Math.min(100, Number(u.percent) || 0));
      r.bar.hidden = u.stage === 'failed';
      r.bar.value = percent;
      r.bar.setAttribute('aria-label', String(u.name || ''));
      r.bar.setAttribute('aria-valuetext', String(u.label || ''));
      r.text.textContent = String(u.label || '');
      const step = `${u.stage} ${u.stage === 'uploading' ? Math.floor(percent / 25) : ''}`;
      if (r.said !== step) {
        r.said = step;
        r.live.textContent = String(u.label || '');
      }
      r.li.classList.toggle('failed', u.stage === 'failed');
      const active = r.li.getRootNode().activeElement;
      const had = !!active && r.actions.contains(active);   // keep keyboard focus in the row it was in
      r.actions.replaceChildren(...[
        u.canCancel && actionButton(String(u.cancelLabel), 0, id),
        u.canRetry && actionButton(String(u.retryLabel), 1, id),
        u.canRemove && actionButton(String(u.removeLabel), 2, id),
      ].filter(Boolean));
      if (had && r.actions.firstChild) r.actions.firstChild.focus({ preventScroll: true });
    }
    for (const [id, r] of rows) {
      if (seen.has(id)) continue;
      const focusWasHere = r.li.getRootNode().activeElement && r.li.contains(r.li.getRootNode().activeElement);
      r.li.remove();
      rows.delete(id);
      if (focusWasHere) ta.focus({ preventScroll: true });
    }
    list.hidden = rows.size === 0;
  }

  // host.download: the signed URL of an attachment; fetched here and saved under its name.
  function download(url, name) {
    fetch(url, { credentials: 'omit', cache: 'no-store', redirect: 'error' }).then((res) => {
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.blob();
    }).then((blob) => {
      const href = URL.createObjectURL(blob);
      const a = el('a', { href, download: String(name || 'attachment'), hidden: true });
      panel.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
    }).catch(() => emit('error', { code: 'download', message: S('attachment.error.download') }));
  }

  // host.thumbnail: an image attachment from its signed URL, decoded by the browser
  // (createImageBitmap) and scaled to fit maxW x maxH, as RGBA pixels for C++.
  async function thumbnail(url, maxW, maxH) {
    const res = await fetch(url, { credentials: 'omit', cache: 'no-store', redirect: 'error' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const bitmap = await createImageBitmap(await res.blob());
    try {
      const scale = Math.min(1, maxW / bitmap.width, maxH / bitmap.height);
      const w = Math.max(1, Math.round(bitmap.width * scale)), h = Math.max(1, Math.round(bitmap.height * scale));
      const c = el('canvas', { width: w, height: h });
      const ctx = c.getContext('2d');
      ctx.drawImage(bitmap, 0, 0, w, h);
      return { w, h, data: new Uint8Array(ctx.getImageData(0, 0, w, h).data.buffer) };
    } finally {
      bitmap.close();
    }
  }

  // Beside the composer: the button sits in the composer's first 44 px (its right end in a
  // right-to-left panel), the text starts after it.
  function place(cp, taTop, taHeight) {
    const visible = cp && cp.w > 0 && cp.h > 0;
    button.hidden = !visible;
    if (!visible) return;
    button.style.left = `${getComputedStyle(button).direction === 'rtl' ? cp.x + cp.w - 40 : cp.x + 4}px`;
    button.style.top = `${taTop + taHeight - 40}px`;
    button.disabled = cp.enabled === false;
    list.style.left = `${cp.x}px`;
    list.style.width = `${cp.w}px`;
    list.style.bottom = `calc(100% - ${taTop}px + 6px)`;
  }

  return { input, button, list, apply, download, thumbnail, place, attachTo };
}
