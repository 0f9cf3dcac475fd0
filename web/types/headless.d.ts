// finaptic-chat/headless: TypeScript declarations. The conversation without the window, for a
// partner's own chat UI (browsers and Node >= 18). Guide: web/README.md "Headless SDK".
// tests/headless/headless-node.test.mjs checks that every method and event declared here exists and
// behaves.

import type { PiiPolicy } from './finaptic-chat';
export type { PiiAction, PiiEntityType, PiiPolicy, PiiTypePolicy } from './finaptic-chat';

/** What the partner's backend answers: StartChatContact (L1) or the Finaptic Support API (L2). */
export interface ChatDetails {
  participantToken: string;
  participantId?: string;
  contactId?: string;
  /** Participant service base URL (Amazon Connect: https://participant.connect.<region>.amazonaws.com). */
  endpoint: string;
  region?: string;
  displayName?: string;
}

/** One line of the L1 transcript sent with an escalation: PII-redacted by the core. */
export interface TranscriptLine {
  role: string;
  name: string;
  text: string;
  time: string;
}

export interface TokenRequest {
  level: 'L1' | 'L2';
  /** L2: why the customer is escalated. */
  reason: string;
  /** L2: the L1 transcript, redacted. Empty for L1. */
  transcript: TranscriptLine[];
}

