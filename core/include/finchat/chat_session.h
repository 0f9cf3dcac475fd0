// finchat/chat_session.h: one participant's live connection to a Connect chat.
//
// Lifecycle (reference §6.2, with the chatjs timings of §6.3 as defaults):
//
//   Idle ─connect()─► Connecting: CreateParticipantConnection(ParticipantToken)
//                       → websocket open (1 s open check, re-open with jittered backoff while the
//                         URL is < 85 s old, then a fresh URL) → aws/subscribe → ack
//   ─► Live: ping+heartbeat every 10 s; an ack missing at the next tick swaps to a new socket;
//            every 59 min the socket is swapped proactively; the ConnectionToken is refreshed 60 s
//            before it expires. After every subscribe ack the transcript is re-fetched and merged,
//            paging back until the gap since the last known item is closed.
//   ─socket lost─► Reconnecting: immediate CreateParticipantConnection, then jittered exponential
//            backoff (2 s·2ⁿ, max 30 s) while it fails with network/429/5xx errors.
//   ─chat.ended item, or 403 on CreateParticipantConnection─► Ended (terminal; synthetic
//            chat.ended if the server said 403 while we were away).
//   ─invalid websocket URL or a non-retryable error─► Failed (terminal; a new session with the same
//            ParticipantToken may try again).
//
// Sending goes through REST with a ClientToken that every retry reuses, so a retry after 429/5xx or a
// lost answer never makes a duplicate. Everything shown lives in transcript(); events tell what
// changed. The session is single-threaded (see platform.h) and must not be destroyed from inside its
// own event callback.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "finchat/pii.h"
#include "finchat/platform.h"
#include "finchat/protocol.h"
#include "finchat/transcript.h"

