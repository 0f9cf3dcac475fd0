// Records websocket frames for the scenario (the browser's WebSocket, observed, not changed).
(function () {
  const Native = window.WebSocket;
  window.__frames = [];
  class RecordingWebSocket extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      const index = window.__frames.length;
      const rec = { url: String(url), frames: [], closeCode: null };
      window.__frames.push(rec);
      this.addEventListener('message', (e) => {
        let f = e.data;
        try { f = JSON.parse(e.data); } catch (_) { /* keep text */ }
        rec.frames.push({ t: Date.now(), dir: 'in', frame: f });
      });
      this.addEventListener('close', (e) => { rec.closeCode = e.code; });
      this.__index = index;
    }
    send(data) {
      let f = data;
      try { f = JSON.parse(data); } catch (_) { /* keep text */ }
      window.__frames[this.__index].frames.push({ t: Date.now(), dir: 'out', frame: f });
      return super.send(data);
    }
  }
  window.WebSocket = RecordingWebSocket;
})();
