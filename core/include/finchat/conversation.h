// finchat/conversation.h: one customer's whole conversation, over one or two ChatSessions.
//
// The rules of a conversation live here once (system.md §3, §8); the ImGui widget and the headless
// SDK are views that draw or expose this object's state and call its methods:
//   - asks the partner's TokenProvider for the L1 chat, starts it, resumes it after a reload;
//   - the PII "ask first" question (the partner's policy), the unread count;
//   - the L1 → L2 handoff. Triggers: the in-band signal on L1 (ChatSession's EscalationRequested),
//     escalate(reason) (handle.escalate), the bot's escalation reply (the same signal). Any number of
//     triggers while a handoff runs or after it succeeded give one L2 chat. Steps:
//       1. the L1 transcript, PII-redacted (redactPii with the platform's PiiDetector; while that is not
//          ready the handoff waits for piiReady()), as TokenRequest::transcriptJson;
//       2. TokenProvider{L2, reason, transcript} → the L2 ChatSession connects;
//       3. only when L2 is Live is L1 disconnected; the timeline gets segment 1 (L2). Views draw a
//          divider and announce "A banking specialist has joined" unless transparentHandoff.
//     Failure at any step (provider error, L2 refused or Failed, L2 not Live within
//     handoffTimeoutMs): the conversation stays on L1, handoffState() is Failed with the Error, and
//     retryHandoff() tries again. Messages typed while a handoff runs wait in queued(); they go to L2
//     once it is Live, or back to L1 if the handoff fails: each exactly once.
//   - messages the L1 chat did not take ("the widget loses nothing typed"). When the L1 chat is over
//     for the conversation (it ended while a handoff ran, or the handoff succeeded and it was
//     disconnected), each own L1 message without a server Id is settled by what L1 answered:
//       * accepted (SendMessage answered an Id, also after the end): it stays in segment 0, sent;
//         it is never sent to L2;
//       * refused (an error answer that says the server did not take it: 403 for an ended chat, any
//         other 4xx; or the chat ended before it went out): it leaves segment 0 and goes to the chat
//         after it: sent on L2 at once if L2 is live, else first in queued() (the order typed);
//       * still out: the L1 ChatSession is kept until its answer comes (the row stays pending), then
//         one of the above or the next;
//       * unknown (a transport failure or 5xx: the request may have reached L1; or the answer was
//         lost with a page reload): as the official widget treats a failed send, it is never sent
//         again by itself. It stays in segment 0 as Failed; retrySend(0, localId) moves it to the
//         current chat (L2), once.
//     So the customer sees each message once (in L1, in queued(), or in L2), L2 never gets what L1
//     took, and nothing is dropped. Template replies (chooseTemplate) answer the L1 bot and are never
//     carried. Order across the two chats follows the answers, not the typing.
//     A plain end (no handoff): a refused message stays Failed in the ended chat's segment, and
//     retrySend() on it starts a new conversation (startNew) that sends it once it is live.
//   - one merged timeline: segments 0..n-1 (L1, then L2), each a Transcript. A segment whose chat is
//     over keeps its rows (after a reload: restored from storage, PII-redacted);
//   - persistence under config.storageKey: the conversation record, and each session's own resume
//     state under storageKey + ".l1" / ".l2";
//   - data-provider calls for templates (callData), with a time limit;
//   - interactive templates (finchat/interactive.h, template_data.h): for every interactive message
//     from another participant, in any segment, a TemplateResolver on the partner's DataProvider, the
//     customer's choices (chooseTemplate) and what is answered. See "Templates" below.
// Events name the segment they come from. The L2 chat ending ends the conversation; the L1 chat
// ending ends it too unless a handoff is under way.
//
// Single-threaded like ChatSession (platform.h): call from the thread that drives the platform, never
// destroy it from inside its own event handler.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "finchat/attachments.h"
#include "finchat/chat_session.h"
#include "finchat/platform.h"
#include "finchat/providers.h"
#include "finchat/result.h"
#include "finchat/template_data.h"
#include "finchat/transcript.h"