namespace finchat {

struct ChatDetails {
    std::string contactId;          // the initial contact id of the chat
    std::string participantId;
    std::string participantToken;
    std::string endpoint;           // participant service base URL, e.g. "http://127.0.0.1:8080"
    std::string displayName;        // shown on own messages until the server's copy arrives
};

struct SessionTimings {
    std::int64_t heartbeatIntervalMs = 10'000;
    std::int64_t socketOpenCheckMs = 1'000;
    std::int64_t socketOpenRetryBaseMs = 1'000;      // ±30 % jitter, doubling
    std::int64_t websocketUrlValidityMs = 85'000;
    std::int64_t transportLifetimeMs = 3'540'000;    // proactive socket swap
    std::int64_t subscribeResendMs = 1'000;
    int subscribeMaxUnanswered = 3;
    std::int64_t subscribeFailureRetryMs = 500;
    int subscribeMaxFailures = 5;
    std::int64_t reconnectBaseMs = 2'000;            // 2 s·2ⁿ, capped
    std::int64_t reconnectMaxMs = 30'000;
    std::int64_t tokenRefreshLeadMs = 60'000;
    std::int64_t typingThrottleMs = 10'000;
    std::int64_t typingDisplayMs = 12'000;
    std::int64_t receiptPreDelayMs = 300;
    std::int64_t receiptThrottleMs = 5'000;
    int requestMaxAttempts = 3;                      // SDK standard mode: 3 attempts in total
    std::int64_t requestRetryBaseMs = 100;           // full jitter: random(0, base·2ⁿ)
    std::int64_t throttledRetryBaseMs = 500;         // after 429
    std::int64_t endGraceMs = 5'000;                 // after DisconnectParticipant, wait for chat.ended
    int transcriptPageSize = 100;                    // re-sync pages (the API maximum)
    int historyPageSize = 15;                        // loadOlder() pages, as the hosted widget
    int maxSyncPages = 50;                           // a server that never closes the gap
};

// What the client does with personal data (card, account, IBAN, SSN... numbers) in a customer's
// message before it leaves the browser (system.md §5). The server redacts again either way.
enum class PiiPolicy {
    Default,    // in sendMessage: whatever SessionConfig::piiPolicy says
    Mask,       // replace with "•••• 1111"-style masks and tell the customer (SessionEventType::PiiMasked)
    AskFirst,   // refuse with ErrorCode::PiiDetected; the UI asks, then sends again with Mask or AsTyped
    AsTyped,    // send as typed (the customer chose to)
};
// The partner option's names (widget and headless SDK): "ask" → AskFirst, "off" → AsTyped, anything
// else → Mask (the safe default).
PiiPolicy piiPolicyFromName(std::string_view name);

struct SessionConfig {
    ParticipantRole role = ParticipantRole::Customer;
    SessionTimings timings;
    bool sendDeliveredReceipts = true;
    bool sendReadReceipts = true;
    PiiPolicy piiPolicy = PiiPolicy::Mask;
    // Per entity type (parsePiiPolicy() reads the partner's JSON option): which types the guard above
    // sends as typed, masks, or asks about first. Under piiPolicy Mask, types set to "ask" still ask;
    // piiPolicy AskFirst asks about every type that is not "send"; AsTyped sends everything.
    PiiTypePolicy piiTypes;
    std::string userAgent = "finaptic-chat/0.1";
    std::string storageKey;   // where resume state is kept; empty: not persisted
};

// The partner's `piiPolicy` option as the widget and the headless SDK take it, as JSON text: a name
// ("mask", "ask", "off": piiPolicyFromName) for every guarded type, or a per-type object in
// parsePiiPolicy()'s format ({"NAME":"ask","CARD..":"mask","ADDRESS":"send"}), which sets
// config.piiTypes and leaves piiPolicy Mask so each type's own action decides. Empty text keeps the
// defaults. A bad object is parsePiiPolicy()'s error (naming the key), and `config` is left unchanged.
Result<Unit> applyPiiOption(std::string_view optionJson, SessionConfig& config);
// Whether the guard above can act on NAME (mask it or ask about it): the only case in which what the
// customer sends depends on the PII name table. False under the default policy (names are sent).
bool piiNamesGuarded(const SessionConfig& config);

enum class SessionState { Idle, Connecting, Live, Reconnecting, Ended, Failed };
const char* toString(SessionState s);

enum class SessionEventType {
    StateChanged,            // state() changed
    TranscriptChanged,       // entry `localId` was added or updated
    TypingChanged,           // `participantId` started (active) or stopped typing
    ParticipantJoined,       // item: the joined/left event
    ParticipantLeft,
    ParticipantIdle,
    ParticipantReturned,
    AutoDisconnection,
    TransferSucceeded,
    TransferFailed,
    EscalationRequested,     // in-band Finaptic escalation signal; `text` is the reason
    ConnectionEstablished,   // subscribed (first time and after every reconnect)
    ConnectionLost,          // socket gone, reconnecting
    HeartbeatFailure,        // heartbeat ack missing: swapping sockets
    SendFailed,              // own message `localId` failed for good (retrySend() may retry)
    PiiMasked,               // own message `localId` was masked before sending; `text`: entity types
    ChatEnded,
    Error,                   // `error`: something the app may want to show or log
};

struct SessionEvent {
    SessionEventType type;
    std::string localId;
    std::string participantId;
    std::string displayName;
    std::string text;
    bool active = false;
    const Item* item = nullptr;
    std::optional<finchat::Error> error;
};

struct TypingParticipant {
    std::string participantId;
    std::string displayName;
    ParticipantRole role = ParticipantRole::Other;
    std::int64_t untilMs = 0;
};

class ChatSession {
public:
    ChatSession(Platform platform, ChatDetails details, SessionConfig config = {});
    ~ChatSession();
    ChatSession(const ChatSession&) = delete;
    ChatSession& operator=(const ChatSession&) = delete;

    // Restores a session saved under config.storageKey by an earlier page (see SessionConfig).
    // Unsent messages come back as pending and are re-sent with their original ClientTokens.
    static std::unique_ptr<ChatSession> resume(Platform platform, SessionConfig config);

