// Type declarations of the finaptic-chat shim's public API (web/README.md has the guide).
//
//   import FinapticChat from './finaptic-chat.js';
//   const chat = FinapticChat.mount(document.body, { tokenProvider });
//
// or <script src="finaptic-chat.classic.js"> → window.FinapticChat, or the <finaptic-chat> element.

/** What the widget asks the partner backend for: a first-line chat (L1) or an escalation (L2). */
export interface TokenRequest {
  /** "L1" for a new chat, "L2" for an escalation to a Finaptic specialist. */
  level: 'L1' | 'L2' | string;
  /** Why the customer is escalated ("" for L1). */
  reason: string;
  /** The L1 conversation, PII-redacted in the browser, for the escalation record (empty for L1). */
  transcript: TranscriptItem[];
}

export interface TranscriptItem {
  displayName?: string;
  role?: string;
  time?: string;
  text?: string;
  [key: string]: unknown;
}

/** The partner backend's answer (StartChatContact's, or the Finaptic Support API's). */
export interface ChatDetails {
  participantToken: string;
  participantId: string;
  contactId: string;
  /** Participant-service base URL; default: Amazon Connect's for `region`. */
  endpoint?: string;
  region?: string;
  displayName?: string;
  [key: string]: unknown;
}

export type TokenProvider = (request: TokenRequest) => Promise<ChatDetails> | ChatDetails;

/** Client-side data for templates' "$API:Name(arg=value)" placeholders; results never leave the browser. */
export type DataProvider = Record<string, (args: Record<string, string>) => Promise<unknown> | unknown>;

/** A brand theme (themes/README.md): every key optional. */
export interface Theme {
  colors?: Partial<Record<
    'accent' | 'onAccent' | 'background' | 'surface' | 'text' | 'mutedText' | 'border' | 'customerBubble' |
    'customerText' | 'agentBubble' | 'agentText' | 'botBubble' | 'botText' | 'systemText' | 'danger' | 'onDanger' |
    'focusRing' | 'link', string>>;
  radii?: { window?: number; bubble?: number; button?: number };
  fontSizePx?: number;
  /** CSS font families tried first for the window's text and the composer (fonts the page has; none is downloaded). Default: the system's UI font. */
  fontFamily?: string;
  partnerName?: string;
  /** Header logo (same origin, or served with CORS); resolved against the theme file's URL. */
  logoUrl?: string;
  launcherPosition?: 'bottom-right' | 'bottom-left';
  [key: string]: unknown;
}

/** Amazon Comprehend's PII entity types, as the client's detector reports them. */
export type PiiEntityType =
  | 'CREDIT_DEBIT_NUMBER'
  | 'CREDIT_DEBIT_CVV'
  | 'CREDIT_DEBIT_EXPIRY'
  | 'BANK_ACCOUNT_NUMBER'
  | 'BANK_ROUTING'
  | 'INTERNATIONAL_BANK_ACCOUNT_NUMBER'
  | 'SWIFT_CODE'
  | 'SSN'
  | 'PIN'
  | 'EMAIL'
  | 'PHONE'
  | 'NAME'
  | 'ADDRESS'
  | 'DATE_TIME'
  | 'AGE'
  | 'USERNAME'
  | 'PASSWORD'
  | 'URL'
  | 'IP_ADDRESS'
  | 'MAC_ADDRESS'
  | 'DRIVER_ID'
  | 'PASSPORT_NUMBER'
  | 'US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER'
  | 'UK_NATIONAL_INSURANCE_NUMBER'
  | 'CA_SOCIAL_INSURANCE_NUMBER'
  | 'UK_NATIONAL_HEALTH_SERVICE_NUMBER'
  | 'AWS_ACCESS_KEY'
  | 'AWS_SECRET_KEY';

/** What the client does with one entity type before a message leaves: sent as typed, masked
 * ("•••• 1111"), or the customer is asked first. */
export type PiiAction = 'send' | 'mask' | 'ask';

/** Per entity type, on top of the default (financial identifiers, national ids, PIN, PASSWORD, CVV,
 * expiry and AWS keys masked; everything else sent). `ALL` applies first, then each named type:
 * `{ NAME: 'ask', ADDRESS: 'send' }`, `{ ALL: 'mask', DATE_TIME: 'send' }`. */
export type PiiTypePolicy = Partial<Record<PiiEntityType | 'ALL', PiiAction>>;

/** `mask` (default): the guarded types are masked; `ask`: the customer is asked before any guarded
 * type is sent; `off`: sent as typed; or a per-type object. */
export type PiiPolicy = 'mask' | 'ask' | 'off' | PiiTypePolicy;