namespace finchat {

struct ConversationConfig {
    SessionConfig session;                       // role, timings, PII policy (storageKey: see below)
    std::string storageKey;                      // "" : nothing persisted
    std::string displayName;                     // the customer's name for own messages until echoed
    bool transparentHandoff = false;             // no divider, no announcement (views honour it)
    std::int64_t handoffTimeoutMs = 20'000;      // escalation request → L2 Live, or the handoff fails
    std::int64_t dataProviderTimeoutMs = 10'000; // a data provider that never answers
    std::size_t maxTranscriptChars = 50'000;     // the L1 transcript sent with an escalation (newest kept)
};

// Where the conversation is as a whole (each live chat also has its SessionState).
enum class ConversationState {
    Idle,              // no chat yet: start() asks for one
    RequestingToken,   // the L1 token was asked for
    StartFailed,       // the token provider failed or answered nothing usable: retry()
    InChat,            // a chat is current (see sessionState())
    Ended,             // the last chat ended: startNew()
};
const char* toString(ConversationState s);

enum class HandoffState {
    None,          // no handoff asked for
    Requesting,    // asking the token provider for the L2 chat
    Connecting,    // the L2 session is connecting
    Failed,        // stayed on L1 (handoffError()); retryHandoff()
    Done,          // L2 is the current chat
};
const char* toString(HandoffState s);

enum class ConversationEventType {
    StateChanged,      // state(), handoffState() or the current session's state changed
    Session,           // a SessionEvent of segment `segment`'s chat (`session` is set); for a segment
                       // whose chat is over, TranscriptChanged when an own row settled or moved on
    HandoffStarted,    // `text`: the reason
    HandoffSucceeded,  // `segment`: the new segment (its Transcript is transcript(segment))
    HandoffFailed,     // `error`: what failed (never shown verbatim to customers)
    UnreadChanged,     // unread() changed
    PiiQuestion,       // a message waits for answerPii(); `text`: the entity types
    QueueChanged,      // queued() changed
    AttachmentChanged, // outgoing attachment `text` (an uploadId) changed, appeared or went (uploads()), or
                       // the size of transcript attachment `text` (an attachmentId) became known
    Ended,             // the conversation is over
    TemplateChanged,   // templateOf(`segment`, `text`) changed: resolved, failed, retrying, answered, picked
    PiiWanted,         // the PII detector is needed now (piiWanted() turned true), or something new
                       // waits for it while it is not ready (a message, the handoff, the kept copy):
                       // the browser host loads the detector module (and pii-names.bin), hands the
                       // names to it, then calls piiReady(); a host whose load failed tries again
                       // here. Hosts with builtinPiiDetector() (always ready) may ignore it.
};

struct ConversationEvent {
    ConversationEventType type = ConversationEventType::StateChanged;
    int segment = 0;
    SupportLevel level = SupportLevel::L1;
    const SessionEvent* session = nullptr;   // Session events only; valid during the callback
    std::string text;
    std::optional<Error> error;
};

// What send() did with a message.
enum class SendOutcome {
    Sent,          // handed to the current chat (`localId` in the current segment's Transcript)
    Queued,        // no chat can send now (token, handoff), or the PII guard waits for the detector
                   // (piiWanted; also what is typed behind such a message): waits in queued()
    PiiQuestion,   // held for answerPii() (policy AskFirst); the composer keeps the text
    Refused,       // empty, too long, ended: `error`
};
struct SendResult {
    SendOutcome outcome = SendOutcome::Refused;
    std::string localId;
    std::optional<Error> error;
};

struct QueuedMessage {
    std::string id;            // "queued-N", stable while queued
    std::string text;
    std::string contentType;
    PiiPolicy pii = PiiPolicy::Default;
    std::int64_t timeMs = 0;   // when it was typed
};

enum class PiiChoice { Mask, AsTyped, Cancel };

// Which option of a template: a Carousel card (or -1), an element of the (card's) elements, or a
// TimePicker slot.
struct TemplateChoice {
    int card = -1;
    int element = -1;
    int slot = -1;
    bool operator==(const TemplateChoice&) const = default;
};

// What a view draws for an interactive message (Conversation::templateOf).
struct TemplateView {
    TemplateResolver::State state = TemplateResolver::State::Loading;
    const InteractiveTemplate* ready = nullptr;               // Ready only
    const TemplateResolver::Failure* failure = nullptr;       // Failed only (readable fallback, retryable)
    bool answered = false;                  // disabled: the customer chose an option, or wrote after it
    std::optional<TemplateChoice> picked;   // the option chosen, when known on this device
};

// --- Attachments (reference §3.2): one file the customer sends ------------------------------------
// Starting (StartAttachmentUpload) → Uploading (PUT to the pre-signed URL, `sentBytes` moving where the
// platform reports progress) → Completing (CompleteAttachmentUpload) → Scanning (waiting for the
// chat's ATTACHMENT item; IN_PROGRESS while Connect's scanner works). When the item arrives APPROVED
// (or without a status) the upload is over: it leaves uploads() and the Transcript shows the file.
// Failed keeps the file until retryAttachment() or removeAttachment(); ScannerRejected stays Failed.
enum class UploadStage { Starting, Uploading, Completing, Scanning, Failed };
const char* toString(UploadStage s);

struct OutgoingAttachment {
    std::string uploadId;          // "upload-N": stable for views while it is in uploads()
    std::string name, contentType;
    std::int64_t sizeInBytes = 0;
    std::int64_t sentBytes = 0;    // 0 until the platform reports upload progress
    UploadStage stage = UploadStage::Starting;
    std::string attachmentId;      // the service's, once StartAttachmentUpload answered
    std::optional<AttachmentProblem> problem;   // Failed only
    std::optional<Error> error;                 // the service or network error behind it, if any
    std::int64_t timeMs = 0;       // when the customer picked it
};

// What sendAttachment() did: an upload started (`uploadId`), or the file was refused before anything
// was sent (`refused`; the composer and the other uploads are untouched).
struct AttachmentSendResult {
    std::string uploadId;
    std::optional<AttachmentProblem> refused;
};

class Conversation {
public:
    // `tokens` and `data` must outlive the conversation; `data` may be null (no templates data).
    Conversation(Platform platform, TokenProvider& tokens, ConversationConfig config, DataProvider* data = nullptr);
    ~Conversation();
    Conversation(const Conversation&) = delete;
    Conversation& operator=(const Conversation&) = delete;

