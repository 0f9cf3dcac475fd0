// finaptic-chat.js: the ES module entry. `import FinapticChat from '.../finaptic-chat.js'` or
// `<script type="module" src=".../finaptic-chat.js">` (which also defines <finaptic-chat>).
import { mount, EVENTS } from './core.js';
import { define, FinapticChatElement } from './element.js';

define();
const FinapticChat = { mount, events: EVENTS, version: __FC_VERSION__ };
export default FinapticChat;
export { mount, EVENTS as events, FinapticChatElement };
