// widget/headless/host.js: the C++ → SDK half of the headless entry's bridge (emscripten
// --js-library). Each module instance has its own Module['host'], the object web/src/headless.js
// passed to the factory; C++ strings are decoded here so the SDK only ever sees JS values.
mergeInto(LibraryManager.library, {
  fh_js_request_token: function(id, level, reason, transcript) {
    Module['host']['requestToken'](id, UTF8ToString(level), UTF8ToString(reason), UTF8ToString(transcript));
  },
  fh_js_call_data: function(id, name, args) {
    Module['host']['callData'](id, UTF8ToString(name), UTF8ToString(args));
  },
  fh_js_event: function(name, json) { Module['host']['event'](UTF8ToString(name), UTF8ToString(json)); },
  fh_js_link: function(id, json) { Module['host']['link'](id, UTF8ToString(json)); },
  fh_js_pii: function() { Module['host']['pii'](); },
});
