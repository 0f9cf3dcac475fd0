// The PII detector, loaded on demand: finaptic-chat-pii.wasm (widget/pii/pii_module.cpp, a standalone
// wasm with a small C ABI) and the name table pii-names.bin, both next to the shim. The widget's and
// the headless SDK's wasm carry no scanners (cmake/wasm_size.cmake): when a conversation first needs
// the guard the core asks (host.pii(): Conversation's PiiWanted), the shim loads this module once per
// page or process, gives it to the main module as Module.piiDetector (read by
// widget/platform/browser_platform.js) and calls fc_pii_ready / fh_pii_ready. Shared by web/src/ui.js
// and web/src/headless.js (each reads files its own way).

export const PII_WASM = 'finaptic-chat-pii.wasm';
export const PII_NAMES = 'pii-names.bin';

// Imports of a standalone emscripten wasm: growing memory needs no notice here (views are made
// afresh on every call); anything else it could import is a trap inside the detector (abort/exit).
function stubImports(module) {
  const imports = {};
  for (const i of WebAssembly.Module.imports(module)) {
    if (i.kind !== 'function') continue;
    imports[i.module] = imports[i.module] || {};
    imports[i.module][i.name] = i.name === 'emscripten_notify_memory_growth' ? () => {}
      : () => { throw new Error(`finaptic-chat-pii.wasm stopped (${i.name})`); };
  }
  return imports;
}

// A detector over an instantiated module: detect(utf8Bytes) -> Int32Array of quads (type, begin,
// end, score * 10000), the matches of finchat::detectPii with byte offsets.
export function piiDetector(instance, names) {
  const x = instance.exports;
  if (typeof x._initialize === 'function') x._initialize();   // its constructors (a reactor module)
  const copyIn = (bytes) => {
    const p = x.fp_alloc(bytes.length);
    if (!p) throw new Error('finaptic-chat-pii.wasm: out of memory');
    new Uint8Array(x.memory.buffer, p, bytes.length).set(bytes);
    return p;
  };
  let namesLoaded = false;
  if (names && names.length) {
    const p = copyIn(names);
    try { namesLoaded = x.fp_names(p, names.length) === 1; } finally { x.fp_free(p); }
  }
  const d = {
    namesLoaded,
    failed: false,   // it threw (a trap leaves its memory in an unknown state): the loader makes a new one
    detect(bytes) {
      if (!bytes.length) return new Int32Array(0);
      try {
        const p = copyIn(bytes);
        let n;
        try { n = x.fp_detect(p, bytes.length); } finally { x.fp_free(p); }
        if (n < 0) throw new Error('finaptic-chat-pii.wasm: out of memory');
        return new Int32Array(x.memory.buffer, x.fp_results(), n * 4).slice();
      } catch (e) {
        d.failed = true;
        throw e;
      }
    },
  };
  return d;
}

async function load(read) {
  // The name table is an improvement, not a requirement: without it NAME is found by its cues alone
  // (as before it arrives), so only the detector's own failure fails the load.
  const [code, names] = await Promise.all([read(PII_WASM), read(PII_NAMES).catch(() => null)]);
  const module = await WebAssembly.compile(code);
  const instance = await WebAssembly.instantiate(module, stubImports(module));
  return piiDetector(instance, names && new Uint8Array(names));
}

// loader(read): a function that returns the page's detector, loading it on the first call.
// `read(name)` resolves the bytes (ArrayBuffer or a Uint8Array) of a file next to the shim. A failed
// load is forgotten, so the next call (the next send) tries again; so is a detector that failed.
// loader.loaded(): the detector if it is here already (a later chat of the page gets it at once, so
// its first message need not wait), else null.
export function piiLoader(read) {
  let loading = null, loaded = null;
  const loader = () => {
    if (loaded && loaded.failed) loading = loaded = null;
    if (!loading) {
      const p = load(read);
      loading = p;
      p.then((d) => { if (loading === p) loaded = d; }, () => { if (loading === p) loading = null; });
    }
    return loading;
  };
  loader.loaded = () => (loaded && !loaded.failed ? loaded : null);
  return loader;
}

// One conversation's side of the loader, the same for the widget (ui.js) and the headless SDK
// (headless.js): feed(wanted) starts a load unless this conversation has its detector or one is on
// its way. `current()` is the conversation's module now, null once it is destroyed (a load that ends
// after that does nothing). On arrival the detector becomes Module.piiDetector (read by
// widget/platform/browser_platform.js) and ready(m) calls fc_pii_ready / fh_pii_ready, which sends
// what waited. A failed load is reported, failed(m, message) (fc_pii_failed / fh_pii_failed: the
// notice and the `error` event, code "pii"), only when a message waits: `wanted` is true when the core
// asked (host.pii) and false for a prefetch (the composer's first input), whose failure stays silent
// until a send needs the guard. The next feed() tries again (piiLoader forgot the failure); so does
// the next one after the detector failed (browser_platform.js drops it: Module.piiDetector is null).
export function piiFeed(loader, current, ready, failed) {
  let loading = false, wanted = false;
  return (want) => {
    wanted ||= want;
    const m = current();
    if (!m || m.piiDetector || loading) return;
    loading = true;
    loader().then((d) => {
      loading = false;
      if (current() !== m) return;
      wanted = false;
      m.piiDetector = d;
      ready(m);
    }, (e) => {
      loading = false;
      if (current() !== m || !wanted) return;
      wanted = false;
      failed(m, String((e && e.message) || e || 'failed'));
    });
  };
}
