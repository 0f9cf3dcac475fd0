// finaptic-chat/headless: TypeScript declarations. The conversation without the window, for a
// partner's own chat UI (browsers and Node >= 18). Guide: web/README.md "Headless SDK".
// tests/headless/headless-node.test.mjs checks that every method and event declared here exists and
// behaves.

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
  /** Templates' `$API:Name(...)` placeholders; results stay in the page. */
  dataProvider?: Record<string, (args: Record<string, string>) => unknown>;
  /** `mask` (default): personal numbers are masked before sending; `ask`: the piiQuestion event
   * asks first (answerPii); `off`: sent as typed. */
  piiPolicy?: 'mask' | 'ask' | 'off';
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
  /** `attachment` items: the files, with the attachment scanner's verdict (empty for other types). */
  attachments: Attachment[];
}

export interface Attachment {
  /** The service's AttachmentId (GetAttachment gives its signed download URL). */
  id: string;
  name: string;
  contentType: string;
  /** `approved` (or no scanner), `inProgress` (the scanner is checking), `rejected`. */
  status: 'approved' | 'inProgress' | 'rejected';
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
  piiQuestion: { types: string };
  piiMasked: { id: string; types: string };
  ended: Record<string, never>;
  error: ChatError;
}
export type ConversationEvent = keyof ConversationEvents;

export interface Conversation {
  /** Continues the conversation kept in storage (before, during or after a handoff), else asks the
   * tokenProvider for an L1 chat. Resolves when the current chat is live; rejects if it cannot start. */
  start(): Promise<void>;
  /** Continues a saved conversation without asking for a token; false when there is none. */
  resume(): boolean;
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
  /** Sends a failed own message again (same ClientToken: never a duplicate). */
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
