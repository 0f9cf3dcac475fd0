#include "finchat/conversation.h"

#include <algorithm>

#include "finchat/json.h"
#include "finchat/pii.h"
#include "finchat/protocol.h"
#include "finchat/util.h"
#include "alive_guard.h"

namespace finchat {

namespace {
constexpr int kRecordVersion = 1;

const char* roleName(const Item& item) {
    switch (item.role()) {
        case ParticipantRole::Customer: return "customer";
        case ParticipantRole::System:
        case ParticipantRole::CustomBot: return "bot";
        default: return "agent";
    }
}

HandoffState handoffFrom(const std::string& s) {
    if (s == "requesting") return HandoffState::Requesting;
    if (s == "connecting") return HandoffState::Connecting;
    if (s == "failed") return HandoffState::Failed;
    if (s == "done") return HandoffState::Done;
    return HandoffState::None;
}

const char* handoffName(HandoffState s) {
    switch (s) {
        case HandoffState::None: return "none";
        case HandoffState::Requesting: return "requesting";
        case HandoffState::Connecting: return "connecting";
        case HandoffState::Failed: return "failed";
        case HandoffState::Done: return "done";
    }
    return "none";
}

PiiPolicy piiFrom(const std::string& s) {
    return s == "mask" ? PiiPolicy::Mask : s == "typed" ? PiiPolicy::AsTyped : PiiPolicy::Default;
}
const char* piiName(PiiPolicy p) {
    return p == PiiPolicy::Mask ? "mask" : p == PiiPolicy::AsTyped ? "typed" : "default";
}

std::string stringField(const Json& j, const char* key) {
    const Json* v = j.find(key);
    return v && v->isString() ? v->asString() : std::string();
}

// What a finished chat keeps in the window: the items the server confirmed, message text redacted
// (this copy outlives the chat in sessionStorage and goes nowhere else).
std::vector<Item> redactedRows(const Transcript& t) {
    std::vector<Item> rows;
    for (const TranscriptEntry& e : t.entries()) {
        if (e.item.id.empty() || escalationSignal(e.item)) continue;
        Item item = e.item;
        if (item.type == ItemType::Message) item.content = redactPii(item.content);
        rows.push_back(std::move(item));
    }
    return rows;
}
}  // namespace

const char* toString(ConversationState s) {
    switch (s) {
        case ConversationState::Idle: return "idle";
        case ConversationState::RequestingToken: return "requesting-token";
        case ConversationState::StartFailed: return "start-failed";
        case ConversationState::InChat: return "in-chat";
        case ConversationState::Ended: return "ended";
    }
    return "idle";
}

const char* toString(HandoffState s) { return handoffName(s); }

Conversation::Conversation(Platform platform, TokenProvider& tokens, ConversationConfig config, DataProvider* data)
    : platform_(platform), tokens_(tokens), data_(data), config_(std::move(config)) {}

Conversation::~Conversation() {
    alive_.reset();
    if (handoffTimer_) platform_.clock.cancelTimer(*handoffTimer_);
}

// ---------------------------------------------------------------------------------------------
// Starting, restoring
// ---------------------------------------------------------------------------------------------
std::string Conversation::sessionKey(SupportLevel level) const {
    if (config_.storageKey.empty()) return {};
    return config_.storageKey + (level == SupportLevel::L2 ? ".l2" : ".l1");
}

std::unique_ptr<ChatSession> Conversation::makeSession(ChatDetails details, SupportLevel level) {
    SessionConfig sc = config_.session;
    sc.storageKey = sessionKey(level);
    if (details.displayName.empty()) details.displayName = config_.displayName;
    return std::make_unique<ChatSession>(platform_, std::move(details), std::move(sc));
}

void Conversation::attach(ChatSession& session, SupportLevel level) {
    ChatSession* s = &session;
    session.setEventHandler([this, s, level](const SessionEvent& e) {
        // A session that was dropped or retired (the L1 chat after the handoff) is no longer news.
        if (s != l1_.get() && s != l2_.get()) return;
        onSessionEvent(level, e);
    });
}

void Conversation::start() {
    if (state_ != ConversationState::Idle) return;
    requestL1Token();
}

void Conversation::requestL1Token() {
    startError_.reset();
    setState(ConversationState::RequestingToken);
    const std::uint64_t attempt = ++attempt_;
    TokenRequest request;
    request.level = SupportLevel::L1;
    tokens_.request(std::move(request), guard(alive_, [this, attempt](Result<ChatDetails> r) {
        if (attempt != attempt_ || state_ != ConversationState::RequestingToken) return;   // stale
        onL1Token(std::move(r));
    }));
}

void Conversation::onL1Token(Result<ChatDetails> r) {
    if (r && (r->participantToken.empty() || r->endpoint.empty()))
        r = Error{ErrorCode::MissingField, "token provider: no participantToken or endpoint"};
    if (!r) {
        startError_ = r.error();
        setState(ConversationState::StartFailed);
        return;
    }
    l1_ = makeSession(std::move(*r), SupportLevel::L1);
    attach(*l1_, SupportLevel::L1);
    segments_.clear();
    segments_.push_back(Segment{SupportLevel::L1, nullptr});
    countFromMs_ = platform_.clock.nowMs();
    setState(ConversationState::InChat);
    l1_->connect();
    flushQueue(*l1_);   // the session holds them until it is connected
    persist();
}

bool Conversation::restore() {
    if (!platform_.storage || config_.storageKey.empty() || state_ != ConversationState::Idle) return false;
    const auto saved = platform_.storage->get(config_.storageKey);
    if (!saved) return false;
    const Json record = Json::parse(*saved);
    const Json* version = record.find("v");
    if (!record.isObject() || !version || !version->isInteger() || version->asInt() != kRecordVersion) {
        forgetStorage();
        return false;
    }
    SessionConfig sc = config_.session;
    sc.storageKey = sessionKey(SupportLevel::L1);
    std::unique_ptr<ChatSession> l1 = ChatSession::resume(platform_, sc);
    sc.storageKey = sessionKey(SupportLevel::L2);
    std::unique_ptr<ChatSession> l2 = ChatSession::resume(platform_, sc);

    HandoffState handoff = handoffFrom(stringField(record, "handoff"));
    reason_ = stringField(record, "reason");
    if (const Json* ids = record.find("signals"))
        for (const Json& id : ids->items()) handledSignals_.insert(id.asString());
    if (const Json* q = record.find("queue")) {
        for (const Json& m : q->items()) {
            QueuedMessage qm;
            qm.id = "queued-" + std::to_string(nextQueued_++);
            qm.text = stringField(m, "text");
            qm.contentType = stringField(m, "contentType");
            qm.pii = piiFrom(stringField(m, "pii"));
            qm.timeMs = platform_.clock.nowMs();
            if (!qm.text.empty() && !qm.contentType.empty()) queue_.push_back(std::move(qm));
        }
    }
    // The rows of the L1 chat, kept since the handoff began (the chat may be over by now).
    std::unique_ptr<Transcript> rows;
    if (const Json* saved = record.find("l1Rows"); saved && saved->isString()) {
        if (auto page = decode<GetTranscriptResponse>(saved->asString())) {
            rows = std::make_unique<Transcript>(stringField(record, "l1Own"));
            for (const Item& item : page->transcript) rows->ingest(item);
        }
    }

    const bool l2Wanted = handoff == HandoffState::Done || handoff == HandoffState::Connecting;
    if ((handoff == HandoffState::Done && !l2) || (!l1 && !rows) || (handoff == HandoffState::None && !l1)) {
        // The chat that mattered is over (or nothing is readable): a new conversation next time.
        forgetStorage();
        return false;
    }
    countFromMs_ = platform_.clock.nowMs();
    segments_.push_back(Segment{SupportLevel::L1, nullptr});
    if (l1 && handoff != HandoffState::Done) {
        l1_ = std::move(l1);
        attach(*l1_, SupportLevel::L1);
    } else {
        if (!rows) rows = std::make_unique<Transcript>(l1 ? l1->details().participantId : std::string());
        segments_[0].frozen = std::move(rows);
        if (l1 && platform_.storage) platform_.storage->remove(sessionKey(SupportLevel::L1));   // over
    }
    if (l2 && !l2Wanted && platform_.storage) platform_.storage->remove(sessionKey(SupportLevel::L2));
    state_ = ConversationState::InChat;
    handoff_ = handoff;
    if (handoff == HandoffState::Failed) handoffError_ = Error{ErrorCode::Cancelled, "an earlier handoff failed"};

    if (handoff == HandoffState::Done) {
        l2_ = std::move(l2);
        attach(*l2_, SupportLevel::L2);
        segments_.push_back(Segment{SupportLevel::L2, nullptr});
        if (l2_->state() == SessionState::Idle) l2_->connect();
        flushQueue(*l2_);
    } else if (handoff == HandoffState::Connecting && l2) {
        l2_ = std::move(l2);
        attach(*l2_, SupportLevel::L2);
        armHandoffTimer();
        if (l1_ && l1_->state() == SessionState::Idle) l1_->connect();
        l2_->connect();
    } else if (handoff == HandoffState::Requesting || handoff == HandoffState::Connecting) {
        // The page went away while the partner was asked: ask again.
        handoff_ = HandoffState::None;
        if (l1_ && l1_->state() == SessionState::Idle) l1_->connect();
        beginHandoff(reason_);
    } else if (l1_) {
        if (l1_->state() == SessionState::Idle) l1_->connect();
        flushQueue(*l1_);
    }
    emit(ConversationEvent{ConversationEventType::StateChanged});
    return true;
}

void Conversation::retry() {
    if (state_ == ConversationState::StartFailed) return requestL1Token();
    if (handoff_ == HandoffState::Failed) return retryHandoff();
    const ChatSession* s = session();
    if (state_ == ConversationState::Ended || (s && s->state() == SessionState::Failed)) return startNew();
    retryNow();
}

void Conversation::startNew() {
    retire(l1_);
    retire(l2_);
    segments_.clear();
    queue_.clear();
    handledSignals_.clear();
    piiTypes_.reset();
    piiText_.clear();
    reason_.clear();
    handoff_ = HandoffState::None;
    handoffError_.reset();
    startError_.reset();
    cancelHandoffTimer();
    setUnread(0);
    forgetStorage();
    state_ = ConversationState::Idle;
    requestL1Token();
}

// ---------------------------------------------------------------------------------------------
// Sending
// ---------------------------------------------------------------------------------------------
SendResult Conversation::send(std::string text, std::string contentType) {
    if (state_ == ConversationState::Ended) return {SendOutcome::Refused, {}, Error{ErrorCode::Ended, "the chat has ended"}};
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        return {SendOutcome::Refused, {}, Error{ErrorCode::InvalidValue, "empty message"}};
    QueuedMessage m;
    m.text = std::move(text);
    m.contentType = std::move(contentType);
    m.timeMs = platform_.clock.nowMs();
    return deliver(std::move(m));
}

bool Conversation::canSendNow() const {
    if (handoff_ == HandoffState::Requesting || handoff_ == HandoffState::Connecting) return false;
    return session() != nullptr;
}

SendResult Conversation::deliver(QueuedMessage m) {
    if (!canSendNow()) {
        m.id = "queued-" + std::to_string(nextQueued_++);
        SendResult out{SendOutcome::Queued, m.id, std::nullopt};
        queue_.push_back(std::move(m));
        emit(ConversationEvent{ConversationEventType::QueueChanged});
        persist();
        return out;
    }
    ChatSession* s = current();
    auto r = s->sendMessage(m.text, m.contentType, m.pii);
    if (r) return {SendOutcome::Sent, *r, std::nullopt};
    if (r.error().code == ErrorCode::PiiDetected) {
        piiText_ = std::move(m.text);
        piiContentType_ = std::move(m.contentType);
        piiTypes_ = r.error().detail;
        ConversationEvent ev{ConversationEventType::PiiQuestion};
        ev.text = *piiTypes_;
        ev.segment = currentSegment();
        emit(ev);
        return {SendOutcome::PiiQuestion, {}, std::nullopt};
    }
    return {SendOutcome::Refused, {}, r.error()};
}

SendResult Conversation::answerPii(PiiChoice choice) {
    if (!piiTypes_) return {SendOutcome::Refused, {}, Error{ErrorCode::InvalidValue, "no message is waiting"}};
    QueuedMessage m;
    m.text = std::move(piiText_);
    m.contentType = std::move(piiContentType_);
    m.pii = choice == PiiChoice::Mask ? PiiPolicy::Mask : PiiPolicy::AsTyped;
    m.timeMs = platform_.clock.nowMs();
    piiTypes_.reset();
    piiText_.clear();
    piiContentType_.clear();
    if (choice == PiiChoice::Cancel) {
        emit(ConversationEvent{ConversationEventType::StateChanged});
        return {SendOutcome::Refused, {}, Error{ErrorCode::Cancelled, "the customer kept the message"}};
    }
    return deliver(std::move(m));
}

void Conversation::flushQueue(ChatSession& to) {
    if (queue_.empty()) return;
    std::vector<QueuedMessage> waiting;
    waiting.swap(queue_);
    for (QueuedMessage& m : waiting) {
        auto r = to.sendMessage(m.text, m.contentType, m.pii);
        if (!r && r.error().code == ErrorCode::PiiDetected && !piiTypes_) {
            // Asked now, when it can be sent (policy AskFirst).
            piiText_ = m.text;
            piiContentType_ = m.contentType;
            piiTypes_ = r.error().detail;
            ConversationEvent ev{ConversationEventType::PiiQuestion};
            ev.text = *piiTypes_;
            ev.segment = currentSegment();
            emit(ev);
        }
    }
    emit(ConversationEvent{ConversationEventType::QueueChanged});
    persist();
}

Result<Unit> Conversation::retrySend(const std::string& localId) {
    if (ChatSession* s = current()) return s->retrySend(localId);
    return Error{ErrorCode::NotConnected, "no chat"};
}

void Conversation::notifyTyping() {
    if (ChatSession* s = current(); s && s->state() == SessionState::Live && canSendNow()) s->notifyTyping();
}

void Conversation::markRead(const std::string& messageId) {
    if (ChatSession* s = current()) s->markRead(messageId);
}

bool Conversation::loadOlder() {
    ChatSession* s = current();
    return s && s->loadOlder();
}

void Conversation::retryNow() {
    if (l1_) l1_->retryNow();
    if (l2_) l2_->retryNow();
}

void Conversation::end() {
    if (handoff_ == HandoffState::Requesting || handoff_ == HandoffState::Connecting) {
        cancelHandoffTimer();
        ++attempt_;   // a token still on its way is stale
        retire(l2_);
        handoff_ = HandoffState::None;
    }
    ChatSession* s = current();
    if (s && s->state() != SessionState::Ended && s->state() != SessionState::Failed) {
        s->disconnect();
    } else if (!s) {
        finishConversation();
    }
    emit(ConversationEvent{ConversationEventType::StateChanged});
}

void Conversation::setViewing(bool viewing) {
    viewing_ = viewing;
    if (viewing_) setUnread(0);
}

void Conversation::setUnread(int n) {
    if (n == unread_) return;
    unread_ = n;
    emit(ConversationEvent{ConversationEventType::UnreadChanged});
}

// ---------------------------------------------------------------------------------------------
// Session events
// ---------------------------------------------------------------------------------------------
void Conversation::onSessionEvent(SupportLevel level, const SessionEvent& e) {
    if (level == SupportLevel::L2 && handoff_ != HandoffState::Done) {
        // The L2 chat is not shown before it is live; only its progress matters.
        if (e.type != SessionEventType::StateChanged || !l2_) return;
        switch (l2_->state()) {
            case SessionState::Live: handoffSucceeded(); break;
            case SessionState::Failed:
                handoffFailed(l2_->lastError().value_or(Error{ErrorCode::Service, "the L2 chat could not start"}));
                break;
            case SessionState::Ended: handoffFailed(Error{ErrorCode::Ended, "the L2 chat ended before it began"}); break;
            default: break;
        }
        return;
    }
    const int segment = level == SupportLevel::L2 ? 1 : 0;
    // Only the customer's window moves; an agent watching the same chat just sees it go.
    if (e.type == SessionEventType::EscalationRequested && level == SupportLevel::L1 &&
        config_.session.role == ParticipantRole::Customer) {
        const std::string id = e.item ? e.item->id : std::string();
        if (id.empty() || handledSignals_.insert(id).second) beginHandoff(e.text);
    }
    if (e.type == SessionEventType::TranscriptChanged) noteIncoming(segment, e.localId);
    if (e.type == SessionEventType::TranscriptChanged) noteUploadEcho(transcript(segment), e.localId);

    ConversationEvent ev{ConversationEventType::Session};
    ev.segment = segment;
    ev.level = level;
    ev.session = &e;
    emit(ev);

    if (e.type == SessionEventType::StateChanged) {
        const SessionState st = level == SupportLevel::L2 ? l2_->state() : l1_->state();
        if (st == SessionState::Ended) {
            if (level == SupportLevel::L1 &&
                (handoff_ == HandoffState::Requesting || handoff_ == HandoffState::Connecting)) {
                // The L1 chat ended while the specialist is on the way: keep its rows, carry on.
                freezeL1();
                retire(l1_);
                persist();
            } else {
                finishConversation();
            }
        } else if (st == SessionState::Live) {
            persist();
        }
    }
}

void Conversation::noteIncoming(int segment, const std::string& localId) {
    if (viewing_) return;
    const TranscriptEntry* e = transcript(segment).findLocal(localId);
    if (!e || e->own || e->item.type != ItemType::Message || e->item.id.empty() || e->timeMs < countFromMs_) return;
    if (escalationSignal(e->item)) return;
    if (!counted_.insert(std::to_string(segment) + ":" + e->item.id).second) return;
    setUnread(unread_ + 1);
}

void Conversation::finishConversation() {
    if (state_ == ConversationState::Ended) return;
    cancelHandoffTimer();
    forgetStorage();
    setState(ConversationState::Ended);
    emit(ConversationEvent{ConversationEventType::Ended, currentSegment() < 0 ? 0 : currentSegment(),
                           segments_.empty() ? SupportLevel::L1 : segments_.back().level});
}

// ---------------------------------------------------------------------------------------------
// The handoff
// ---------------------------------------------------------------------------------------------
void Conversation::escalate(std::string reason) {
    if (reason.empty()) reason = "customer request";
    beginHandoff(std::move(reason));
}

void Conversation::retryHandoff() {
    if (handoff_ == HandoffState::Failed) beginHandoff(reason_);
}

void Conversation::beginHandoff(std::string reason) {
    if (config_.session.role != ParticipantRole::Customer) return;
    if (handoff_ == HandoffState::Requesting || handoff_ == HandoffState::Connecting || handoff_ == HandoffState::Done)
        return;   // one L2 chat, however many triggers
    if (segments_.empty() || state_ == ConversationState::Ended) {
        ConversationEvent ev{ConversationEventType::HandoffFailed};
        ev.error = Error{ErrorCode::NotConnected, "there is no chat to escalate"};
        emit(ev);
        return;
    }
    reason_ = std::move(reason);
    handoff_ = HandoffState::Requesting;
    handoffError_.reset();
    armHandoffTimer();
    ConversationEvent started{ConversationEventType::HandoffStarted};
    started.text = reason_;
    emit(started);
    emit(ConversationEvent{ConversationEventType::StateChanged});
    persist();

    const std::uint64_t attempt = ++attempt_;
    TokenRequest request;
    request.level = SupportLevel::L2;
    request.reason = reason_;
    request.transcriptJson = escalationTranscript();
    tokens_.request(std::move(request), guard(alive_, [this, attempt](Result<ChatDetails> r) {
        if (attempt != attempt_ || handoff_ != HandoffState::Requesting) return;   // stale
        onL2Token(std::move(r));
    }));
}

void Conversation::onL2Token(Result<ChatDetails> r) {
    if (r && (r->participantToken.empty() || r->endpoint.empty()))
        r = Error{ErrorCode::MissingField, "token provider: no participantToken or endpoint"};
    if (!r) return handoffFailed(r.error());
    l2_ = makeSession(std::move(*r), SupportLevel::L2);
    attach(*l2_, SupportLevel::L2);
    handoff_ = HandoffState::Connecting;
    persist();
    emit(ConversationEvent{ConversationEventType::StateChanged});
    l2_->connect();
}

void Conversation::armHandoffTimer() {
    cancelHandoffTimer();
    handoffTimer_ = platform_.clock.setTimer(config_.handoffTimeoutMs, guard(alive_, [this] {
        handoffTimer_.reset();
        if (handoff_ == HandoffState::Requesting || handoff_ == HandoffState::Connecting)
            handoffFailed(Error{ErrorCode::Network, "the L2 chat did not start in time"});
    }));
}

void Conversation::cancelHandoffTimer() {
    if (handoffTimer_) platform_.clock.cancelTimer(*handoffTimer_);
    handoffTimer_.reset();
}

void Conversation::freezeL1() {
    if (segments_.empty() || segments_[0].frozen || !l1_) return;
    segments_[0].frozen = std::make_unique<Transcript>(l1_->transcript());
}

void Conversation::handoffSucceeded() {
    cancelHandoffTimer();
    handoff_ = HandoffState::Done;
    // Own L1 messages that never made it go to the specialist instead (nothing typed is lost).
    if (l1_) {
        std::vector<QueuedMessage> carried;
        for (const TranscriptEntry* e : l1_->transcript().unsent()) {
            if (e->delivery != Delivery::Failed) continue;
            QueuedMessage m;
            m.id = "queued-" + std::to_string(nextQueued_++);
            m.text = e->item.content;
            m.contentType = e->item.contentType;
            m.pii = PiiPolicy::AsTyped;   // already through the policy once
            m.timeMs = e->timeMs;
            carried.push_back(std::move(m));
        }
        queue_.insert(queue_.begin(), carried.begin(), carried.end());
    }
    freezeL1();
    if (l1_ && l1_->state() != SessionState::Ended && l1_->state() != SessionState::Failed) l1_->disconnect();
    retire(l1_);
    if (platform_.storage && !config_.storageKey.empty()) platform_.storage->remove(sessionKey(SupportLevel::L1));
    segments_.push_back(Segment{SupportLevel::L2, nullptr});
    state_ = ConversationState::InChat;
    persist();
    ConversationEvent ev{ConversationEventType::HandoffSucceeded};
    ev.segment = currentSegment();
    ev.level = SupportLevel::L2;
    emit(ev);
    flushQueue(*l2_);
    emit(ConversationEvent{ConversationEventType::StateChanged});
}

void Conversation::handoffFailed(Error error) {
    cancelHandoffTimer();
    ++attempt_;
    retire(l2_);
    if (platform_.storage && !config_.storageKey.empty()) platform_.storage->remove(sessionKey(SupportLevel::L2));
    handoff_ = HandoffState::Failed;
    handoffError_ = error;
    ConversationEvent ev{ConversationEventType::HandoffFailed};
    ev.error = std::move(error);
    emit(ev);
    // Stay on L1: what was typed meanwhile goes there (or waits for the next try if L1 is over).
    if (l1_ && l1_->state() != SessionState::Ended && l1_->state() != SessionState::Failed) flushQueue(*l1_);
    persist();
    emit(ConversationEvent{ConversationEventType::StateChanged});
}

void Conversation::retire(std::unique_ptr<ChatSession>& slot) {
    if (!slot) return;
    // Possibly inside that session's own callback: it is freed on a later turn.
    retired_.push_back(std::move(slot));
    platform_.clock.setTimer(0, guard(alive_, [this] {
        std::erase_if(retired_, [](const std::unique_ptr<ChatSession>& s) {
            return s->state() != SessionState::Live;   // a disconnecting L1 chat finishes first
        });
    }));
}

std::string Conversation::escalationTranscript() const {
    if (segments_.empty()) return "[]";
    const Transcript& t = transcript(0);
    // Newest first until the size bound, then in order.
    std::vector<Json> rows;
    std::size_t total = 0;
    const auto& entries = t.entries();
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
        const Item& item = it->item;
        if (item.type != ItemType::Message || escalationSignal(item)) continue;
        std::string text = redactPii(item.content);
        total += text.size() + item.displayName.size() + 64;
        if (total > config_.maxTranscriptChars) break;
        rows.push_back(Json::object({{"role", it->own ? "customer" : roleName(item)},
                                     {"name", item.displayName},
                                     {"text", std::move(text)},
                                     {"time", formatIsoTime(it->timeMs)}}));
    }
    Json out = Json::array();
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) out.push(std::move(*it));
    return out.dump();
}