/** Storage the conversation survives reloads in (sessionStorage in browsers, memory in Node). */
export interface ConversationStorage {
  getItem(key: string): string | null | undefined;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ConversationOptions {
  /** Required: asks your backend for a chat. Throw (or reject) when it cannot. */
  tokenProvider: (request: TokenRequest) => Promise<ChatDetails> | ChatDetails;
  /** Templates' `$API:Name(...)` placeholders: `Name(args)` answers a string (a field) or an array of
   * {id, title, subtitle?, imageData?, imageDescription?} (a list); `id` is opaque (no account digits).
   * Results stay in the page: never sent, stored, logged or put in the escalation transcript. Without
   * it, data-bound templates show their fallbackText. */
  dataProvider?: Record<string, (args: Record<string, string>) => unknown>;
  /** `mask` (default): personal numbers are masked before sending; `ask`: the piiQuestion event
   * asks first (answerPii); `off`: sent as typed; or per entity type, e.g. `{ NAME: 'ask',
   * CREDIT_DEBIT_NUMBER: 'mask', ADDRESS: 'send' }` (PiiTypePolicy). The detector is its own wasm
   * next to the SDK (finaptic-chat-pii.wasm with its name table pii-names.bin), read on demand: at
   * start() if the policy masks or asks about NAME, otherwise at the first sendTyping(), send() or a
   * restore(). A message that needs it waits for it (send() answers `queued`); if it cannot be read,
   * the message stays queued, `error` has code `pii`, and the next send() tries again. */
  piiPolicy?: PiiPolicy;
  /** Where the conversation is kept across reloads; default `finaptic-chat:headless`; '' keeps nothing. */
  storageKey?: string;
  /** No "a specialist has joined" divider: the handoff is invisible to the customer. */
  transparentHandoff?: boolean;
  /** The customer's name on own messages until the server's copy arrives. */
  displayName?: string;
  /** A WHATWG-style WebSocket constructor: required in Node < 22 (e.g. `(await import('ws')).default`). */
  WebSocket?: unknown;
  /** Default: sessionStorage in browsers, memoryStorage() in Node; null: nothing kept. */
  storage?: ConversationStorage | null;
  /** The wasm: a URL (default: finaptic-chat-headless.wasm next to the module), bytes or a compiled module. */
  wasm?: string | URL | ArrayBuffer | ArrayBufferView | WebAssembly.Module;
}

export type Level = 'L1' | 'L2';
export type ConversationState = 'idle' | 'requestingToken' | 'startFailed' | 'inChat' | 'ended';
export type ConnectionState = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'ended' | 'failed';
export type HandoffState = 'none' | 'requesting' | 'connecting' | 'failed' | 'done';
export type Delivery = 'incoming' | 'pending' | 'sent' | 'delivered' | 'read' | 'failed';
export type Role = 'customer' | 'agent' | 'bot' | 'system' | 'supervisor' | 'other';

export interface ChatError {
  /** e.g. `network`, `service`, `invalidValue`, `ended`, `tooLarge`. */
  code: string;
  /** For logs; never message text or tokens. Not meant to be shown to customers verbatim. */
  message: string;
  status?: number;
}

export interface Message {
  /** Stable key in the whole timeline ("<segment>/<localId>"). */
  id: string;
  /** The server's Id (null while an own message is pending). */
  messageId: string | null;
  /** 0 = the L1 chat, 1 = the L2 chat after a handoff. */
  segment: number;
  level: Level;
  /** `message`, `event` (joined, left, ended...), `attachment`. */
  type: string;
  contentType: string;
  /** What was written (empty for events). */
  text: string;
  role: Role;
  participantId: string;
  displayName: string;
  /** ISO 8601 (empty while pending). */
  time: string;
  timeMs: number;
  own: boolean;
  delivery: Delivery;
  error?: ChatError;
  /** Own reply to a template option whose `text` (what went over the wire) is not the option's title:
   * a data-bound option's opaque id (the title is known on this device only), or a Carousel card's JSON
   * (`{"templateIdentifier","listTitle","selectionText"}`: this is its selectionText). Show it instead of `text`. */
  localTitle?: string;
  /** Interactive messages (ListPicker, Panel, TimePicker, QuickReply, Carousel) from the bot or agent. */
  template?: Template;
  /** `attachment` items: the files, with the attachment scanner's verdict (empty for other types). */
  attachments: Attachment[];
}

export type TemplateType = 'ListPicker' | 'Panel' | 'TimePicker' | 'QuickReply' | 'Carousel';

export interface TemplateImage {
  /** An allow-listed https: URL. */
  url: string;
  /** The image's description: its alt text (may be empty). */
  alt: string;
}

/** Where an option is: [index] (element, or slot of a TimePicker), [card, element] in a Carousel. */
export type TemplatePath = [number] | [number, number];

export interface TemplateElement {
  title: string;
  subtitle: string;
  image: TemplateImage | null;
  /** `option` sends a reply; `showMore` / `previousOptions` ask the bot for another page (not shown in
   * the transcript); `link` opens `url` and sends nothing; `text` is a link the allow-list refused. */
  kind: 'option' | 'showMore' | 'previousOptions' | 'link' | 'text';
  url?: string;
  path: TemplatePath;
  /** The option the customer picked (on this device). */
  selected: boolean;
}

export interface TemplateSlot {
  /** ISO 8601, UTC: show it in the customer's time zone. */
  start: string;
  durationMinutes: number;
  path: TemplatePath;
  selected: boolean;
}

export interface TemplateCard {
  type: 'ListPicker' | 'Panel';
  title: string;
  subtitle: string;
  image: TemplateImage | null;
  elements: TemplateElement[];
  slots: TemplateSlot[];
  path: [number];
}

/** A template as the core resolved it: `$API:` placeholders are filled from your dataProvider, in
 * the page. What it holds stays in the page; a reply sends only the bot's own option text or, for
 * options your dataProvider supplied, their opaque `id`. */
export interface Template {
  /** `loading` while your dataProvider runs; `failed`: show fallbackText (and a "Try again" when retryable). */
  state: 'loading' | 'ready' | 'failed';
  /** null until ready. */
  type: TemplateType | null;
  title: string;
  subtitle: string;
  image: TemplateImage | null;
  /** ListPicker, Panel, QuickReply. */
  elements: TemplateElement[];
  /** TimePicker, sorted by time. */
  slots: TemplateSlot[];
  /** Carousel. */
  cards: TemplateCard[];
  /** Draw it disabled: an option was chosen, the customer wrote after it, or its chat is over. */
  answered: boolean;
  /** What was chosen on this device (-1: not used). */
  picked: { card: number; element: number; slot: number } | null;
  /** What is readable in the bot's message, when it cannot be shown as a template (failed). */
  fallbackText: string;
  /** failed: retry() may work (your dataProvider failed or timed out). */
  retryable: boolean;
  /** Choose an option: one of this template's elements, slots or cards (a card with one option), or
   * its path. Sends exactly what Amazon Connect's own widget sends. Refused (see `error`) when the
   * template is not ready, answered, or the option sends nothing. */
  reply(option: TemplateElement | TemplateSlot | TemplateCard | TemplatePath | number): SendResult;
  /** failed and retryable: ask your dataProvider again (a `template` event follows). */
  retry(): void;
}

export interface Attachment {
  /** The service's AttachmentId (GetAttachment gives its signed download URL). */
  id: string;
  name: string;
  contentType: string;
  /** `approved` (or no scanner), `inProgress` (the scanner is checking), `rejected`. */
  status: 'approved' | 'inProgress' | 'rejected';
  /** Bytes, where known: the customer's own files, and any file whose link() was asked for (a
   * `messageUpdated` follows when it becomes known). */
  size: number | null;
  /** Its signed download URL (GetAttachment; the current chat's files only). */
  link(): Promise<AttachmentLink>;
  /** Its bytes, fetched through the signed URL. */
  download(): Promise<Uint8Array>;
}

export interface AttachmentLink {
  url: string;
  /** ISO-8601: the URL works until then. */
  urlExpiry: string;
  size: number | null;
}

/** Why sendAttachment() refused a file before anything was sent, or why an upload failed. */
export type AttachmentProblem = 'typeNotAllowed' | 'tooLarge' | 'empty' | 'badName' | 'notConnected' | 'ended'
  | 'refused' | 'scannerRejected' | 'uploadFailed';

/** One of the customer's files on its way: Starting (StartAttachmentUpload) → uploading (`sent` moves
 * where the platform reports progress: XMLHttpRequest in browsers; in Node only at the end) →
 * completing → scanning (Connect's scanner) → it leaves `uploads` and its message arrives; or failed. */
export interface Upload {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sent: number;
  /** 0-100: sent / size. */
  percent: number;
  stage: 'starting' | 'uploading' | 'completing' | 'scanning' | 'failed';
  /** The service's AttachmentId, once StartAttachmentUpload answered. */
  attachmentId: string | null;
  /** failed only: why, and whether retryAttachment() can work. */
  problem?: AttachmentProblem;
  retryable?: boolean;
  error?: ChatError;
}

/** A file for sendAttachment(): a File or Blob (its name and type), or the bytes with a name. */
export type AttachmentSource = Blob | { name: string; type?: string; data: ArrayBuffer | ArrayBufferView };

export interface AttachmentSendResult {
  /** The upload started: `upload` events follow. */
  id?: string;
  /** Refused before anything was sent (Connect's types, 20 MB, the name; no chat yet; ended). */
  refused?: AttachmentProblem;
}

export interface QueuedMessage {
  id: string;
  text: string;
  contentType: string;
  timeMs: number;
}

export interface TypingParticipant {
  participantId: string;
  displayName: string;
  role: Role;
}

export interface Status {
  state: ConversationState;
  handoff: HandoffState;
  connection: ConnectionState;
  segment: number | null;
  level: Level | null;
  unread: number;
  hasOlder: boolean;
  transparentHandoff: boolean;
  handoffError?: ChatError;
  startError?: ChatError;
  piiQuestion?: string;
}

export interface SendResult {
  /** `sent` to the current chat; `queued` until a chat can take it (start, handoff); `piiQuestion`
   * held for answerPii(); `refused` (empty, too long, ended: see error). */
  outcome: 'sent' | 'queued' | 'piiQuestion' | 'refused';
  id?: string;
  error?: ChatError;
}

export interface Participant {
  segment: number;
  level: Level;
  participantId: string;
  displayName: string;
  role?: Role;
}

export interface ConversationEvents {
  state: Status;
  connectionState: { state: ConnectionState; segment: number; level: Level };
  message: Message;
  messageUpdated: Message;
  typing: Participant & { active: boolean };
  participantJoined: Participant;
  participantLeft: Participant;
  handoffStarted: { reason: string };
  handoffSucceeded: { segment: number; level: Level };
  handoffFailed: ChatError;
  queued: { messages: QueuedMessage[] };
  unread: { count: number };
  /** A message waits for answerPii(): `types` it carries, `text` the message. After answerPii('cancel')
   * put `text` back where the customer types: a message that waited for the PII detector (`queued`)
   * was asked about only once the detector arrived, when it had left your composer. */
  piiQuestion: { types: string; text: string };
  piiMasked: { id: string; types: string };
  ended: Record<string, never>;
  error: ChatError;
  /** A message's template changed: resolved, failed, loading again, answered or picked. */
  template: { id: string; segment: number; level: Level; template: Template };
  /** An upload moved (progress, stage, failure), or `{id, stage: 'done'}` once it left `uploads`
   * (delivered: its message is in the timeline; or cancelled or removed). */
  upload: Upload | { id: string; stage: 'done' };
}
export type ConversationEvent = keyof ConversationEvents;

export interface Conversation {
  /** Continues the conversation kept in storage (before, during or after a handoff), else asks the
   * tokenProvider for an L1 chat. Resolves when the current chat is live; rejects if it cannot start. */
  start(): Promise<void>;
  /** Continues a saved conversation without asking for a token; false when there is none. */
  resume(): boolean;
  /** While a piiQuestion is open: if it answered your own send() (`piiQuestion`, you still hold the
   * text), this send is its edit and replaces it (the held message is dropped, as by
   * answerPii('cancel')); if the message was asked about after it was `queued`, this one is another
   * message and waits behind it (`queued`) until answerPii(). */
  send(text: string): SendResult;
  sendTyping(): void;
  /** A message the customer has seen (its `id` or `messageId`). */
  markRead(id: string): void;
  /** Hands the conversation to a Finaptic specialist (L2), with the redacted L1 transcript. */
  escalate(options?: { reason?: string }): void;
  retryHandoff(): void;
  /** After a failed start or connection: try again. */
  retry(): void;
  /** The network is back: reconnect now. */
  retryNow(): void;
  /**
   * Sends a failed own message again: in the current chat with the same ClientToken (never a
   * duplicate); a message the L1 chat may not have got before it ended (`segment` 0 after a handoff)
   * goes to the specialist instead; in an ended conversation, a new chat takes it.
   */
  retrySend(id: string): boolean;
  answerPii(choice: 'mask' | 'asTyped' | 'cancel'): void;
  /** Loads one page of older history; false when there is none. */
  loadOlder(): boolean;
  /** The customer ends the chat. */
  end(): void;
  /** Forgets the ended conversation (storage too) and starts a new one. */
  startNew(): void;
  /** Your UI shows the conversation (incoming messages are not unread then). */
  setViewing(viewing: boolean): void;
  /** Closes the connections without ending the chat (start() on a new object resumes it). */
  destroy(): void;
  /** Sends a file on the current chat; Connect's types, 20 MB and name rules are checked first. */
  sendAttachment(file: AttachmentSource): Promise<AttachmentSendResult>;
  /** Stops an upload before it completes (the agent never sees it); false once it is completing. */
  cancelAttachment(id: string): boolean;
  /** A failed upload whose problem is retryable: sent again from the start. */
  retryAttachment(id: string): boolean;
  /** Forgets a failed upload. */
  removeAttachment(id: string): boolean;
  /** A signed download URL of a file in the current chat (Attachment.link() does the same). */
  attachmentLink(attachmentId: string): Promise<AttachmentLink>;

