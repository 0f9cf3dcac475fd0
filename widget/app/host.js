// widget/app/host.js: the C++ → shim half of the bridge (emscripten --js-library; see
// widget/BRIDGE.md). Each module instance has its own `Module.host`, the object the shim passed to
// createFinapticWidget(); C++ strings are decoded here so the shim only ever sees JS values.
// No eval, no globals: everything goes through this instance's Module.
mergeInto(LibraryManager.library, {
  fc_js_bind_canvas__deps: ['$specialHTMLTargets'],
  fc_js_bind_canvas: function() {
    // html5.h looks targets up with document.querySelector, which cannot see into shadow roots and
    // would mix up two widgets: "!canvas" names this instance's own element instead.
    specialHTMLTargets['!canvas'] = Module['canvas'];
  },
  fc_js_request_token: function(id, level, reason, transcript) {
    Module['host']['requestToken'](id, UTF8ToString(level), UTF8ToString(reason), UTF8ToString(transcript));
  },
  fc_js_call_data: function(id, name, args) {
    Module['host']['callData'](id, UTF8ToString(name), UTF8ToString(args));
  },
  fc_js_messages: function(json) { Module['host']['messages'](UTF8ToString(json)); },
  fc_js_controls: function(json) { Module['host']['controls'](UTF8ToString(json)); },
  fc_js_status: function(text, kind) { Module['host']['status'](UTF8ToString(text), UTF8ToString(kind)); },
  fc_js_event: function(name, json) { Module['host']['event'](UTF8ToString(name), UTF8ToString(json)); },
  fc_js_open_url: function(url) { Module['host']['openUrl'](UTF8ToString(url)); },
  fc_js_copy: function(text) { Module['host']['copy'](UTF8ToString(text)); },
  fc_js_cursor: function(name) { Module['host']['cursor'](UTF8ToString(name)); },
  fc_js_load_image: function(id, url) {
    // An older shim without template images: the views keep their placeholders.
    if (Module['host']['loadImage']) Module['host']['loadImage'](id, UTF8ToString(url));
  },
  fc_js_timezone_offset: function(ms) { return -new Date(ms).getTimezoneOffset(); },
  // The local calendar day of an instant by the browser's zone rules (daylight saving included), as
  // days since 1970-01-01; the same zone Intl.DateTimeFormat formats in.
  fc_js_local_day: function(ms) {
    var d = new Date(ms);
    return Math.floor(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 864e5);
  },
  // host.formatDate's text into buf (at most cap bytes with the terminator): its length, or 0 when
  // the shim cannot format (an older shim without it, or nothing came back).
  fc_js_format_date: function(what, value, buf, cap) {
    var f = Module['host']['formatDate'];
    var text = typeof f === 'function' ? String(f(what, value) || '') : '';
    return text ? stringToUTF8(text, buf, cap) : 0;
  },
  fc_js_uploads: function(json) { Module['host']['uploads'](UTF8ToString(json)); },
  fc_js_download: function(url, name) { Module['host']['download'](UTF8ToString(url), UTF8ToString(name)); },
  fc_js_thumbnail: function(id, url, maxW, maxH) {
    // An older shim without thumbnails: the attachment keeps its placeholder.
    if (Module['host']['thumbnail']) Module['host']['thumbnail'](id, UTF8ToString(url), maxW, maxH);
  },
  fc_js_pii: function() { Module['host']['pii'](); },
});