// ---------------------------------------------------------------------------------------------
// Data provider
// ---------------------------------------------------------------------------------------------
void Conversation::callData(std::string name, std::string argsJson, std::function<void(Result<std::string>)> done) {
    auto answered = std::make_shared<bool>(false);
    auto finish = std::make_shared<std::function<void(Result<std::string>)>>(std::move(done));
    if (!data_) {
        platform_.clock.setTimer(0, guard(alive_, [finish] {
            (*finish)(Error{ErrorCode::NotConnected, "no data provider"});
        }));
        return;
    }
    const Clock::TimerId timer = platform_.clock.setTimer(config_.dataProviderTimeoutMs, guard(alive_, [answered, finish] {
        if (*answered) return;
        *answered = true;
        (*finish)(Error{ErrorCode::Network, "data provider: no answer in time"});
    }));
    data_->call(std::move(name), std::move(argsJson), guard(alive_, [this, answered, finish, timer](Result<std::string> r) {
        if (*answered) return;
        *answered = true;
        platform_.clock.cancelTimer(timer);
        (*finish)(std::move(r));
    }));
}

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------
SupportLevel Conversation::segmentLevel(int segment) const {
    if (segment < 0 || segment >= segmentCount()) return SupportLevel::L1;
    return segments_[static_cast<std::size_t>(segment)].level;
}

