// The widget inline and open, with a token provider that never answers: the window stays in
// "Connecting…" with no network traffic, so the benchmark measures drawing only.
import FinapticChat from '/finaptic-chat/finaptic-chat.js';

const handle = FinapticChat.mount(document.getElementById('chat'), {
  display: 'inline',
  launcher: 'none',
  storageKey: 'bench',
  locale: new URLSearchParams(location.search).get('locale') || undefined,   // ?locale=ar: the mirrored window
  tokenProvider: () => new Promise(() => {}),
});
handle.on('ready', () => { window.benchReady = true; });
window.benchHandle = handle;
