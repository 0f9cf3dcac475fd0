// widget/platform/browser_platform.js: the JS half of browser_platform.cpp (emscripten --js-library).
// Each module instance (MODULARIZE) has its own tables. Results go back into wasm through the
// exported finchat_browser_* functions, always from a later event-loop turn (fetch and WebSocket
// events are asynchronous; synchronous failures are deferred with setTimeout). No eval, no embind.
// The host may hand the module its own implementations (the headless SDK in Node does):
// Module['WebSocket'] (a WHATWG-style constructor, e.g. the `ws` package), Module['storage'] (an
// object with getItem/setItem/removeItem; null: nothing kept) and Module['crypto'] (getRandomValues).
// Without them the page's WebSocket, window.sessionStorage and crypto are used.
mergeInto(LibraryManager.library, {
  $FinchatBrowser: {
    storage: function() {
      return Module['storage'] !== undefined ? Module['storage'] : window.sessionStorage;
    },
    fetches: {},   // handle -> a function that stops that request (XHR abort / AbortController)
    sockets: {},   // handle -> WebSocket
    timers: {},    // handle -> setTimeout id
    // Copies a JS string into a fresh malloc'd NUL-terminated UTF-8 buffer (caller frees).
    allocString: function(s) {
      var n = lengthBytesUTF8(s) + 1;
      var p = _malloc(n);
      stringToUTF8(s, p, n);
      return p;
    },
    // Copies bytes into a fresh malloc'd buffer (with a trailing NUL); returns the pointer.
    allocBytes: function(bytes) {
      var p = _malloc(bytes.length + 1);
      HEAPU8.set(bytes, p);
      HEAPU8[p + bytes.length] = 0;
      return p;
    },
  },

  // One request. `progress`: the caller wants upload progress (an attachment's PUT): where the host has
  // XMLHttpRequest (browsers) the request goes through it for upload.onprogress, reported with
  // finchat_browser_fetch_progress(handle, sent, total); elsewhere (Node) through fetch, without.
  // Either way one answer comes back through finchat_browser_fetch_done, and finchat_js_fetch_abort
  // stops the request (the answer is then a network error "aborted").
  finchat_js_fetch__deps: ['$FinchatBrowser'],
  finchat_js_fetch: function(handle, method, url, headersFlat, body, bodyLen, progress) {
    var m = UTF8ToString(method);
    var u = UTF8ToString(url);
    var flat = UTF8ToString(headersFlat).split('\n');
    var headers = [];
    for (var i = 0; i + 1 < flat.length; i += 2) headers.push([flat[i], flat[i + 1]]);
    var payload = bodyLen > 0 && m !== 'GET' && m !== 'HEAD' ? HEAPU8.slice(body, body + bodyLen) : null;
    var answered = false;
    function finish(status, headerText, bytes, error) {
      if (answered) return;
      answered = true;
      delete FinchatBrowser.fetches[handle];
      var hp = FinchatBrowser.allocString(headerText);
      var bp = bytes ? FinchatBrowser.allocBytes(bytes) : 0;
      var ep = error !== null ? FinchatBrowser.allocString(error) : 0;
      try {
        _finchat_browser_fetch_done(handle, status, hp, bp, bytes ? bytes.length : 0, ep);
      } finally {
        _free(hp);
        if (bp) _free(bp);
        if (ep) _free(ep);
      }
    }
    if (progress && typeof XMLHttpRequest !== 'undefined') {
      var xhr = new XMLHttpRequest();
      FinchatBrowser.fetches[handle] = function() { xhr.abort(); };
      xhr.upload.onprogress = function(ev) {
        if (!answered && ev.lengthComputable) _finchat_browser_fetch_progress(handle, ev.loaded, ev.total);
      };
      xhr.onload = function() {
        var text = '';
        String(xhr.getAllResponseHeaders() || '').trim().split(/[\r\n]+/).forEach(function(line) {
          var at = line.indexOf(':');
          if (at > 0) text += line.slice(0, at).trim().toLowerCase() + '\n' + line.slice(at + 1).trim() + '\n';
        });
        finish(xhr.status, text, new Uint8Array(xhr.response || new ArrayBuffer(0)), null);
      };
      xhr.onerror = function() { finish(0, '', null, 'network error'); };
      // abort() fires this synchronously, inside the core's cancel: answer on a later turn.
      xhr.onabort = function() { setTimeout(function() { finish(0, '', null, 'aborted'); }, 0); };
      xhr.ontimeout = xhr.onerror;
      try {   // a bad URL or header value throws: still answered on a later turn
        xhr.open(m, u);
        xhr.responseType = 'arraybuffer';
        for (var h = 0; h < headers.length; h++) xhr.setRequestHeader(headers[h][0], headers[h][1]);
        xhr.send(payload);
      } catch (e) {
        setTimeout(function() { finish(0, '', null, String((e && e.message) || e)); }, 0);
      }
      return;
    }
    var controller = typeof AbortController !== 'undefined' ? new AbortController() : null;
    var init = { method: m, headers: headers, credentials: 'omit', cache: 'no-store', redirect: 'error' };
    if (payload) init.body = payload;
    if (controller) {
      init.signal = controller.signal;
      FinchatBrowser.fetches[handle] = function() { controller.abort(); };
    }
    var p;
    try {
      p = fetch(u, init);
    } catch (e) {
      p = Promise.reject(e);   // still answered on a later turn
    }
    p.then(function(res) {
      return res.arrayBuffer().then(function(buf) {
        var text = '';
        res.headers.forEach(function(value, name) { text += name.toLowerCase() + '\n' + value + '\n'; });
        finish(res.status, text, new Uint8Array(buf), null);
      });
    }).catch(function(e) {
      finish(0, '', null, String((e && e.message) || e || 'network error'));
    });
  },

  finchat_js_fetch_abort__deps: ['$FinchatBrowser'],
  finchat_js_fetch_abort: function(handle) {
    var stop = FinchatBrowser.fetches[handle];
    if (stop) stop();
  },

  finchat_js_ws_open__deps: ['$FinchatBrowser'],
  finchat_js_ws_open: function(handle, url) {
    var u = UTF8ToString(url);
    var ws;
    try {
      ws = new (Module['WebSocket'] || WebSocket)(u);
    } catch (e) {
      setTimeout(function() { _finchat_browser_ws_close(handle, 1006); }, 0);
      return;
    }
    FinchatBrowser.sockets[handle] = ws;
    ws.onopen = function() { _finchat_browser_ws_open(handle); };
    ws.onmessage = function(ev) {
      if (typeof ev.data !== 'string') return;   // the gateway sends text frames only
      var n = lengthBytesUTF8(ev.data);
      var p = _malloc(n + 1);
      stringToUTF8(ev.data, p, n + 1);
      try { _finchat_browser_ws_message(handle, p, n); } finally { _free(p); }
    };
    ws.onclose = function(ev) {
      delete FinchatBrowser.sockets[handle];
      _finchat_browser_ws_close(handle, ev.code || 1006);
    };
  },

  finchat_js_ws_send__deps: ['$FinchatBrowser'],
  finchat_js_ws_send: function(handle, text, len) {
    var ws = FinchatBrowser.sockets[handle];
    if (ws && ws.readyState === 1) ws.send(UTF8ToString(text, len));
  },

  finchat_js_ws_close__deps: ['$FinchatBrowser'],
  finchat_js_ws_close: function(handle, code) {
    var ws = FinchatBrowser.sockets[handle];
    if (!ws) return;
    // Browsers only allow 1000 or 3000-4999 from script; anything else closes as 1000.
    var c = (code === 1000 || (code >= 3000 && code <= 4999)) ? code : 1000;
    try { ws.close(c); } catch (e) { ws.close(); }
  },

  finchat_js_ws_forget__deps: ['$FinchatBrowser'],
  finchat_js_ws_forget: function(handle) {
    var ws = FinchatBrowser.sockets[handle];
    if (!ws) return;
    delete FinchatBrowser.sockets[handle];
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try { ws.close(1000); } catch (e) {}
  },

  finchat_js_now: function() { return Date.now(); },

  finchat_js_timer_set__deps: ['$FinchatBrowser'],
  finchat_js_timer_set: function(handle, delayMs) {
    var d = Math.min(Math.max(0, delayMs), 2147483647);
    FinchatBrowser.timers[handle] = setTimeout(function() {
      delete FinchatBrowser.timers[handle];
      _finchat_browser_timer_fire(handle);
    }, d);
  },

  finchat_js_timer_clear__deps: ['$FinchatBrowser'],
  finchat_js_timer_clear: function(handle) {
    var t = FinchatBrowser.timers[handle];
    if (t !== undefined) { clearTimeout(t); delete FinchatBrowser.timers[handle]; }
  },

  finchat_js_random: function() {
    var a = new Uint32Array(1);
    (Module['crypto'] || crypto).getRandomValues(a);
    return a[0] | 0;
  },

  // window.sessionStorage, not the bare global: Closure's externs (--closure 1) only declare the former.
  finchat_js_storage_get__deps: ['$FinchatBrowser'],
  finchat_js_storage_get: function(key) {
    try {
      var v = FinchatBrowser.storage().getItem(UTF8ToString(key));
      if (v === undefined) v = null;
      return v === null ? 0 : FinchatBrowser.allocString(v);
    } catch (e) {
      return 0;
    }
  },
  finchat_js_storage_set__deps: ['$FinchatBrowser'],
  finchat_js_storage_set: function(key, value) {
    try { FinchatBrowser.storage().setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
  },
  finchat_js_storage_remove__deps: ['$FinchatBrowser'],
  finchat_js_storage_remove: function(key) {
    try { FinchatBrowser.storage().removeItem(UTF8ToString(key)); } catch (e) {}
  },

  // The PII detector (browser_pii.cpp): its own wasm, loaded by the shim when the core asks
  // (web/src/pii-module.js) and set here as Module['piiDetector'] before fc_pii_ready/fh_pii_ready.
  finchat_js_pii_ready: function() { return Module['piiDetector'] ? 1 : 0; },
  // The matches of the UTF-8 text [text, text+len) as a malloc'd int32 array (the caller frees it):
  // count, then count quads (type, begin, end, score * 10000). 0 if the detector failed: it is dropped
  // (ready() is false again, and the shim loads a fresh one the next time the core asks).
  finchat_js_pii_detect: function(text, len) {
    var q;
    try {
      q = Module['piiDetector']['detect'](HEAPU8.subarray(text, text + len));
    } catch (e) {
      Module['piiDetector'] = null;
      console.error('finaptic-chat: the PII detector failed: ' + e);
      return 0;
    }
    var p = _malloc(4 * (q.length + 1));
    if (!p) return 0;
    HEAP32[p >> 2] = q.length >> 2;
    HEAP32.set(q, (p >> 2) + 1);
    return p;
  },
});