    void setEventHandler(std::function<void(const ConversationEvent&)> handler) { handler_ = std::move(handler); }

    // Continues a conversation saved under storageKey (before, during or after a handoff) without
    // asking for a token. False if there is none: call start() when the customer opens the chat.
    bool restore();
    void start();                  // Idle → ask the token provider for the L1 chat
    // After StartFailed or a Failed session: a new token and chat. After a failed handoff: the
    // handoff again. While reconnecting: skip the backoff.
    void retry();
    void startNew();               // forget everything (storage too) and start()
    // The platform's PiiDetector became ready (the host loaded it after PiiWanted). Sends what waited
    // for it (through the same path as queued messages: AskFirst still asks), continues a handoff
    // that waited for its redacted transcript, writes a kept copy that waited. Idempotent; harmless
    // when nothing waits or the detector is still not ready.
    void piiReady();

    // While a message is held for answerPii() (policy AskFirst), a send follows the one rule a
    // composer needs: if that message was this caller's own send() answered PiiQuestion, the caller
    // still holds its text and what it sends now is its edit, so the held one is withdrawn (as by
    // answerPii(Cancel)) and the new text takes its place; if it was asked about later, from the
    // queue (it had left the composer), the new text is another message and waits behind it.
    SendResult send(std::string text, std::string contentType = "text/plain");
    // The held message (PiiQuestion): send it masked, as typed, or keep it in the composer (Cancel).
    SendResult answerPii(PiiChoice choice);
    // A Failed own message: in the current chat, sent again there (same ClientToken); in segment 0
    // after the L1 chat is over (unknown outcome, see above), moved to the current chat; in an ended
    // conversation, startNew() with it. InvalidValue for anything else (pending, sent, unknown).
    Result<Unit> retrySend(int segment, const std::string& localId);
    Result<Unit> retrySend(const std::string& localId) { return retrySend(currentSegment(), localId); }
    void notifyTyping();
    void markRead(const std::string& messageId);          // a message of the current segment was seen
    bool loadOlder();
    void retryNow();                                      // the network is back
    // Escalate to L2 (handle.escalate). Ignored while a handoff runs or after it succeeded.
    void escalate(std::string reason);
    void retryHandoff();
    void end();                                           // the customer ends the chat
    // The window is on screen (open, page visible): incoming messages are not unread.
    void setViewing(bool viewing);

    // Template data: the partner's DataProvider, answered within dataProviderTimeoutMs (Error
    // Network "timeout" otherwise; NotConnected when there is no provider). Results stay local.
    void callData(std::string name, std::string argsJson, std::function<void(Result<std::string>)> done);