    void setEventHandler(std::function<void(const SessionEvent&)> handler) { handler_ = std::move(handler); }

    void connect();
    // Ask the server to end the chat for this participant. The session ends when chat.ended arrives
    // (post-chat messages may come first) or after timings.endGraceMs.
    void disconnect();
    // Network came back (browser 'online' event): skip the remaining backoff.
    void retryNow();

    // Returns the entry's localId, or an error (empty, too long, ended, PiiDetected under AskFirst)
    // without touching the server. Text and markdown go through the PII policy first, unless it is
    // AsTyped: while the platform's PiiDetector is not ready() that is PiiUnavailable (send it again
    // once it is; nothing was added to the transcript).
    Result<std::string> sendMessage(std::string content, std::string contentType = "text/plain",
                                    PiiPolicy pii = PiiPolicy::Default);
    Result<Unit> retrySend(const std::string& localId);
    // Call on composer input; throttled (leading edge, 10 s) like chatjs.
    void notifyTyping();
    // The customer has seen this message (on screen, tab visible).
    void markRead(const std::string& messageId);
    // Loads one page of older history; false if there is none (or a load is running).
    bool loadOlder();

    // The attachment operations (reference §3.2) with this session's ConnectionToken, a fresh
    // ClientToken reused by the SDK-style retries. NotConnected before the first ConnectionToken,
    // Ended after the chat. `done` is never called once the session is destroyed. The upload itself
    // (PUT to the pre-signed URL) and the rules around it live in Conversation.
    void startAttachmentUpload(StartAttachmentUploadRequest request,
                               std::function<void(Result<StartAttachmentUploadResponse>)> done);
    void completeAttachmentUpload(std::string attachmentId, std::function<void(Result<Unit>)> done);
    void getAttachment(std::string attachmentId, std::function<void(Result<GetAttachmentResponse>)> done);

    SessionState state() const { return state_; }
    const Transcript& transcript() const { return transcript_; }
    const ChatDetails& details() const { return details_; }
    std::vector<TypingParticipant> typing() const;
    std::optional<finchat::Error> lastError() const { return lastError_; }
    int reconnectAttempt() const { return reconnectAttempt_; }
    bool hasOlderHistory() const { return !olderToken_.empty(); }

    // Resume state as JSON (tokens, unsent messages, receipt bookkeeping). Written to storage by
    // the session itself when storageKey is set; exposed for tests and the shim.
    std::string snapshot() const;

private:
    struct Socket;
    enum class ConnectPurpose { Initial, Reconnect, Swap, TokenRefresh };
    enum class ReceiptKind { Delivered, Read };
    class Timer;
    struct RequestState;
    struct Timers;

    // connection
    void fetchConnection(ConnectPurpose purpose);
    void onConnection(ConnectPurpose purpose, const CreateParticipantConnectionResponse& r);
    void onConnectionError(ConnectPurpose purpose, const finchat::Error& e);
    void openSocket(bool secondary, const std::string& url, std::int64_t urlFetchedAtMs, int attempt);
    void onSocketOpen(std::uint64_t generation);
    void onSocketMessage(std::uint64_t generation, const std::string& text);
    void onSocketClose(std::uint64_t generation, int code);
    void onSubscribed(Socket& s);
    void resendSubscribe(std::uint64_t generation);
    void socketFailed(std::uint64_t generation);
    void heartbeatTick();
    void startSwap();
    void scheduleReconnect();
    void scheduleTokenRefresh(std::int64_t expiryMs);
    Socket* socketFor(std::uint64_t generation);
    void dropSocket(std::unique_ptr<Socket>& slot, int closeCode);

    // items
    void handleItem(const Item& item);
    void handleTyping(const Item& item);
    void expireTyping();
    void emitChange(const std::string& localId, Change change);

    // transcript sync
    void syncTranscript();
    void requestTranscriptPage(std::string nextToken, std::optional<std::int64_t> gapFrom, int page,
                               std::optional<std::int64_t> newest);
    void requestOlderPage();

