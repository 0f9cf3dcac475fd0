#include "finchat/chat_session.h"

#include <algorithm>
#include <type_traits>

#include "finchat/pii.h"
#include "finchat/util.h"
#include "json_fields.h"

namespace finchat {

// ---------------------------------------------------------------------------------------------
// Resume state (written to Storage; never logged)
// ---------------------------------------------------------------------------------------------
struct UnsentMessage {
    std::string contentType;
    std::string content;
    std::string clientToken;
    std::string connectionToken;   // the one its first attempt used (see ChatSession::sendTokens_)
    std::string connectionExpiry;
};
struct SessionSnapshot {
    int version = 1;
    std::string contactId;
    std::string participantId;
    std::string participantToken;
    std::string endpoint;
    std::string displayName;
    std::string connectionToken;
    std::string connectionExpiry;
    std::vector<UnsentMessage> unsent;
    std::vector<std::string> receiptsRead;
};
template <class V, class S> void fieldsOf(V& v, S& x, UnsentMessage*) {
    v("contentType", x.contentType, detail::Req); v("content", x.content, detail::Req);
    v("clientToken", x.clientToken, detail::Req);
    v("connectionToken", x.connectionToken); v("connectionExpiry", x.connectionExpiry);
}
template <class V, class S> void fieldsOf(V& v, S& x, SessionSnapshot*) {
    v("version", x.version, detail::Req); v("contactId", x.contactId, detail::Req);
    v("participantId", x.participantId, detail::Req); v("participantToken", x.participantToken, detail::Req);
    v("endpoint", x.endpoint); v("displayName", x.displayName);
    v("connectionToken", x.connectionToken); v("connectionExpiry", x.connectionExpiry);
    v("unsent", x.unsent); v("receiptsRead", x.receiptsRead);
}

namespace {
constexpr std::size_t kMaxRememberedReceipts = 50;   // in the snapshot
constexpr const char* kSyntheticEndedId = "local-chat-ended";

bool isPersonRole(ParticipantRole r) { return r == ParticipantRole::Agent || r == ParticipantRole::Customer; }

std::size_t contentLimit(ContentKind k) {
    switch (k) {
        case ContentKind::Json: return 12'000;
        case ContentKind::InteractiveResponse: return 12'288;
        case ContentKind::Interactive: return 16'384;
        default: return 1'024;   // text/plain, text/markdown: characters, not bytes
    }
}
}  // namespace

PiiPolicy piiPolicyFromName(std::string_view name) {
    if (name == "ask") return PiiPolicy::AskFirst;
    if (name == "off") return PiiPolicy::AsTyped;
    return PiiPolicy::Mask;
}

Result<Unit> applyPiiOption(std::string_view optionJson, SessionConfig& config) {
    if (optionJson.find_first_not_of(" \t\r\n") == std::string_view::npos) return Unit{};
    const Json option = Json::parse(optionJson);
    if (option.isString()) {
        config.piiPolicy = piiPolicyFromName(option.asString());
        return Unit{};
    }
    Result<PiiTypePolicy> types = parsePiiPolicy(optionJson);
    if (!types) return types.error();
    config.piiPolicy = PiiPolicy::Mask;
    config.piiTypes = *types;
    return Unit{};
}

bool piiNamesGuarded(const SessionConfig& config) {
    return config.piiPolicy != PiiPolicy::AsTyped && config.piiTypes.of(PiiType::Name) != PiiAction::Send;
}

const char* toString(SessionState s) {
    switch (s) {
        case SessionState::Idle: return "idle";
        case SessionState::Connecting: return "connecting";
        case SessionState::Live: return "live";
        case SessionState::Reconnecting: return "reconnecting";
        case SessionState::Ended: return "ended";
        case SessionState::Failed: return "failed";
    }
    return "";
}

// ---------------------------------------------------------------------------------------------
// Timers owned by the session: all cancelled when it is destroyed, so their callbacks never see a
// dead session.
// ---------------------------------------------------------------------------------------------
struct ChatSession::Timers {
    explicit Timers(Clock& c) : clock(c) {}
    ~Timers() { for (auto id : live) clock.cancelTimer(id); }

    Clock::TimerId after(std::int64_t delayMs, std::function<void()> fn) {
        auto self = std::make_shared<Clock::TimerId>(0);
        const Clock::TimerId id = clock.setTimer(std::max<std::int64_t>(0, delayMs), [this, self, fn = std::move(fn)] {
            live.erase(*self);
            fn();
        });
        *self = id;
        live.insert(id);
        return id;
    }
    void cancel(Clock::TimerId& id) {
        if (!id) return;
        clock.cancelTimer(id);
        live.erase(id);
        id = 0;
    }
    void replace(Clock::TimerId& id, std::int64_t delayMs, std::function<void()> fn) {
        cancel(id);
        id = after(delayMs, std::move(fn));
    }