    // --- state ------------------------------------------------------------------------------
    ConversationState state() const { return state_; }
    // Whether the PII detector (platform.h PiiDetector; the browser loads it as its own module, with
    // the name table) is needed: when the chat starts if the partner's policy masks or asks about
    // NAME (piiNamesGuarded), otherwise once the customer sends a message or a chat is restored (the
    // escalation transcript and the copy kept after the end redact every type, names included), and
    // whenever something has to wait for it. PiiWanted is emitted when it turns true. While the
    // detector is not ready nothing unchecked leaves: a text message the policy guards waits in
    // queued() (SendOutcome::Queued), a handoff waits before asking for the L2 token (its timeout
    // runs), the redacted L1 rows are not written (the last ones written stay) until piiReady().
    bool piiWanted() const { return piiWanted_; }
    HandoffState handoffState() const { return handoff_; }
    const std::optional<Error>& handoffError() const { return handoffError_; }
    const std::string& handoffReason() const { return reason_; }
    const std::optional<Error>& startError() const { return startError_; }
    bool transparentHandoff() const { return config_.transparentHandoff; }

    // The timeline: segments in order (0 = L1). transcript(i) stays valid until the next event.
    int segmentCount() const { return static_cast<int>(segments_.size()); }
    int currentSegment() const { return segmentCount() - 1; }
    SupportLevel segmentLevel(int segment) const;
    const Transcript& transcript(int segment) const;

    // The current chat (the last segment's), if any.
    const ChatSession* session() const;
    SessionState sessionState() const;             // Idle when there is none
    std::vector<TypingParticipant> typing() const;
    bool hasOlderHistory() const;

    const std::vector<QueuedMessage>& queued() const { return queue_; }
    int unread() const { return unread_; }
    const std::optional<std::string>& piiQuestion() const { return piiTypes_; }   // entity types
    // The message asked about (empty when none): a view puts it back where the customer types after
    // answerPii(Cancel), as it may have left the composer when it was queued for the detector.
    const std::string& piiQuestionText() const { return piiText_; }

    // The L1 transcript as the escalation sends it (JSON array of {role,name,text,time}, redacted).
    // "[]" while the platform's PiiDetector is not ready (nothing leaves unredacted).
    std::string escalationTranscript() const;

    // --- Templates ----------------------------------------------------------------------------
    // Every interactive message (kInteractiveContentType) from another participant gets a
    // TemplateResolver on the DataProvider and the platform Clock, with ResolverOptions{timeoutMs =
    // dataProviderTimeoutMs, pickedId = the opaque id of the last data-bound option the customer
    // picked in this conversation (also after a reload)}. When resolving starts:
    //   - eagerly, when an interactive message arrives in the current chat while nothing the
    //     customer wrote follows it (live, or re-synced after a reload): the data is there when the
    //     customer looks;
    //   - lazily, when a view asks for a row with templateOf (history, the frozen L1 segment).
    // Memory is bounded: at most kMaxTemplates resolvers are kept; beyond that the least recently
    // asked for are dropped at the next chat event (and resolved again if a view asks again).
    // Without a DataProvider, data-bound templates fail with the readable fallback, not retryable.
    // A template is `answered` (drawn disabled) once the customer chose one of its options or wrote
    // anything after it, and always in a segment whose chat is over (the L1 chat after a handoff,
    // an ended conversation): nobody could read the reply. What was picked is kept on this device
    // (the conversation record, and the titles of data-bound picks in PickedTitles under
    // storageKey + ".picked"), so it is still marked after a reload.
    static constexpr std::size_t kMaxTemplates = 32;