export interface MountOptions {
  /** Required for a chat to start: returns chat details from the partner's backend. */
  tokenProvider?: TokenProvider;
  dataProvider?: DataProvider;
  /** A theme object, or the URL of a theme JSON file. */
  theme?: Theme | string;
  /** BCP 47 tag, negotiated to the best shipped table (locales/<tag>.json, else its language's, else "en": "de-AT" → de, "pt" → en). Default: <html lang>, then navigator.languages. */
  locale?: string;
  /** Where the launcher and the panel sit. Default: the theme's launcherPosition, else "bottom-right". */
  position?: 'bottom-right' | 'bottom-left';
  /** "none": no launcher; the page opens the chat with handle.open() from its own button. */
  launcher?: 'default' | 'none';
  /** What happens to card numbers, IBANs, names, ... typed by the customer: a name for every guarded
   * type, or per entity type (see PiiTypePolicy). Default "mask". The detector is loaded on demand
   * (finaptic-chat-pii.wasm with its name table pii-names.bin, ~77 KB gzip): when the chat starts if
   * the policy masks or asks about NAME, otherwise when the customer first types or sends (a message
   * waits for it). */
  piiPolicy?: PiiPolicy;
  /** No divider or notice when a specialist takes over (the handoff is invisible). */
  transparentHandoff?: boolean;
  /** Opt in to message text in `message` events (default false: no text in any event payload). */
  messageText?: boolean;
  /** The customer's (or agent's) name shown in the chat. */
  displayName?: string;
  /** The partner's name for the header when the theme has none. */
  partnerName?: string;
  /** sessionStorage namespace for the chat and the composer draft; give each widget on a page its own. */
  storageKey?: string;
  /** Base URL of the widget's files when the entry is bundled elsewhere. Default: the entry's own directory. */
  assetsUrl?: string;
  /** @internal The agent console: the widget joins as an agent. */
  role?: 'customer' | 'agent';
  /** @internal "inline" fills the target element instead of floating (agent console); implies launcher "none". */
  display?: 'floating' | 'inline';
}

export interface EventMap {
  /** The widget (wasm) is loaded and initialised. */
  ready: Record<string, never>;
  open: Record<string, never>;
  close: Record<string, never>;
  /** A message arrived. No text unless the partner opted in with `messageText: true`. */
  message: { id: string; sender?: string; role?: 'customer' | 'agent' | 'bot' | 'system'; text?: string };
  typing: { name?: string; active?: boolean };
  /** The handoff to a Finaptic specialist started (it fails with error code "handoff"). */
  escalated: { reason?: string };
  ended: Record<string, never>;
  /** code: "load" (files or wasm), "theme", "token", "handoff", "download" (a file could not be saved), "pii" (the PII detector could not be loaded: the message waits, and the next keystroke or send tries again), or a chat error from the widget. */
  error: { code: string; message?: string };
  /** Unread agent/bot messages while the panel is closed. */
  unread: { count: number };
}
export type EventName = keyof EventMap;

export interface FinapticChatHandle {
  open(): void;
  close(): void;
  toggle(): void;
  /** End the conversation (the widget asks the customer to confirm where it makes sense). */
  end(): void;
  /** Ask for a Finaptic specialist (L2) in the same window. */
  escalate(options?: { reason?: string }): void;
  on<K extends EventName>(event: K, listener: (detail: EventMap[K]) => void): FinapticChatHandle;
  /** Without a listener: removes every listener of that event. */
  off<K extends EventName>(event: K, listener?: (detail: EventMap[K]) => void): FinapticChatHandle;
  /** Apply another theme live (object or URL). */
  setTheme(theme: Theme | string | null): Promise<void>;
  /** Removes the widget: closes its chat connection, its DOM and its listeners. */
  destroy(): void;
  readonly unreadCount: number;
  readonly isOpen: boolean;
}

export interface FinapticChatStatic {
  mount(target: Element | string, options?: MountOptions): FinapticChatHandle;
  readonly events: readonly EventName[];
  readonly version: string;
}

declare const FinapticChat: FinapticChatStatic;
export default FinapticChat;
export declare function mount(target: Element | string, options?: MountOptions): FinapticChatHandle;
export declare const events: readonly EventName[];

/**
 * <finaptic-chat theme="/themes/acme.json" locale="en" position="bottom-right" launcher="default"
 *   token-endpoint="/api/chat-token" storage-key="..." pii-policy="mask" transparent-handoff display-name="...">
 * Events are dispatched on the element as CustomEvents named as in EventMap, with the payload in `detail`.
 */
export declare class FinapticChatElement extends HTMLElement {
  tokenProvider?: TokenProvider;
  dataProvider?: DataProvider;
  readonly handle: FinapticChatHandle | null;
  readonly unreadCount: number;
  open(): void;
  close(): void;
  toggle(): void;
  end(): void;
  escalate(options?: { reason?: string }): void;
  setTheme(theme: Theme | string | null): Promise<void> | undefined;
  addEventListener<K extends EventName>(type: K, listener: (ev: CustomEvent<EventMap[K]>) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap { 'finaptic-chat': FinapticChatElement; }
  interface Window { FinapticChat?: FinapticChatStatic; }
}