    // sending
    void startSend(const std::string& localId);
    void flushQueuedSends();
    void queueReceipt(ReceiptKind kind, const std::string& messageId);
    void enqueueReceipt(ReceiptKind kind, const std::string& messageId);
    void closeReceiptWindow();
    void sendReceipt(ReceiptKind kind, const std::string& messageId);

    // REST with retries
    // `bearer` overrides the token (a send pinned to the ConnectionToken of its first attempt).
    void call(Operation op, std::string body, bool useParticipantToken,
              std::function<void(Result<std::string>)> done, int maxAttempts = 0, std::string bearer = {});
    void attempt(std::shared_ptr<RequestState> request);
    // A Connection-token call whose answer decodes as Response; refused at once when not connected.
    template <class Response>
    void callTyped(Operation op, std::string body, std::function<void(Result<Response>)> done);

    // ending
    void finish(bool synthetic);
    void failEndedSend(const std::string& localId);   // "the chat ended before this was sent"
    void fail(finchat::Error e);
    void setState(SessionState s);
    void emit(SessionEvent e);
    void persist();
    std::int64_t now() const { return platform_.clock.nowMs(); }
    std::int64_t jitter(std::int64_t ms, double spread);
    template <class F> auto guarded(F f);

    Platform platform_;
    ChatDetails details_;
    SessionConfig config_;
    std::function<void(const SessionEvent&)> handler_;
    std::shared_ptr<int> alive_ = std::make_shared<int>(0);
    std::unique_ptr<Timers> timers_;

    SessionState state_ = SessionState::Idle;
    Transcript transcript_;
    std::optional<finchat::Error> lastError_;

    std::string connectionToken_;
    std::int64_t connectionExpiryMs_ = 0;
    bool connectionFetchInFlight_ = false;
    bool refreshAfterFetch_ = false;
    std::unique_ptr<Socket> primary_;
    std::unique_ptr<Socket> secondary_;
    std::uint64_t nextGeneration_ = 1;
    int reconnectAttempt_ = 0;
    bool everLive_ = false;
    bool disconnectRequested_ = false;

    // Transcript pages confirmed everything up to this AbsoluteTime; items that came on the socket
    // since are not proof of completeness (a socket can die with older frames in flight), so each
    // re-sync pages back to here. Unset before the first sync, which loads one page only.
    std::optional<std::int64_t> syncWatermark_;
    bool syncRunning_ = false;
    bool syncAgain_ = false;
    bool olderRunning_ = false;
    std::string olderToken_;

    std::vector<std::string> queuedSends_;         // localIds waiting for a ConnectionToken
    std::map<std::string, int> sendAttempts_;       // localId -> 403 refreshes used
    // SendMessage requests out and not yet answered. A chat can end while one is out (a bot's goodbye
    // answers the reply at once): its answer, not the end, says whether it was sent.
    std::set<std::string> sendsAwaitingAnswer_;
    // Each own message keeps the ConnectionToken of its first attempt for all its retries, while that
    // token is valid: the service may scope ClientToken idempotency to the ConnectionToken (connect-
    // local does, per reference §10.7), so a retry after a reconnect must not present a new one.
    struct PinnedToken { std::string token; std::int64_t expiryMs = 0; };
    std::map<std::string, PinnedToken> sendTokens_;   // localId -> token
    std::map<std::string, TypingParticipant> typing_;
    std::int64_t lastTypingSentMs_ = -1;

    std::set<std::string> receiptsRead_, receiptsDelivered_;   // already sent (or seen in transcript)
    std::optional<std::string> pendingRead_, pendingDelivered_;
    ReceiptKind lastReceiptKind_ = ReceiptKind::Delivered;
    bool receiptWindowOpen_ = false;
    std::map<std::string, std::vector<std::string>> streamedChunks_;   // streamed bot replies by Id
    std::set<std::string> escalationsSeen_;                             // signal item Ids already announced
};

}  // namespace finchat
