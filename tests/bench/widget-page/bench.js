// The widget inline and open, with a token provider that never answers: the window stays in
// "Connecting…" with no network traffic, so the benchmark measures drawing only. Served over the bench
// build of the widget (tests/bench/widget_frames.js: connect-local --widget build/wasm/dist-bench).
import FinapticChat from '/finaptic-chat/finaptic-chat.js';

const handle = FinapticChat.mount(document.getElementById('chat'), {
  display: 'inline',
  launcher: 'none',
  storageKey: 'bench',
  locale: new URLSearchParams(location.search).get('locale') || undefined,   // ?locale=ar: the mirrored window
  tokenProvider: () => new Promise(() => {}),
});
// The sample texts and templates fc_bench fills the view with (BRIDGE.md fc_bench): the page's, not
// the widget's. window.bench(kind, n, set) passes samples.json's `set` (latin, mixed, tpl) along.
const samples = await (await fetch('samples.json')).json();
window.bench = (kind, n, set) => handle._bench(kind, n, set ? JSON.stringify(samples[set]) : '');
// handle._bench exists only over the bench build of the widget (build/wasm/dist-bench: it exports
// fc_bench; the shipped dist does not): said plainly instead of a TypeError later.
handle.on('ready', () => {
  window.benchReady = typeof handle._bench === 'function' ||
    'the widget has no fc_bench: serve build/wasm/dist-bench (cmake --build build/wasm --target finaptic_chat_dist_bench)';
});
window.benchHandle = handle;