const Transcript& Conversation::transcript(int segment) const {
    static const Transcript empty;
    if (segment < 0 || segment >= segmentCount()) return empty;
    const Segment& s = segments_[static_cast<std::size_t>(segment)];
    if (s.frozen) return *s.frozen;
    const ChatSession* live = s.level == SupportLevel::L2 ? l2_.get() : l1_.get();
    return live ? live->transcript() : empty;
}

const ChatSession* Conversation::session() const {
    if (segments_.empty()) return nullptr;
    const Segment& s = segments_.back();
    if (s.frozen) return nullptr;
    return s.level == SupportLevel::L2 ? l2_.get() : l1_.get();
}

ChatSession* Conversation::current() { return const_cast<ChatSession*>(std::as_const(*this).session()); }

SessionState Conversation::sessionState() const {
    const ChatSession* s = session();
    return s ? s->state() : SessionState::Idle;
}

std::vector<TypingParticipant> Conversation::typing() const {
    const ChatSession* s = session();
    return s ? s->typing() : std::vector<TypingParticipant>{};
}

bool Conversation::hasOlderHistory() const {
    const ChatSession* s = session();
    return s && s->hasOlderHistory();
}

void Conversation::setState(ConversationState s) {
    if (s == state_) return;
    state_ = s;
    emit(ConversationEvent{ConversationEventType::StateChanged});
}