    // null: that row is not an interactive message from another participant. Otherwise the row's
    // template, which may start resolving now (views ask for rows on screen). The pointer (and the
    // pointers inside) stay valid until the next event of this conversation.
    const TemplateView* templateOf(int segment, const std::string& localId);
    // The row's template only if it is resolving or resolved already (templateOf was asked for it):
    // never starts one. For text twins of what is drawn (the accessibility mirror), which list rows
    // that are not on screen. Same lifetime as templateOf's.
    const TemplateView* knownTemplate(int segment, const std::string& localId) const;
    // Sends the option's TemplateReply exactly as the official widget does, through the current chat,
    // without the PII question (the content is bot-supplied or an opaque id). Data-bound options
    // send their opaque id only; its title is kept locally (pickedTitle). ShowMore / PreviousOptions
    // are not shown in the transcript (templateReplyHidden). Refused (typed Error, nothing sent):
    // InvalidValue for an unknown row, a template not Ready, an answered template, a choice out of
    // range or an option that sends nothing (a link); NotConnected while there is no chat to send to
    // (a handoff is under way).
    SendResult chooseTemplate(int segment, const std::string& localId, TemplateChoice choice);
    // A Failed template whose failure is retryable: resolve again (Loading, then TemplateChanged).
    void retryTemplate(int segment, const std::string& localId);
    // The customer's own bubble of a data-bound reply (content = opaque id): the local title, never
    // from the wire. nullopt for anything else.
    std::optional<std::string> pickedTitle(std::string_view content) const;
    // --- attachments (conversation_attachments.cpp) ------------------------------------------
    // Sends a file on the current chat. `contentType` may be the browser's (empty or generic: typed
    // from the name). Connect's type, size and name rules are checked first; a refused file never
    // reaches the network. Uploads run on the chat they started on and are not persisted: a reload
    // or a handoff during an upload fails it (UploadFailed; retryAttachment sends it on the new chat).
    AttachmentSendResult sendAttachment(std::string name, std::string contentType, std::string bytes);
    // Stops an upload before CompleteAttachmentUpload (the agent never sees it); false once it is
    // completing or unknown. A cancelled upload leaves uploads().
    bool cancelAttachment(const std::string& uploadId);
    // A Failed upload whose problem is attachmentRetryable(): from the start again, on the current chat.
    bool retryAttachment(const std::string& uploadId);
    // Forgets a Failed upload (the view's "Remove").
    bool removeAttachment(const std::string& uploadId);
    const std::vector<OutgoingAttachment>& uploads() const { return uploads_; }
    // The upload that owns the service's `attachmentId`, if it is still in uploads(): views draw that
    // instead of the transcript's row for the same file.
    const OutgoingAttachment* uploadFor(const std::string& attachmentId) const;
    // A signed download URL (GetAttachment) for an attachment of the current chat's transcript.
    // Attachments of a finished segment (L1 after a handoff) cannot be fetched: Ended.
    void attachmentLink(std::string attachmentId, std::function<void(Result<GetAttachmentResponse>)> done);
    // The size of a transcript attachment, where known: our own uploads' (from the file), and any
    // GetAttachment answered (attachmentLink). Views show it on the file's card.
    std::optional<std::int64_t> attachmentSize(const std::string& attachmentId) const;

private:
    void wantPii();         // piiWanted() turns true: PiiWanted, once
    void waitForPii();      // something waits for the detector: PiiWanted again
    // One chat of the timeline. A live segment reads its session's Transcript; a finished one (L1
    // after the handoff, or restored after a reload) keeps its own copy.
    struct Segment {
        SupportLevel level = SupportLevel::L1;
        std::unique_ptr<Transcript> frozen;
    };
    using TemplateKey = std::pair<int, std::string>;   // segment, localId
    struct TemplateSlot {
        std::unique_ptr<TemplateResolver> resolver;
        std::optional<TemplateResolver::Failure> finalFailure;   // no DataProvider: not retryable
        TemplateView view;
        std::uint64_t used = 0;                                  // recency, for the bound
        bool quiet = false;                                      // starting inside templateOf
    };
    struct TemplatePick {
        TemplateKey key;
        TemplateChoice choice;
    };
    class NoDataProvider;

    void requestL1Token();
    void onL1Token(Result<ChatDetails> r);
    std::unique_ptr<ChatSession> makeSession(ChatDetails details, SupportLevel level);
    void attach(ChatSession& session, SupportLevel level);
    void onSessionEvent(SupportLevel level, const SessionEvent& e);
    void noteIncoming(int segment, const std::string& localId);
    void beginHandoff(std::string reason);
    void requestL2Token();
    void onL2Token(Result<ChatDetails> r);
    void armHandoffTimer();
    void cancelHandoffTimer();
    void handoffSucceeded();
    void handoffFailed(Error error);
    void freezeL1();
    void closeL1();
    void settleL1();
    void carry(std::vector<QueuedMessage> moved);
    void emitRowChanged(int segment, const std::string& localId);
    void retire(std::unique_ptr<ChatSession>& slot);
    bool canSendNow() const;
    SendResult deliver(QueuedMessage m, bool ahead = false);   // ahead: before what is queued (an answered question)
    SendResult enqueue(QueuedMessage m, bool ahead = false);
    void flushIfLive();
    void askPii(std::string text, std::string contentType, std::string types);
    void clearPiiQuestion();
    void flushQueue(ChatSession& to);
    void finishConversation();
    void setUnread(int n);
    void setState(ConversationState s);
    void emit(ConversationEvent e);
    void persist();
    void forgetStorage();
    ChatSession* current();
    std::string sessionKey(SupportLevel level) const;
    // templates
    const TranscriptEntry* templateEntry(int segment, const std::string& localId) const;
    TemplateSlot* ensureTemplate(int segment, const std::string& localId);
    void templateResolved(const TemplateKey& key);
    void emitTemplateChanged(const TemplateKey& key);
    bool updateTemplateView(const TemplateKey& key, TemplateSlot& slot);
    void refreshTemplates();
    void boundTemplates();
    void maybeResolveEagerly(int segment, const std::string& localId);
    bool templateAnswered(const TemplateKey& key) const;
    const TemplatePick* pickOf(const TemplateKey& key) const;