    Clock& clock;
    std::set<Clock::TimerId> live;
    Clock::TimerId heartbeat = 0, lifetime = 0, tokenRefresh = 0, reconnect = 0, receiptWindow = 0,
                   endGrace = 0, typing = 0;
};

struct ChatSession::Socket {
    std::uint64_t generation = 0;
    std::unique_ptr<WebSocket> ws;
    std::string url;
    std::int64_t urlFetchedAtMs = 0;
    int openAttempt = 0;
    bool open = false;
    bool subscribed = false;
    int subscribeUnanswered = 0;
    int subscribeFailures = 0;
    bool awaitingHeartbeat = false;
    bool awaitingPing = false;
    Clock::TimerId openTimer = 0;
    Clock::TimerId subscribeTimer = 0;
};

struct ChatSession::RequestState {
    Operation op;
    std::string body;
    bool useParticipantToken = false;
    std::string bearer;
    int attempt = 0;
    int maxAttempts = 3;
    std::function<void(Result<std::string>)> done;
};

template <class F>
auto ChatSession::guarded(F f) {
    return [weak = std::weak_ptr<int>(alive_), f = std::move(f)](auto&&... args) mutable {
        if (weak.lock()) f(std::forward<decltype(args)>(args)...);
    };
}

// ---------------------------------------------------------------------------------------------
// Construction, resume
// ---------------------------------------------------------------------------------------------
ChatSession::ChatSession(Platform platform, ChatDetails details, SessionConfig config)
    : platform_(platform), details_(std::move(details)), config_(std::move(config)),
      timers_(std::make_unique<Timers>(platform.clock)), transcript_(details_.participantId) {}

ChatSession::~ChatSession() {
    alive_.reset();
    primary_.reset();     // destroying a WebSocket closes it without further events
    secondary_.reset();
}

std::unique_ptr<ChatSession> ChatSession::resume(Platform platform, SessionConfig config) {
    if (!platform.storage || config.storageKey.empty()) return nullptr;
    auto saved = platform.storage->get(config.storageKey);
    if (!saved) return nullptr;
    auto snap = detail::decodeText<SessionSnapshot>(*saved);
    if (!snap || snap->version != 1) {
        platform.storage->remove(config.storageKey);   // unreadable: start fresh rather than fail forever
        return nullptr;
    }
    ChatDetails d{snap->contactId, snap->participantId, snap->participantToken, snap->endpoint, snap->displayName};
    auto s = std::make_unique<ChatSession>(platform, std::move(d), std::move(config));
    s->connectionToken_ = snap->connectionToken;
    s->connectionExpiryMs_ = parseIsoTime(snap->connectionExpiry).value_or(0);
    if (s->connectionExpiryMs_ <= platform.clock.nowMs()) s->connectionToken_.clear();
    for (auto& id : snap->receiptsRead) {
        s->receiptsRead_.insert(id);
        s->receiptsDelivered_.insert(id);
    }
    for (auto& m : snap->unsent) {
        auto localId = s->transcript_.addPending(m.contentType, m.content, m.clientToken, s->details_.displayName,
                                                 platform.clock.nowMs());
        if (!m.connectionToken.empty())
            s->sendTokens_[localId] = {m.connectionToken, parseIsoTime(m.connectionExpiry).value_or(0)};
        s->queuedSends_.push_back(localId);
    }
    return s;
}

std::string ChatSession::snapshot() const {
    SessionSnapshot snap;
    snap.contactId = details_.contactId;
    snap.participantId = details_.participantId;
    snap.participantToken = details_.participantToken;
    snap.endpoint = details_.endpoint;
    snap.displayName = details_.displayName;
    snap.connectionToken = connectionToken_;
    if (connectionExpiryMs_) snap.connectionExpiry = formatIsoTime(connectionExpiryMs_);
    for (const TranscriptEntry* e : transcript_.unsent()) {
        UnsentMessage m{e->item.contentType, e->item.content, e->clientToken, {}, {}};
        if (auto pin = sendTokens_.find(e->localId); pin != sendTokens_.end()) {
            m.connectionToken = pin->second.token;
            if (pin->second.expiryMs) m.connectionExpiry = formatIsoTime(pin->second.expiryMs);
        }
        snap.unsent.push_back(std::move(m));
    }
    for (const auto& id : receiptsRead_) {
        if (snap.receiptsRead.size() >= kMaxRememberedReceipts) break;
        snap.receiptsRead.push_back(id);
    }
    return detail::dumpJson(detail::Writer::write(snap));
}

void ChatSession::persist() {
    if (!platform_.storage || config_.storageKey.empty()) return;
    if (state_ == SessionState::Ended) return;
    platform_.storage->set(config_.storageKey, snapshot());
}

// ---------------------------------------------------------------------------------------------
// State and events
// ---------------------------------------------------------------------------------------------
void ChatSession::setState(SessionState s) {
    if (state_ == s) return;
    state_ = s;
    emit({SessionEventType::StateChanged});
}

void ChatSession::emit(SessionEvent e) {
    if (handler_) handler_(e);
}

void ChatSession::emitChange(const std::string& localId, Change change) {
    if (change == Change::Added || change == Change::Updated) {
        SessionEvent e{SessionEventType::TranscriptChanged};
        e.localId = localId;
        e.active = change == Change::Added;
        emit(std::move(e));
    }
}

std::int64_t ChatSession::jitter(std::int64_t ms, double spread) {
    const double factor = 1.0 + spread * (2.0 * platform_.random.unit() - 1.0);
    return static_cast<std::int64_t>(static_cast<double>(ms) * factor);
}

// ---------------------------------------------------------------------------------------------
// REST with SDK-style retries: 429/5xx/network are retried with the same body (same ClientToken)
// ---------------------------------------------------------------------------------------------
void ChatSession::call(Operation op, std::string body, bool useParticipantToken,
                       std::function<void(Result<std::string>)> done, int maxAttempts, std::string bearer) {
    auto r = std::make_shared<RequestState>();
    r->bearer = std::move(bearer);
    r->op = op;
    r->body = std::move(body);
    r->useParticipantToken = useParticipantToken;
    r->maxAttempts = maxAttempts > 0 ? maxAttempts : config_.timings.requestMaxAttempts;
    r->done = std::move(done);
    attempt(std::move(r));
}

void ChatSession::attempt(std::shared_ptr<RequestState> r) {
    const OperationInfo& info = operationInfo(r->op);
    HttpRequest req;
    req.method = info.method;
    req.url = details_.endpoint + info.path;
    // Read the token at each attempt: a refresh in between must be picked up by the retry.
    const std::string& bearer = !r->bearer.empty() ? r->bearer
                                : r->useParticipantToken ? details_.participantToken : connectionToken_;
    req.headers = {{"content-type", "application/json"}, {"x-amz-bearer", bearer},
                   {"x-amz-user-agent", config_.userAgent}};
    req.body = r->body;
    ++r->attempt;
    platform_.http.send(std::move(req), guarded([this, r](HttpResponse resp) {
        if (resp.status == 200) {
            r->done(std::move(resp.body));
            return;
        }
        Error err = errorFromResponse(resp);
        // Nothing is tried again once the chat is over (a send still out then gets its last answer).
        if (err.retryable() && r->attempt < r->maxAttempts && state_ != SessionState::Ended) {
            const bool throttled = err.httpStatus == 429;
            const std::int64_t base =
                (throttled ? config_.timings.throttledRetryBaseMs : config_.timings.requestRetryBaseMs) << (r->attempt - 1);
            const auto delay = static_cast<std::int64_t>(platform_.random.unit() * static_cast<double>(base));
            timers_->after(delay, [this, r] { attempt(r); });
            return;
        }
        r->done(std::move(err));
    }));
}

// ---------------------------------------------------------------------------------------------
// Connection: CreateParticipantConnection, websocket, subscribe, heartbeat, swap, reconnect
// ---------------------------------------------------------------------------------------------
void ChatSession::connect() {
    if (state_ != SessionState::Idle) return;   // like chatjs: connect() works once
    setState(SessionState::Connecting);
    fetchConnection(ConnectPurpose::Initial);
    if (!connectionToken_.empty()) flushQueuedSends();   // resumed with a still-valid token
}

void ChatSession::retryNow() {
    if (state_ != SessionState::Connecting && state_ != SessionState::Reconnecting) return;
    if (!timers_->reconnect) return;
    timers_->cancel(timers_->reconnect);
    fetchConnection(ConnectPurpose::Reconnect);
}

void ChatSession::fetchConnection(ConnectPurpose purpose) {
    const bool forSocket = purpose != ConnectPurpose::TokenRefresh;
    if (forSocket) {
        if (connectionFetchInFlight_) return;
        connectionFetchInFlight_ = true;
    } else {
        if (refreshAfterFetch_ || connectionFetchInFlight_) return;   // a socket fetch refreshes the token too
        refreshAfterFetch_ = true;
    }
    CreateParticipantConnectionRequest req;
    req.type = {ConnectionType::Websocket, ConnectionType::ConnectionCredentials};
    if (config_.role != ParticipantRole::Customer) req.connectParticipant = true;
    call(Operation::CreateParticipantConnection, encode(req), /*useParticipantToken=*/true,
         [this, purpose, forSocket](Result<std::string> res) {
             (forSocket ? connectionFetchInFlight_ : refreshAfterFetch_) = false;
             if (!res) return onConnectionError(purpose, res.error());
             auto r = decode<CreateParticipantConnectionResponse>(*res);
             if (!r) return onConnectionError(purpose, r.error());
             onConnection(purpose, *r);
         },
         1);   // the reconnect backoff below is the retry policy for CPC
}

void ChatSession::onConnection(ConnectPurpose purpose, const CreateParticipantConnectionResponse& r) {
    if (state_ == SessionState::Ended || state_ == SessionState::Failed) return;
    if (!r.connectionCredentials || r.connectionCredentials->connectionToken.empty())
        return onConnectionError(purpose, makeError(ErrorCode::MissingField, "ConnectionCredentials.ConnectionToken: required"));
    connectionToken_ = r.connectionCredentials->connectionToken;
    connectionExpiryMs_ = parseIsoTime(r.connectionCredentials->expiry).value_or(0);
    scheduleTokenRefresh(connectionExpiryMs_);
    persist();
    flushQueuedSends();
    if (purpose == ConnectPurpose::TokenRefresh) return;   // the socket is not touched

    if (!r.websocket || r.websocket->url.empty())
        return onConnectionError(purpose, makeError(ErrorCode::MissingField, "Websocket.Url: required"));
    const std::string& url = r.websocket->url;
    if (url.rfind("wss://", 0) != 0 && url.rfind("ws://", 0) != 0)
        return fail(makeError(ErrorCode::InvalidValue, "websocket URL has an unsupported scheme"));
    // A swap opens a second socket beside a working one; otherwise the new socket is the primary.
    const bool secondary = primary_ && primary_->open && purpose == ConnectPurpose::Swap;
    if (!secondary && primary_) dropSocket(primary_, 1000);
    openSocket(secondary, url, now(), 0);
}

void ChatSession::onConnectionError(ConnectPurpose purpose, const Error& e) {
    if (state_ == SessionState::Ended || state_ == SessionState::Failed) return;
    lastError_ = e;
    if (e.accessDenied()) {
        // The chat ended while we were away (or the token is void): chatjs synthesises chat.ended.
        finish(/*synthetic=*/true);
        return;
    }
    // A failed swap keeps the current socket (the next tick tries again), unless that socket died
    // meanwhile: then this was the reconnect, and the reconnect backoff applies.
    const bool havePrimary = primary_ && primary_->open;
    if (purpose == ConnectPurpose::Swap && havePrimary) return;
    if (!e.retryable()) {
        if (purpose == ConnectPurpose::TokenRefresh) { emit({SessionEventType::Error, {}, {}, {}, {}, false, nullptr, e}); return; }
        return fail(e);
    }
    if (purpose == ConnectPurpose::TokenRefresh) {
        timers_->replace(timers_->tokenRefresh, jitter(config_.timings.reconnectBaseMs, 0.3),
                         [this] { fetchConnection(ConnectPurpose::TokenRefresh); });
        return;
    }
    scheduleReconnect();
}

void ChatSession::scheduleReconnect() {
    const int n = std::min(reconnectAttempt_, 10);
    const std::int64_t delay =
        std::min(config_.timings.reconnectMaxMs, config_.timings.reconnectBaseMs << n);
    ++reconnectAttempt_;
    emit({SessionEventType::StateChanged});   // attempt count and lastError changed
    timers_->replace(timers_->reconnect, jitter(delay, 0.3), [this] { fetchConnection(ConnectPurpose::Reconnect); });
}

void ChatSession::scheduleTokenRefresh(std::int64_t expiryMs) {
    timers_->cancel(timers_->tokenRefresh);
    if (!expiryMs) return;
    const std::int64_t remaining = expiryMs - now();
    std::int64_t delay = remaining - config_.timings.tokenRefreshLeadMs;
    if (delay < 1000) delay = std::max<std::int64_t>(1000, remaining / 2);   // short-lived tokens: no CPC loop
    timers_->tokenRefresh = timers_->after(delay, [this] { fetchConnection(ConnectPurpose::TokenRefresh); });
}

ChatSession::Socket* ChatSession::socketFor(std::uint64_t generation) {
    if (primary_ && primary_->generation == generation) return primary_.get();
    if (secondary_ && secondary_->generation == generation) return secondary_.get();
    return nullptr;
}

void ChatSession::dropSocket(std::unique_ptr<Socket>& slot, int closeCode) {
    if (!slot) return;
    timers_->cancel(slot->openTimer);
    timers_->cancel(slot->subscribeTimer);
    if (slot->ws && slot->open) slot->ws->close(closeCode);
    slot.reset();   // destroying the WebSocket: no more events from it
}

void ChatSession::openSocket(bool secondary, const std::string& url, std::int64_t urlFetchedAtMs, int attemptNo) {
    auto s = std::make_unique<Socket>();
    s->generation = nextGeneration_++;
    s->url = url;
    s->urlFetchedAtMs = urlFetchedAtMs;
    s->openAttempt = attemptNo;
    const std::uint64_t gen = s->generation;
    WebSocketEvents events;
    events.onOpen = guarded([this, gen] { onSocketOpen(gen); });
    events.onMessage = guarded([this, gen](std::string text) { onSocketMessage(gen, text); });
    events.onClose = guarded([this, gen](int code) { onSocketClose(gen, code); });
    auto& slot = secondary ? secondary_ : primary_;
    dropSocket(slot, 1000);
    slot = std::move(s);
    slot->ws = platform_.sockets.open(url, std::move(events));
    slot->openTimer = timers_->after(config_.timings.socketOpenCheckMs, [this, gen] {
        Socket* sock = socketFor(gen);
        if (sock && !sock->open) socketFailed(gen);
    });
}

void ChatSession::onSocketOpen(std::uint64_t gen) {
    Socket* s = socketFor(gen);
    if (!s) return;
    s->open = true;
    timers_->cancel(s->openTimer);
    s->ws->send(subscribeFrame());
    s->subscribeTimer = timers_->after(config_.timings.subscribeResendMs, [this, gen] { resendSubscribe(gen); });
    // First heartbeat pair right away (deep heartbeat first), then every interval (chatjs).
    s->ws->send(pingFrame());
    s->ws->send(heartbeatFrame());
    s->awaitingPing = s->awaitingHeartbeat = true;
    if (s == primary_.get())
        timers_->replace(timers_->heartbeat, config_.timings.heartbeatIntervalMs, [this] { heartbeatTick(); });
}

// No ack yet: send the subscription again every second; more than 3 unanswered means the socket is no good.
void ChatSession::resendSubscribe(std::uint64_t gen) {
    Socket* s = socketFor(gen);
    if (!s || s->subscribed) return;
    s->subscribeTimer = 0;
    if (++s->subscribeUnanswered > config_.timings.subscribeMaxUnanswered) return socketFailed(gen);
    s->ws->send(subscribeFrame());
    s->subscribeTimer = timers_->after(config_.timings.subscribeResendMs, [this, gen] { resendSubscribe(gen); });
}

void ChatSession::heartbeatTick() {
    if (!primary_ || !primary_->open) return;
    if (primary_->awaitingPing || primary_->awaitingHeartbeat) {
        emit({SessionEventType::HeartbeatFailure});
        startSwap();
    } else {
        primary_->ws->send(pingFrame());
        primary_->ws->send(heartbeatFrame());
        primary_->awaitingPing = primary_->awaitingHeartbeat = true;
    }
    timers_->heartbeat = timers_->after(config_.timings.heartbeatIntervalMs, [this] { heartbeatTick(); });
}

void ChatSession::startSwap() {
    if (secondary_ || connectionFetchInFlight_) return;
    fetchConnection(ConnectPurpose::Swap);
}

void ChatSession::onSocketMessage(std::uint64_t gen, const std::string& text) {
    Socket* s = socketFor(gen);
    if (!s || text.empty()) return;
    auto frame = decodeServerFrame(text);
    if (!frame) {
        emit({SessionEventType::Error, {}, {}, {}, {}, false, nullptr, frame.error()});
        return;
    }
    switch (frame->topic) {
        case FrameTopic::Subscribe:
            if (s->subscribed) break;
            if (frame->subscribeStatus == "success") {
                s->subscribed = true;
                timers_->cancel(s->subscribeTimer);
                onSubscribed(*s);
            } else if (++s->subscribeFailures >= config_.timings.subscribeMaxFailures) {
                socketFailed(gen);
            } else {
                timers_->replace(s->subscribeTimer, config_.timings.subscribeFailureRetryMs, [this, gen] {
                    if (Socket* sock = socketFor(gen); sock && !sock->subscribed) sock->ws->send(subscribeFrame());
                });
            }
            break;
        case FrameTopic::Heartbeat: s->awaitingHeartbeat = false; break;
        case FrameTopic::Ping: if (frame->statusCode == 200) s->awaitingPing = false; break;
        case FrameTopic::Chat: handleItem(frame->item); break;
        default: break;   // gateway errors are only logged by chatjs; unknown topics ignored
    }
}

void ChatSession::onSubscribed(Socket& s) {
    if (&s == secondary_.get()) {
        // Swap complete: the new socket takes over, the old one is closed normally.
        dropSocket(primary_, 1000);
        primary_ = std::move(secondary_);
        timers_->replace(timers_->heartbeat, config_.timings.heartbeatIntervalMs, [this] { heartbeatTick(); });
        timers_->replace(timers_->lifetime, config_.timings.transportLifetimeMs, [this] { startSwap(); });
        syncTranscript();   // items may have been lost while the old socket was failing
        return;
    }
    reconnectAttempt_ = 0;
    lastError_.reset();
    timers_->cancel(timers_->reconnect);
    everLive_ = true;
    setState(SessionState::Live);
    emit({SessionEventType::ConnectionEstablished});
    timers_->replace(timers_->lifetime, config_.timings.transportLifetimeMs, [this] { startSwap(); });
    syncTranscript();
    flushQueuedSends();
}

void ChatSession::onSocketClose(std::uint64_t gen, int) {
    if (socketFor(gen)) socketFailed(gen);
}

void ChatSession::socketFailed(std::uint64_t gen) {
    const bool isPrimary = primary_ && primary_->generation == gen;
    auto& slot = isPrimary ? primary_ : secondary_;
    if (!slot || slot->generation != gen) return;
    const bool wasOpen = slot->open;
    const std::string url = slot->url;
    const std::int64_t fetchedAt = slot->urlFetchedAtMs;
    const int attemptNo = slot->openAttempt;
    dropSocket(slot, 1000);
    if (state_ == SessionState::Ended || state_ == SessionState::Failed) return;

    if (!isPrimary) return;   // a failed swap: keep the working socket, the next tick tries again

    if (!wasOpen) {
        // Never opened: re-open the same URL with backoff while it is still valid, else a new one.
        const std::int64_t delay = jitter(config_.timings.socketOpenRetryBaseMs << std::min(attemptNo, 10), 0.3);
        if (now() + delay - fetchedAt < config_.timings.websocketUrlValidityMs) {
            timers_->replace(timers_->reconnect, delay, [this, url, fetchedAt, attemptNo] {
                openSocket(false, url, fetchedAt, attemptNo + 1);
            });
        } else {
            fetchConnection(everLive_ ? ConnectPurpose::Reconnect : ConnectPurpose::Initial);
        }
        return;
    }
    if (secondary_) {
        // A swap was under way: its socket becomes the primary (Live again once it is subscribed).
        primary_ = std::move(secondary_);
        if (primary_->subscribed) onSubscribed(*primary_);
        else setState(SessionState::Reconnecting);
        return;
    }
    timers_->cancel(timers_->heartbeat);
    setState(SessionState::Reconnecting);
    emit({SessionEventType::ConnectionLost});
    fetchConnection(ConnectPurpose::Reconnect);
}

// ---------------------------------------------------------------------------------------------
// Incoming items
// ---------------------------------------------------------------------------------------------
void ChatSession::handleItem(const Item& in) {
    if (state_ == SessionState::Ended || state_ == SessionState::Failed) return;
    // chatjs drops items of other contacts, except metadata.
    if (in.type != ItemType::MessageMetadata && !details_.contactId.empty() && !in.initialContactId.empty() &&
        in.initialContactId != details_.contactId && in.contactId != details_.contactId)
        return;

    const ContentKind kind = in.kind();
    const bool fromOther = in.participantId != details_.participantId;
    const Item* item = &in;
    Item assembled;

    if (in.type == ItemType::Event) {
        SessionEvent ev{SessionEventType::Error};
        ev.item = &in;
        ev.participantId = in.participantId;
        ev.displayName = in.displayName;
        switch (kind) {
            case ContentKind::Typing: handleTyping(in); return;
            case ContentKind::ParticipantIdle: ev.type = SessionEventType::ParticipantIdle; emit(ev); return;
            case ContentKind::ParticipantReturned: ev.type = SessionEventType::ParticipantReturned; emit(ev); return;
            case ContentKind::ParticipantAutoDisconnection: ev.type = SessionEventType::AutoDisconnection; emit(ev); return;
            default: break;
        }
    } else if (in.type == ItemType::Message) {
        if (fromOther) {
            if (auto reason = escalationSignal(in)) {
                // Consumed, never shown; announced once even if re-sync delivers it again.
                if (escalationsSeen_.insert(in.id).second) {
                    SessionEvent ev{SessionEventType::EscalationRequested};
                    ev.text = *reason;
                    ev.item = &in;
                    ev.participantId = in.participantId;
                    emit(ev);
                }
                return;
            }
            if (auto t = typing_.find(in.participantId); t != typing_.end()) {
                SessionEvent ev{SessionEventType::TypingChanged};
                ev.participantId = t->first;
                ev.displayName = t->second.displayName;
                typing_.erase(t);
                emit(ev);
            }
        }
        // Streamed bot replies (§4.8): chunks share one Id; keep the concatenation so far.
        if (in.role() == ParticipantRole::System && in.messageMetadata && in.messageMetadata->messageCompleted) {
            auto& chunks = streamedChunks_[in.id];
            if (*in.messageMetadata->messageCompleted) {
                streamedChunks_.erase(in.id);
            } else {
                const int n = in.messageMetadata->chunkNumber.value_or(0);
                if (n != static_cast<int>(chunks.size()) + 1) return;   // out of sequence: ignored, as chatjs
                chunks.push_back(in.content);
                assembled = in;
                assembled.content.clear();
                for (const auto& c : chunks) assembled.content += c;
                item = &assembled;
            }
        }
    }

    const Change change = transcript_.ingest(*item);
    if (item->messageMetadata) {
        // Our own earlier receipts, as the transcript reports them: never send those again.
        for (const Receipt& r : item->messageMetadata->receipts) {
            if (r.recipientParticipantId != details_.participantId) continue;
            const std::string& mid = item->type == ItemType::MessageMetadata ? item->messageMetadata->messageId : item->id;
            if (!r.readTimestamp.empty()) receiptsRead_.insert(mid);
            if (!r.deliveredTimestamp.empty()) receiptsDelivered_.insert(mid);
        }
    }
    if (change == Change::None || change == Change::Held) {
        if (kind == ContentKind::ChatEnded) finish(false);
        return;
    }
    const std::string id = item->type == ItemType::MessageMetadata ? item->messageMetadata->messageId : item->id;
    const TranscriptEntry* entry = transcript_.findId(id);
    emitChange(entry ? entry->localId : id, change);

    if (change == Change::Added) {
        if ((item->type == ItemType::Message || item->type == ItemType::Attachment) && fromOther &&
            isPersonRole(item->role()))
            queueReceipt(ReceiptKind::Delivered, item->id);
        SessionEvent ev{SessionEventType::Error};
        ev.item = item;
        ev.participantId = item->participantId;
        ev.displayName = item->displayName;
        switch (kind) {
            case ContentKind::ParticipantJoined: ev.type = SessionEventType::ParticipantJoined; emit(ev); break;
            case ContentKind::ParticipantLeft: ev.type = SessionEventType::ParticipantLeft; emit(ev); break;
            case ContentKind::TransferSucceeded: ev.type = SessionEventType::TransferSucceeded; emit(ev); break;
            case ContentKind::TransferFailed: ev.type = SessionEventType::TransferFailed; emit(ev); break;
            default: break;
        }
    }
    if (kind == ContentKind::ChatEnded) finish(false);
}

void ChatSession::handleTyping(const Item& item) {
    if (item.participantId.empty() || item.participantId == details_.participantId) return;   // our echo
    auto [it, added] = typing_.try_emplace(item.participantId);
    it->second = {item.participantId, item.displayName, item.role(), now() + config_.timings.typingDisplayMs};
    if (added) {
        SessionEvent ev{SessionEventType::TypingChanged};
        ev.participantId = item.participantId;
        ev.displayName = item.displayName;
        ev.active = true;
        emit(ev);
    }
    expireTyping();
}

void ChatSession::expireTyping() {
    timers_->cancel(timers_->typing);
    std::int64_t next = 0;
    for (auto it = typing_.begin(); it != typing_.end();) {
        if (it->second.untilMs <= now()) {
            SessionEvent ev{SessionEventType::TypingChanged};
            ev.participantId = it->first;
            ev.displayName = it->second.displayName;
            it = typing_.erase(it);
            emit(ev);
        } else {
            next = next ? std::min(next, it->second.untilMs) : it->second.untilMs;
            ++it;
        }
    }
    if (next) timers_->typing = timers_->after(next - now(), [this] { expireTyping(); });
}

std::vector<TypingParticipant> ChatSession::typing() const {
    std::vector<TypingParticipant> out;
    for (const auto& [id, t] : typing_) out.push_back(t);
    return out;
}

// ---------------------------------------------------------------------------------------------
// Transcript re-sync: after every subscribe, page backwards until the gap is closed
// ---------------------------------------------------------------------------------------------
void ChatSession::syncTranscript() {
    if (syncRunning_) {
        syncAgain_ = true;
        return;
    }
    syncRunning_ = true;
    requestTranscriptPage({}, syncWatermark_, 0, std::nullopt);
}

void ChatSession::requestTranscriptPage(std::string nextToken, std::optional<std::int64_t> gapFrom, int page,
                                        std::optional<std::int64_t> newest) {
    GetTranscriptRequest req;   // chatjs shape: BACKWARD / ASCENDING / StartPosition {}
    req.maxResults = config_.timings.transcriptPageSize;
    req.scanDirection = ScanDirection::Backward;
    req.sortOrder = SortOrder::Ascending;
    req.startPosition = StartPosition{};
    req.nextToken = std::move(nextToken);
    call(Operation::GetTranscript, encode(req), false, [this, gapFrom, page, newest](Result<std::string> res) mutable {
        auto done = [this](bool complete, std::optional<std::int64_t> confirmed) {
            syncRunning_ = false;
            // Only a sync that reached the previous watermark moves it (an empty chat confirms "all").
            if (complete) syncWatermark_ = std::max(syncWatermark_.value_or(0), confirmed.value_or(0));
            if (syncAgain_ && state_ == SessionState::Live) {
                syncAgain_ = false;
                syncTranscript();
            }
        };
        if (state_ == SessionState::Ended || state_ == SessionState::Failed) return done(false, {});
        Result<GetTranscriptResponse> r = res ? decode<GetTranscriptResponse>(*res) : Result<GetTranscriptResponse>(res.error());
        if (!r) {
            emit({SessionEventType::Error, {}, {}, {}, {}, false, nullptr, r.error()});
            return done(false, {});
        }
        bool closed = !gapFrom || r->nextToken.empty() || r->transcript.empty();
        for (const Item& item : r->transcript) {
            const auto t = parseIsoTime(item.absoluteTime);
            if (t && gapFrom && *t <= *gapFrom) closed = true;
            if (t && page == 0) newest = std::max(newest.value_or(*t), *t);
            handleItem(item);
            if (state_ == SessionState::Ended) return done(false, {});
        }
        if (!gapFrom && page == 0) olderToken_ = r->nextToken;   // first sync: older pages on demand
        if (!closed && page + 1 < config_.timings.maxSyncPages) {
            syncRunning_ = true;
            requestTranscriptPage(r->nextToken, gapFrom, page + 1, newest);
            return;
        }
        done(closed, newest);
    });
}

bool ChatSession::loadOlder() {
    if (olderToken_.empty() || olderRunning_ || state_ == SessionState::Failed) return false;
    olderRunning_ = true;
    GetTranscriptRequest req;
    req.maxResults = config_.timings.historyPageSize;
    req.scanDirection = ScanDirection::Backward;
    req.sortOrder = SortOrder::Ascending;
    req.startPosition = StartPosition{};
    req.nextToken = olderToken_;
    call(Operation::GetTranscript, encode(req), false, [this](Result<std::string> res) {
        olderRunning_ = false;
        Result<GetTranscriptResponse> r = res ? decode<GetTranscriptResponse>(*res) : Result<GetTranscriptResponse>(res.error());
        if (!r) return emit({SessionEventType::Error, {}, {}, {}, {}, false, nullptr, r.error()});
        olderToken_ = r->nextToken;
        for (const Item& item : r->transcript) {
            if (transcript_.containsId(item.id)) continue;
            emitChange(item.id, transcript_.ingest(item));
        }
    });
    return true;
}

// ---------------------------------------------------------------------------------------------
// Attachment operations (the upload rules are Conversation's)
// ---------------------------------------------------------------------------------------------
template <class Response>
void ChatSession::callTyped(Operation op, std::string body, std::function<void(Result<Response>)> done) {
    std::optional<Error> refusal;
    if (state_ == SessionState::Ended || state_ == SessionState::Failed) refusal = makeError(ErrorCode::Ended, "the chat has ended");
    else if (connectionToken_.empty()) refusal = makeError(ErrorCode::NotConnected, "no connection yet");
    if (refusal) {
        // Never answer from inside the call (platform.h): the caller may still be setting up.
        timers_->after(0, [done = std::move(done), e = *refusal] { done(e); });
        return;
    }
    call(op, std::move(body), false, [done = std::move(done)](Result<std::string> res) {
        if (!res) return done(res.error());
        if constexpr (std::is_same_v<Response, Unit>) done(Unit{});
        else done(decode<Response>(*res));
    });
}

void ChatSession::startAttachmentUpload(StartAttachmentUploadRequest request,
                                        std::function<void(Result<StartAttachmentUploadResponse>)> done) {
    if (request.clientToken.empty()) request.clientToken = uuidV4(platform_.random);
    callTyped(Operation::StartAttachmentUpload, encode(request), std::move(done));
}

void ChatSession::completeAttachmentUpload(std::string attachmentId, std::function<void(Result<Unit>)> done) {
    CompleteAttachmentUploadRequest request{{std::move(attachmentId)}, uuidV4(platform_.random)};
    callTyped(Operation::CompleteAttachmentUpload, encode(request), std::move(done));
}

void ChatSession::getAttachment(std::string attachmentId, std::function<void(Result<GetAttachmentResponse>)> done) {
    callTyped(Operation::GetAttachment, encode(GetAttachmentRequest{std::move(attachmentId), std::nullopt}), std::move(done));
}

// ---------------------------------------------------------------------------------------------
// Sending
// ---------------------------------------------------------------------------------------------
Result<std::string> ChatSession::sendMessage(std::string content, std::string contentType, PiiPolicy pii) {
    if (state_ == SessionState::Ended || state_ == SessionState::Failed)
        return makeError(ErrorCode::Ended, "the chat has ended");
    const ContentKind kind = classifyContentType(contentType);
    if (!isMessageContent(kind)) return makeError(ErrorCode::InvalidValue, "not a message content type");
    if (content.find_first_not_of(" \t\r\n") == std::string::npos) return makeError(ErrorCode::InvalidValue, "empty message");
    const bool text = kind == ContentKind::TextPlain || kind == ContentKind::TextMarkdown;
    // Personal data, by the partner's policy: masked (default) or asked about before it leaves.
    // Which types are guarded at all, and which ask first, is the partner's per-type choice
    // (config_.piiTypes); an explicit Mask or AsTyped (the customer's answer) is final.
    std::string maskedTypes;
    const bool partnerChoice = pii == PiiPolicy::Default;
    if (pii == PiiPolicy::Default) pii = config_.piiPolicy;
    if (text && pii != PiiPolicy::AsTyped) {
        // Without the detector nothing can be checked, and nothing unchecked may leave: the caller
        // keeps the message until it is ready (Conversation queues it and asks for the detector).
        if (!platform_.pii.ready()) return makeError(ErrorCode::PiiUnavailable, "the PII detector is not loaded yet");
        std::vector<PiiMatch> guarded;
        PiiTypeSet named;
        bool ask = pii == PiiPolicy::AskFirst;
        for (const PiiMatch& m : platform_.pii.detect(content)) {
            const PiiAction action = config_.piiTypes.of(m.type);
            if (action == PiiAction::Send) continue;
            guarded.push_back(m);
            ask = ask || (partnerChoice && action == PiiAction::AskFirst);
            if (named.has(m.type)) continue;
            named.add(m.type);
            maskedTypes += (maskedTypes.empty() ? "" : ",") + std::string(comprehendName(m.type));
        }
        if (!guarded.empty()) {
            if (ask) return Error{ErrorCode::PiiDetected, maskedTypes};
            content = maskPii(content, guarded);
        }
    }
    const std::size_t size = text ? utf8Length(content) : content.size();
    if (size > contentLimit(kind))
        return Error{ErrorCode::TooLarge, "message longer than " + decimal(contentLimit(kind)) + (text ? " characters" : " bytes")};

    // Replying implies having read what came before (hosted widget behaviour).
    for (auto it = transcript_.entries().rbegin(); it != transcript_.entries().rend(); ++it) {
        if (!it->own && it->item.type == ItemType::Message && isPersonRole(it->item.role())) {
            queueReceipt(ReceiptKind::Read, it->item.id);
            break;
        }
    }
    std::string localId = transcript_.addPending(std::move(contentType), std::move(content), uuidV4(platform_.random),
                                                 details_.displayName, now());
    emitChange(localId, Change::Added);
    if (!maskedTypes.empty()) {
        SessionEvent ev{SessionEventType::PiiMasked};
        ev.localId = localId;
        ev.text = maskedTypes;
        emit(ev);
    }
    if (connectionToken_.empty()) queuedSends_.push_back(localId);
    else startSend(localId);
    persist();
    return localId;
}

Result<Unit> ChatSession::retrySend(const std::string& localId) {
    if (state_ == SessionState::Ended || state_ == SessionState::Failed) return makeError(ErrorCode::Ended, "the chat has ended");
    const TranscriptEntry* e = transcript_.findLocal(localId);
    if (!e || e->delivery != Delivery::Failed) return makeError(ErrorCode::InvalidValue, "no failed message with that id");
    transcript_.markRetrying(localId);
    sendAttempts_.erase(localId);
    emitChange(localId, Change::Updated);
    if (connectionToken_.empty()) queuedSends_.push_back(localId);
    else startSend(localId);
    return Unit{};
}

void ChatSession::flushQueuedSends() {
    if (connectionToken_.empty() || queuedSends_.empty()) return;
    auto queued = std::move(queuedSends_);
    queuedSends_.clear();
    for (const auto& localId : queued) startSend(localId);
}

void ChatSession::startSend(const std::string& localId) {
    const TranscriptEntry* e = transcript_.findLocal(localId);
    if (!e || !e->item.id.empty()) return;
    auto pin = sendTokens_.find(localId);
    if (pin == sendTokens_.end() || (pin->second.expiryMs && pin->second.expiryMs <= now() + 5'000))
        pin = sendTokens_.insert_or_assign(localId, PinnedToken{connectionToken_, connectionExpiryMs_}).first;
    SendMessageRequest req{e->item.contentType, e->item.content, e->clientToken};
    sendsAwaitingAnswer_.insert(localId);
    call(Operation::SendMessage, encode(req), false, [this, localId](Result<std::string> res) {
        sendsAwaitingAnswer_.erase(localId);
        if (state_ == SessionState::Failed) return;
        Result<SendMessageResponse> r = res ? decode<SendMessageResponse>(*res) : Result<SendMessageResponse>(res.error());
        if (r && !r->id.empty()) {
            // Also after the end: the server took it before (its echo, held back, is folded in here).
            sendAttempts_.erase(localId);
            sendTokens_.erase(localId);
            emitChange(localId, transcript_.confirmSent(localId, r->id, r->absoluteTime));
            persist();
            return;
        }
        Error err = r ? makeError(ErrorCode::MissingField, "SendMessage response: Id required") : r.error();
        if (state_ == SessionState::Ended) {
            // Refused (403 for the ended chat, or any other final error): not sent. A transport
            // failure or 5xx may have reached the server first: that error stays (outcome unknown).
            if (!err.retryable()) return failEndedSend(localId);
            transcript_.markFailed(localId, err);
            emitChange(localId, Change::Updated);
            return;
        }
        if (err.accessDenied() && sendAttempts_[localId]++ == 0) {
            // Maybe only our ConnectionToken went stale: get a new one and send again (same ClientToken).
            sendTokens_.erase(localId);
            queuedSends_.push_back(localId);
            fetchConnection(ConnectPurpose::TokenRefresh);
            return;
        }
        if (err.code == ErrorCode::Network && state_ != SessionState::Live) {
            queuedSends_.push_back(localId);   // offline: goes out when the connection is back
            return;
        }
        sendAttempts_.erase(localId);
        transcript_.markFailed(localId, err);
        if (const TranscriptEntry* now = transcript_.findLocal(localId); now && !now->item.id.empty()) {
            sendTokens_.erase(localId);   // its copy came back while it was out: sent after all
        } else {
            SessionEvent ev{SessionEventType::SendFailed};
            ev.localId = localId;
            ev.error = err;
            emit(ev);
        }
        emitChange(localId, Change::Updated);
        persist();
    }, 0, pin->second.token);
}

void ChatSession::notifyTyping() {
    if (state_ != SessionState::Live || connectionToken_.empty()) return;
    if (lastTypingSentMs_ >= 0 && now() - lastTypingSentMs_ < config_.timings.typingThrottleMs) return;
    lastTypingSentMs_ = now();
    SendEventRequest req{contentTypeString(ContentKind::Typing), {}, uuidV4(platform_.random)};
    call(Operation::SendEvent, encode(req), false, [](Result<std::string>) {});
}

void ChatSession::markRead(const std::string& messageId) {
    const TranscriptEntry* e = transcript_.findId(messageId);
    if (!e || e->own || !isPersonRole(e->item.role())) return;
    queueReceipt(ReceiptKind::Read, messageId);
}

// Receipts as chatjs sends them: a delivered request waits 300 ms (a read one does not), then joins a
// 5 s window; when the window closes only the latest request goes out, plus the latest read if the
// latest was a delivered one. Ids already read (or delivered) are never sent again.
void ChatSession::queueReceipt(ReceiptKind kind, const std::string& messageId) {
    if (messageId.empty() || state_ == SessionState::Ended) return;
    if (kind == ReceiptKind::Delivered && !config_.sendDeliveredReceipts) return;
    if (kind == ReceiptKind::Read && !config_.sendReadReceipts) return;
    if (receiptsRead_.count(messageId) || (kind == ReceiptKind::Delivered && receiptsDelivered_.count(messageId))) return;
    if (kind == ReceiptKind::Delivered)
        timers_->after(config_.timings.receiptPreDelayMs, [this, messageId] { enqueueReceipt(ReceiptKind::Delivered, messageId); });
    else
        enqueueReceipt(ReceiptKind::Read, messageId);
}

void ChatSession::enqueueReceipt(ReceiptKind kind, const std::string& messageId) {
    if (state_ == SessionState::Ended || receiptsRead_.count(messageId) ||
        (kind == ReceiptKind::Delivered && receiptsDelivered_.count(messageId)))
        return;
    (kind == ReceiptKind::Read ? pendingRead_ : pendingDelivered_) = messageId;
    lastReceiptKind_ = kind;
    if (!receiptWindowOpen_) {
        receiptWindowOpen_ = true;
        timers_->receiptWindow = timers_->after(config_.timings.receiptThrottleMs, [this] { closeReceiptWindow(); });
    }
}

void ChatSession::closeReceiptWindow() {
    receiptWindowOpen_ = false;
    auto read = std::exchange(pendingRead_, std::nullopt);
    auto delivered = std::exchange(pendingDelivered_, std::nullopt);
    if (lastReceiptKind_ == ReceiptKind::Delivered && delivered) sendReceipt(ReceiptKind::Delivered, *delivered);
    if (read) sendReceipt(ReceiptKind::Read, *read);
}

void ChatSession::sendReceipt(ReceiptKind kind, const std::string& messageId) {
    if (state_ == SessionState::Ended || connectionToken_.empty()) return;
    if (receiptsRead_.count(messageId) || (kind == ReceiptKind::Delivered && receiptsDelivered_.count(messageId))) return;
    receiptsDelivered_.insert(messageId);
    if (kind == ReceiptKind::Read) receiptsRead_.insert(messageId);
    SendEventRequest req;
    req.contentType = contentTypeString(kind == ReceiptKind::Read ? ContentKind::MessageRead : ContentKind::MessageDelivered);
    req.content = encode(ReceiptEventContent{messageId, std::nullopt});
    req.clientToken = uuidV4(platform_.random);
    // 409 (more than two participants) and other failures are dropped silently, as chatjs does.
    call(Operation::SendEvent, encode(req), false, [](Result<std::string>) {});
    persist();
}

// ---------------------------------------------------------------------------------------------
// Ending
// ---------------------------------------------------------------------------------------------
void ChatSession::disconnect() {
    if (state_ == SessionState::Ended || state_ == SessionState::Failed || disconnectRequested_) return;
    disconnectRequested_ = true;
    if (connectionToken_.empty()) return finish(true);
    call(Operation::DisconnectParticipant, encode(DisconnectParticipantRequest{uuidV4(platform_.random)}), false,
         [this](Result<std::string> res) {
             if (state_ == SessionState::Ended) return;
             if (!res && !res.error().accessDenied()) {
                 disconnectRequested_ = false;
                 lastError_ = res.error();
                 emit({SessionEventType::Error, {}, {}, {}, {}, false, nullptr, res.error()});
                 return;
             }
             if (!res) return finish(true);   // 403: already over
             timers_->replace(timers_->endGrace, config_.timings.endGraceMs, [this] { finish(true); });
         });
}

void ChatSession::finish(bool synthetic) {
    if (state_ == SessionState::Ended || state_ == SessionState::Failed) return;
    if (synthetic) {
        Item ended;
        ended.id = kSyntheticEndedId;
        ended.type = ItemType::Event;
        ended.contentType = contentTypeString(ContentKind::ChatEnded);
        ended.absoluteTime = formatIsoTime(std::max(now(), transcript_.newestServerTime().value_or(0)));
        ended.participantRole = ParticipantRole::System;
        emitChange(ended.id, transcript_.ingest(ended));
    }
    std::vector<std::string> unsent;
    for (const TranscriptEntry* e : transcript_.unsent())
        if (e->delivery == Delivery::Pending && !sendsAwaitingAnswer_.count(e->localId)) unsent.push_back(e->localId);
    for (const std::string& localId : unsent) failEndedSend(localId);
    dropSocket(primary_, 1000);
    dropSocket(secondary_, 1000);
    for (Clock::TimerId* t : {&timers_->heartbeat, &timers_->lifetime, &timers_->tokenRefresh, &timers_->reconnect,
                              &timers_->receiptWindow, &timers_->endGrace, &timers_->typing})
        timers_->cancel(*t);
    typing_.clear();
    queuedSends_.clear();
    if (platform_.storage && !config_.storageKey.empty()) platform_.storage->remove(config_.storageKey);
    setState(SessionState::Ended);
    emit({SessionEventType::ChatEnded});
}

void ChatSession::failEndedSend(const std::string& localId) {
    transcript_.markFailed(localId, makeError(ErrorCode::Ended, "the chat ended before this was sent"));
    emitChange(localId, Change::Updated);
}

void ChatSession::fail(Error e) {
    if (state_ == SessionState::Ended || state_ == SessionState::Failed) return;
    lastError_ = e;
    dropSocket(primary_, 1000);
    dropSocket(secondary_, 1000);
    for (Clock::TimerId* t : {&timers_->heartbeat, &timers_->lifetime, &timers_->tokenRefresh, &timers_->reconnect})
        timers_->cancel(*t);
    setState(SessionState::Failed);
    emit({SessionEventType::Error, {}, {}, {}, {}, false, nullptr, std::move(e)});
}

}  // namespace finchat
