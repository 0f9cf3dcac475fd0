// finaptic-chat.classic.js: the same entry for a classic <script src>. Defines <finaptic-chat> and
// one global, window.FinapticChat (nothing else leaks: the bundle is an IIFE).
import { mount, EVENTS } from './core.js';
import { define } from './element.js';

define();
window.FinapticChat = { mount, events: EVENTS, version: __FC_VERSION__ };