    Platform platform_;
    TokenProvider& tokens_;
    DataProvider* data_;
    ConversationConfig config_;
    std::function<void(const ConversationEvent&)> handler_;
    std::shared_ptr<int> alive_ = std::make_shared<int>(0);

    ConversationState state_ = ConversationState::Idle;
    HandoffState handoff_ = HandoffState::None;
    std::optional<Error> startError_, handoffError_;
    std::string reason_;
    std::uint64_t attempt_ = 0;                 // token requests; stale answers are dropped
    std::optional<Clock::TimerId> handoffTimer_;

    std::unique_ptr<ChatSession> l1_, l2_;
    // The L1 chat once it is over for the conversation while SendMessage answers are still out for own
    // messages (closeL1): its answers settle them (settleL1), then it is retired.
    std::unique_ptr<ChatSession> l1Closing_;
    std::set<std::pair<int, std::string>> replies_;   // (segment, localId) of template replies: never carried
    std::vector<std::unique_ptr<ChatSession>> retired_;   // disconnecting or dropped; freed later
    std::vector<Segment> segments_;
    std::set<std::string> handledSignals_;      // in-band escalation Ids already acted on
    std::vector<QueuedMessage> queue_;
    std::uint64_t nextQueued_ = 1;
    int unread_ = 0;
    bool viewing_ = false;
    std::int64_t countFromMs_ = 0;              // older messages (history after a reload) are not unread
    std::set<std::string> counted_;             // "<segment>:<Id>" already counted as unread
    std::optional<std::string> piiTypes_;
    std::string piiText_, piiContentType_;
    bool piiCallerHolds_ = false;               // piiTypes_ answers the caller's own send() (see send)

    std::unique_ptr<DataProvider> noData_;                 // answers "no data provider" (data_ null)
    std::map<TemplateKey, TemplateSlot> templates_;
    std::uint64_t templateUse_ = 0;
    bool piiWanted_ = false;
    bool handoffWaitsForPii_ = false;   // beginHandoff asks for the L2 token on piiReady()
    bool keptCopyWaitsForPii_ = false;  // persist() writes the redacted L1 rows on piiReady()
    std::string keptRows_;              // the redacted L1 rows last written (or restored)
    std::vector<TemplatePick> picks_;                      // oldest first, bounded
    std::optional<std::string> lastPickedId_;              // what `{id}` means in the next template
    PickedTitles pickedTitles_;
    // attachments (conversation_attachments.cpp)
    void startUpload(const std::string& uploadId);
    void putUpload(const std::string& uploadId, std::uint64_t run, StartAttachmentUploadResponse started);
    void completeUpload(const std::string& uploadId, std::uint64_t run);
    void failUpload(const std::string& uploadId, AttachmentProblem problem, std::optional<Error> error);
    void noteUploadEcho(const Transcript& transcript, const std::string& localId);
    OutgoingAttachment* upload(const std::string& uploadId);
    std::vector<OutgoingAttachment> uploads_;
    std::map<std::string, std::string> uploadBytes_;     // uploadId -> the file, until it is completing
    std::map<std::string, std::uint64_t> uploadRuns_;    // uploadId -> current attempt; stale answers dropped
    std::map<std::string, const ChatSession*> uploadSession_;   // uploadId -> the chat it runs on
    std::map<std::string, std::shared_ptr<HttpAbort>> uploadPut_;   // uploadId -> its PUT, while it runs
    std::map<std::string, std::int64_t> attachmentSizes_;  // attachmentId -> bytes (attachmentSize)
    std::uint64_t nextUpload_ = 1, nextUploadRun_ = 1;
};

}  // namespace finchat