void Conversation::emit(ConversationEvent e) {
    if (handler_) handler_(e);
}

void Conversation::persist() {
    if (!platform_.storage || config_.storageKey.empty()) return;
    if (state_ != ConversationState::InChat) return;
    Json record = Json::object({{"v", kRecordVersion}, {"handoff", handoffName(handoff_)}, {"reason", reason_}});
    Json signals = Json::array();
    for (const auto& id : handledSignals_) signals.push(id);
    record.set("signals", std::move(signals));
    Json queue = Json::array();
    for (const QueuedMessage& m : queue_)
        queue.push(Json::object({{"text", m.text}, {"contentType", m.contentType}, {"pii", piiName(m.pii)}}));
    record.set("queue", std::move(queue));
    // Once a handoff is under way the L1 rows must survive the L1 chat (and a reload).
    if (handoff_ != HandoffState::None && !segments_.empty()) {
        GetTranscriptResponse page;
        page.transcript = redactedRows(transcript(0));
        record.set("l1Rows", encode(page));
        record.set("l1Own", transcript(0).ownParticipantId());
    }
    platform_.storage->set(config_.storageKey, record.dump());
}

void Conversation::forgetStorage() {
    if (!platform_.storage || config_.storageKey.empty()) return;
    platform_.storage->remove(config_.storageKey);
    platform_.storage->remove(sessionKey(SupportLevel::L1));
    platform_.storage->remove(sessionKey(SupportLevel::L2));
}

}  // namespace finchat