  on<E extends ConversationEvent>(event: E, listener: (detail: ConversationEvents[E]) => void): () => void;
  off<E extends ConversationEvent>(event: E, listener: (detail: ConversationEvents[E]) => void): void;

  readonly status: Status;
  readonly state: ConversationState;
  readonly connectionState: ConnectionState;
  readonly handoffState: HandoffState;
  readonly level: Level | null;
  readonly unreadCount: number;
  readonly hasOlder: boolean;
  /** The whole timeline, L1 then L2, oldest first. */
  readonly messages: readonly Message[];
  readonly queued: readonly QueuedMessage[];
  readonly typing: readonly TypingParticipant[];
  /** The customer's files on their way (or failed), oldest first. */
  readonly uploads: readonly Upload[];
  readonly destroyed: boolean;
}

/** Loads the wasm (once per page or process) and creates a conversation; call start() next. */
export function createConversation(options: ConversationOptions): Promise<Conversation>;
/** A storage kept in memory (Node's default). */
export function memoryStorage(): ConversationStorage;
/** Every event name `on()` accepts. */
export const EVENTS: readonly ConversationEvent[];
export const VERSION: string;

declare const FinapticHeadless: {
  createConversation: typeof createConversation;
  memoryStorage: typeof memoryStorage;
  EVENTS: typeof EVENTS;
  VERSION: string;
};
export default FinapticHeadless;
