#include "finchat/conversation.h"

#include <algorithm>

#include "finchat/interactive.h"
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
// (this copy outlives the chat in sessionStorage and goes nowhere else). The detector must be ready.
std::vector<Item> redactedRows(const Transcript& t, PiiDetector& pii) {
    std::vector<Item> rows;
    for (const TranscriptEntry& e : t.entries()) {
        if (e.item.id.empty() || escalationSignal(e.item)) continue;
        Item item = e.item;
        if (item.type == ItemType::Message) item.content = redactPii(item.content, pii.detect(item.content));
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

// Stands in for a missing partner DataProvider: every call fails (on a later turn, as providers.h asks).
class Conversation::NoDataProvider final : public DataProvider {
public:
    explicit NoDataProvider(Clock& clock) : clock_(clock) {}
    void call(std::string, std::string, std::function<void(Result<std::string>)> done) override {
        clock_.setTimer(0, [done = std::move(done)] { done(makeError(ErrorCode::NotConnected, "no data provider")); });
    }

private:
    Clock& clock_;
};

namespace {
std::string pickedKey(const std::string& storageKey) { return storageKey.empty() ? std::string() : storageKey + ".picked"; }
}  // namespace

Conversation::Conversation(Platform platform, TokenProvider& tokens, ConversationConfig config, DataProvider* data)
    : platform_(platform), tokens_(tokens), data_(data), config_(std::move(config)),
      noData_(std::make_unique<NoDataProvider>(platform_.clock)),
      pickedTitles_(config_.storageKey.empty() ? nullptr : platform_.storage, pickedKey(config_.storageKey)) {}

Conversation::~Conversation() {
    alive_.reset();
    templates_.clear();   // resolvers cancel their timers while the clock is still there
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
        // The L1 chat after it is over: only the answers to own messages still out matter.
        if (s == l1Closing_.get() && s) {
            if (e.type == SessionEventType::TranscriptChanged || e.type == SessionEventType::StateChanged) settleL1();
            return;
        }
        // A session that was dropped or retired is no longer news.
        if (s != l1_.get() && s != l2_.get()) return;
        onSessionEvent(level, e);
    });
}

void Conversation::start() {
    if (state_ != ConversationState::Idle) return;
    if (piiNamesGuarded(config_.session)) wantPii();
    requestL1Token();
}

void Conversation::wantPii() {
    if (piiWanted_) return;
    piiWanted_ = true;
    emit(ConversationEvent{ConversationEventType::PiiWanted});
}

// Said again for each new wait, so that a host whose first load failed tries again then.
void Conversation::waitForPii() {
    piiWanted_ = true;
    emit(ConversationEvent{ConversationEventType::PiiWanted});
}

void Conversation::piiReady() {
    if (!platform_.pii.ready()) return;
    if (keptCopyWaitsForPii_) {
        keptCopyWaitsForPii_ = false;
        persist();
    }
    if (handoffWaitsForPii_) {
        handoffWaitsForPii_ = false;
        if (handoff_ == HandoffState::Requesting) requestL2Token();
    }
    flushIfLive();
}

// What waited goes now, through the same path as any queued message (AskFirst still asks); never
// into a chat that ended meanwhile (it stays queued, as after any chat that is over).
void Conversation::flushIfLive() {
    if (ChatSession* s = current();
        s && canSendNow() && s->state() != SessionState::Ended && s->state() != SessionState::Failed)
        flushQueue(*s);
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
        r = makeError(ErrorCode::MissingField, "token provider: no participantToken or endpoint");
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
    if (const Json* picks = record.find("picks")) {
        for (const Json& p : picks->items()) {
            const auto& f = p.items();
            if (f.size() != 5 || !f[0].isInteger() || !f[1].isString() || !f[2].isInteger() || !f[3].isInteger() ||
                !f[4].isInteger())
                continue;
            picks_.push_back(TemplatePick{{static_cast<int>(f[0].asInt()), f[1].asString()},
                                          {static_cast<int>(f[2].asInt()), static_cast<int>(f[3].asInt()),
                                           static_cast<int>(f[4].asInt())}});
        }
    }
    if (const Json* last = record.find("lastPicked"); last && last->isString() && !last->asString().empty())
        lastPickedId_ = last->asString();
    pickedTitles_.restore();
    if (const Json* q = record.find("queue")) {
        for (const Json& m : q->items()) {
            QueuedMessage qm;
            qm.id = "queued-" + decimal(nextQueued_++);
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
        keptRows_ = saved->asString();   // written again as it is until the PII detector is ready
        if (auto page = decode<GetTranscriptResponse>(saved->asString())) {
            rows = std::make_unique<Transcript>(stringField(record, "l1Own"));
            for (const Item& item : page->transcript) rows->ingest(item);
        }
    }
    std::vector<std::string> restoredReplies;
    if (const Json* open = record.find("l1Open"); open && rows) {
        for (const Json& m : open->items()) {
            const std::string text = stringField(m, "text"), contentType = stringField(m, "contentType");
            if (text.empty() || contentType.empty()) continue;
            const std::string localId =
                rows->addPending(contentType, text, {}, stringField(m, "name"),
                                 parseIsoTime(stringField(m, "time")).value_or(platform_.clock.nowMs()));
            rows->markFailed(localId, makeError(ErrorCode::Network, "the answer was lost with the page"));
            const Json* reply = m.find("reply");
            if (reply && reply->isBool() && reply->asBool()) restoredReplies.push_back(localId);
        }
    }

    const bool l2Wanted = handoff == HandoffState::Done || handoff == HandoffState::Connecting;
    if ((handoff == HandoffState::Done && !l2) || (!l1 && !rows) || (handoff == HandoffState::None && !l1)) {
        // The chat that mattered is over (or nothing is readable): a new conversation next time.
        forgetStorage();
        picks_.clear();
        lastPickedId_.reset();
        pickedTitles_.clear();
        handledSignals_.clear();
        queue_.clear();
        reason_.clear();
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
        for (const std::string& localId : restoredReplies) replies_.insert({0, localId});
        if (l1 && platform_.storage) platform_.storage->remove(sessionKey(SupportLevel::L1));   // over
    }
    if (l2 && !l2Wanted && platform_.storage) platform_.storage->remove(sessionKey(SupportLevel::L2));
    state_ = ConversationState::InChat;
    handoff_ = handoff;
    if (handoff == HandoffState::Failed) handoffError_ = makeError(ErrorCode::Cancelled, "an earlier handoff failed");

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
    wantPii();   // a chat with a transcript to redact later (and perhaps a guarded policy)
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
    retire(l1Closing_);
    replies_.clear();
    segments_.clear();
    keptRows_.clear();
    queue_.clear();
    handledSignals_.clear();
    clearPiiQuestion();
    reason_.clear();
    handoff_ = HandoffState::None;
    handoffWaitsForPii_ = false;
    handoffError_.reset();
    startError_.reset();
    cancelHandoffTimer();
    templates_.clear();
    picks_.clear();
    lastPickedId_.reset();
    pickedTitles_.clear();
    setUnread(0);
    forgetStorage();
    state_ = ConversationState::Idle;
    requestL1Token();
}

// ---------------------------------------------------------------------------------------------
// Sending
// ---------------------------------------------------------------------------------------------
SendResult Conversation::send(std::string text, std::string contentType) {
    if (state_ == ConversationState::Ended) return {SendOutcome::Refused, {}, makeError(ErrorCode::Ended, "the chat has ended")};
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        return {SendOutcome::Refused, {}, makeError(ErrorCode::InvalidValue, "empty message")};
    QueuedMessage m;
    m.text = std::move(text);
    m.contentType = std::move(contentType);
    m.timeMs = platform_.clock.nowMs();
    if (piiTypes_ && piiCallerHolds_) {
        // The caller's edit of the message it still holds: the held one is withdrawn, so no answer
        // can send it any more (its text may be what the customer just took out). What was queued
        // behind it (a handoff's wait) goes first, in the order typed.
        clearPiiQuestion();
        emit(ConversationEvent{ConversationEventType::StateChanged});
        flushIfLive();
    }
    // A question from the queue: this is a new message and waits behind the held one.
    SendResult out = piiTypes_ ? enqueue(std::move(m)) : deliver(std::move(m));
    if (out.outcome == SendOutcome::PiiQuestion) piiCallerHolds_ = true;
    wantPii();   // the first message (if it waited for the detector, PiiWanted was said already)
    return out;
}

bool Conversation::canSendNow() const {
    if (handoff_ == HandoffState::Requesting || handoff_ == HandoffState::Connecting) return false;
    return session() != nullptr;
}

SendResult Conversation::deliver(QueuedMessage m, bool ahead) {
    if (!canSendNow()) return enqueue(std::move(m), ahead);
    if (!ahead && !queue_.empty()) {   // behind what waits for the PII detector: in the order typed
        SendResult out = enqueue(std::move(m));
        if (!platform_.pii.ready()) waitForPii();
        return out;
    }
    ChatSession* s = current();
    auto r = s->sendMessage(m.text, m.contentType, m.pii);
    if (r) return {SendOutcome::Sent, *r, std::nullopt};
    if (r.error().code == ErrorCode::PiiUnavailable) {   // the guard needs the detector: wait for it
        SendResult out = enqueue(std::move(m), ahead);
        waitForPii();
        return out;
    }
    if (r.error().code == ErrorCode::PiiDetected) {
        askPii(std::move(m.text), std::move(m.contentType), r.error().detail);
        return {SendOutcome::PiiQuestion, {}, std::nullopt};
    }
    return {SendOutcome::Refused, {}, r.error()};
}

SendResult Conversation::enqueue(QueuedMessage m, bool ahead) {
    m.id = "queued-" + decimal(nextQueued_++);
    SendResult out{SendOutcome::Queued, m.id, std::nullopt};
    queue_.insert(ahead ? queue_.begin() : queue_.end(), std::move(m));
    emit(ConversationEvent{ConversationEventType::QueueChanged});
    persist();
    return out;
}

void Conversation::askPii(std::string text, std::string contentType, std::string types) {
    piiText_ = std::move(text);
    piiContentType_ = std::move(contentType);
    piiTypes_ = std::move(types);
    piiCallerHolds_ = false;   // send() says so when the question answers its own call
    ConversationEvent ev{ConversationEventType::PiiQuestion};
    ev.text = *piiTypes_;
    ev.segment = currentSegment();
    emit(ev);
}

void Conversation::clearPiiQuestion() {
    piiTypes_.reset();
    piiText_.clear();
    piiContentType_.clear();
    piiCallerHolds_ = false;
}

SendResult Conversation::answerPii(PiiChoice choice) {
    if (!piiTypes_) return {SendOutcome::Refused, {}, makeError(ErrorCode::InvalidValue, "no message is waiting")};
    QueuedMessage m;
    m.text = std::move(piiText_);
    m.contentType = std::move(piiContentType_);
    m.pii = choice == PiiChoice::Mask ? PiiPolicy::Mask : PiiPolicy::AsTyped;
    m.timeMs = platform_.clock.nowMs();
    clearPiiQuestion();
    if (choice == PiiChoice::Cancel) {
        emit(ConversationEvent{ConversationEventType::StateChanged});
        flushIfLive();   // what was typed after it waited for the answer (flushQueue)
        return {SendOutcome::Refused, {}, makeError(ErrorCode::Cancelled, "the customer kept the message")};
    }
    // Ahead of what was typed after it, which goes next.
    SendResult out = deliver(std::move(m), true);
    flushIfLive();
    return out;
}

void Conversation::flushQueue(ChatSession& to) {
    if (queue_.empty()) return;
    std::vector<QueuedMessage> waiting;
    waiting.swap(queue_);
    bool detectorWait = false;
    auto m = waiting.begin();
    for (; m != waiting.end(); ++m) {
        // The customer is being asked about a message (policy AskFirst): what was typed after it waits
        // for the answer (answerPii sends it on), so none overtakes it and a second question never
        // replaces the first.
        if (piiTypes_) break;
        auto r = to.sendMessage(m->text, m->contentType, m->pii);
        // No detector yet: this one and everything after it wait for piiReady(), in order.
        if (!r && r.error().code == ErrorCode::PiiUnavailable) {
            detectorWait = true;
            break;
        }
        // Asked now, when it can be sent (policy AskFirst).
        if (!r && r.error().code == ErrorCode::PiiDetected) askPii(m->text, m->contentType, r.error().detail);
    }
    queue_.insert(queue_.begin(), std::make_move_iterator(m), std::make_move_iterator(waiting.end()));
    emit(ConversationEvent{ConversationEventType::QueueChanged});
    persist();
    if (detectorWait) waitForPii();
}

Result<Unit> Conversation::retrySend(int segment, const std::string& localId) {
    const TranscriptEntry* e = segment >= 0 && segment < segmentCount() ? transcript(segment).findLocal(localId) : nullptr;
    if (!e || !e->own || e->item.type != ItemType::Message || e->delivery != Delivery::Failed)
        return makeError(ErrorCode::InvalidValue, "no failed message with that id");
    ChatSession* s = current();
    const bool chatOver = state_ == ConversationState::Ended || segment != currentSegment() || !s ||
                          s->state() == SessionState::Ended || s->state() == SessionState::Failed;
    if (!chatOver) return s->retrySend(localId);
    if (replies_.count({segment, localId})) return makeError(ErrorCode::Ended, "the template's chat is over");
    QueuedMessage m;
    m.text = e->item.content;
    m.contentType = e->item.contentType;
    m.pii = PiiPolicy::AsTyped;   // through the policy once already
    m.timeMs = platform_.clock.nowMs();
    if (state_ == ConversationState::Ended) {
        // The conversation is over: a new one takes it.
        startNew();
        deliver(std::move(m));
        return Unit{};
    }
    if (segment != 0 || !segments_[0].frozen) return makeError(ErrorCode::Ended, "the chat has ended");
    // The L1 chat is over and may or may not have it: the customer chose to send it on.
    segments_[0].frozen->forget(localId);
    emitRowChanged(0, localId);
    carry({std::move(m)});
    return Unit{};
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
        handoffWaitsForPii_ = false;
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
                handoffFailed(l2_->lastError().value_or(makeError(ErrorCode::Service, "the L2 chat could not start")));
                break;
            case SessionState::Ended: handoffFailed(makeError(ErrorCode::Ended, "the L2 chat ended before it began")); break;
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
    boundTemplates();   // pointers from templateOf are valid until the next event: drop extras now
    if (e.type == SessionEventType::TranscriptChanged) noteUploadEcho(transcript(segment), e.localId);

    ConversationEvent ev{ConversationEventType::Session};
    ev.segment = segment;
    ev.level = level;
    ev.session = &e;
    emit(ev);

    if (e.type == SessionEventType::TranscriptChanged) {
        maybeResolveEagerly(segment, e.localId);
        refreshTemplates();   // a message of the customer's answers the templates before it
    }

    if (e.type == SessionEventType::StateChanged) {
        const SessionState st = level == SupportLevel::L2 ? l2_->state() : l1_->state();
        if (st == SessionState::Ended) {
            if (level == SupportLevel::L1 &&
                (handoff_ == HandoffState::Requesting || handoff_ == HandoffState::Connecting)) {
                // The L1 chat ended while the specialist is on the way: keep its rows, carry on, and
                // carry what it did not take.
                closeL1();
                persist();
            } else {
                finishConversation();
            }
        } else if (st == SessionState::Live) {
            persist();
        }
        refreshTemplates();
    }
}

void Conversation::noteIncoming(int segment, const std::string& localId) {
    if (viewing_) return;
    const TranscriptEntry* e = transcript(segment).findLocal(localId);
    if (!e || e->own || e->item.type != ItemType::Message || e->item.id.empty() || e->timeMs < countFromMs_) return;
    if (escalationSignal(e->item)) return;
    if (!counted_.insert(decimal(segment) + ":" + e->item.id).second) return;
    setUnread(unread_ + 1);
}

void Conversation::finishConversation() {
    if (state_ == ConversationState::Ended) return;
    cancelHandoffTimer();
    forgetStorage();
    setState(ConversationState::Ended);
    refreshTemplates();   // nobody reads a reply now
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
        ev.error = makeError(ErrorCode::NotConnected, "there is no chat to escalate");
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
    if (!platform_.pii.ready()) {
        // The transcript cannot be redacted yet: ask for the L2 chat once it can (piiReady), within
        // the same handoff timeout.
        handoffWaitsForPii_ = true;
        waitForPii();
        return;
    }
    requestL2Token();
}

void Conversation::requestL2Token() {
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
        r = makeError(ErrorCode::MissingField, "token provider: no participantToken or endpoint");
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
            handoffFailed(makeError(ErrorCode::Network, "the L2 chat did not start in time"));
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

void Conversation::closeL1() {
    freezeL1();
    l1Closing_ = std::move(l1_);
    settleL1();
}

// Own L1 messages without a server Id, by what the L1 chat answered (conversation.h).
void Conversation::settleL1() {
    if (!l1Closing_) return;
    if (segments_.empty() || !segments_[0].frozen) return retire(l1Closing_);
    Transcript& shown = *segments_[0].frozen;
    const Transcript& l1 = l1Closing_->transcript();
    std::vector<std::string> ids;
    for (const TranscriptEntry* e : shown.unsent())
        if (e->item.type == ItemType::Message) ids.push_back(e->localId);
    std::vector<QueuedMessage> moved;
    std::vector<std::string> changed;
    bool waiting = false;
    for (const std::string& id : ids) {
        const TranscriptEntry* live = l1.findLocal(id);
        const TranscriptEntry* row = shown.findLocal(id);
        if (!live || !row) continue;
        if (!live->item.id.empty()) {   // taken
            shown.confirmSent(id, live->item.id, live->item.absoluteTime);
            changed.push_back(id);
        } else if (live->delivery == Delivery::Pending) {
            waiting = true;
        } else if ((!live->error || !live->error->retryable()) && !replies_.count({0, id})) {   // refused
            QueuedMessage m;
            m.text = live->item.content;
            m.contentType = live->item.contentType;
            m.pii = PiiPolicy::AsTyped;   // through the policy once already
            m.timeMs = live->timeMs;
            moved.push_back(std::move(m));
            shown.forget(id);
            changed.push_back(id);
        } else if (row->delivery != Delivery::Failed) {   // unknown (or a reply): Failed, Retry
            shown.markFailed(id, live->error.value_or(makeError(ErrorCode::Ended, "the chat ended before this was sent")));
            changed.push_back(id);
        }
    }
    if (!waiting) retire(l1Closing_);
    for (const std::string& id : changed) emitRowChanged(0, id);
    if (!moved.empty()) carry(std::move(moved));
    else if (!changed.empty()) persist();
}

// Messages moved from a chat that is over to the current one: sent now if it can take them, else
// ahead of what was typed later in queued().
void Conversation::carry(std::vector<QueuedMessage> moved) {
    if (canSendNow() && queue_.empty() && sessionState() != SessionState::Ended && sessionState() != SessionState::Failed) {
        for (QueuedMessage& m : moved) deliver(std::move(m));
        persist();
        return;
    }
    for (QueuedMessage& m : moved) m.id = "queued-" + decimal(nextQueued_++);
    queue_.insert(queue_.begin(), std::make_move_iterator(moved.begin()), std::make_move_iterator(moved.end()));
    emit(ConversationEvent{ConversationEventType::QueueChanged});
    persist();
}

// A row of a segment whose chat is over changed (settled, moved away): views redraw it.
void Conversation::emitRowChanged(int segment, const std::string& localId) {
    SessionEvent changed{SessionEventType::TranscriptChanged};
    changed.localId = localId;
    ConversationEvent ev{ConversationEventType::Session};
    ev.segment = segment;
    ev.level = segmentLevel(segment);
    ev.session = &changed;
    emit(ev);
}

void Conversation::handoffSucceeded() {
    cancelHandoffTimer();
    handoff_ = HandoffState::Done;
    // The L1 chat is over for the conversation: what it did not take goes to the specialist instead
    // (queued until the L2 segment is current, just below), what is still out waits for L1's answer.
    if (l1_) {
        ChatSession* l1 = l1_.get();
        closeL1();
        if (l1->state() != SessionState::Ended && l1->state() != SessionState::Failed) l1->disconnect();
    }
    if (platform_.storage && !config_.storageKey.empty()) platform_.storage->remove(sessionKey(SupportLevel::L1));
    segments_.push_back(Segment{SupportLevel::L2, nullptr});
    state_ = ConversationState::InChat;
    persist();
    ConversationEvent ev{ConversationEventType::HandoffSucceeded};
    ev.segment = currentSegment();
    ev.level = SupportLevel::L2;
    emit(ev);
    flushQueue(*l2_);
    refreshTemplates();   // the L1 chat is over: its templates cannot be answered
    emit(ConversationEvent{ConversationEventType::StateChanged});
}

void Conversation::handoffFailed(Error error) {
    cancelHandoffTimer();
    handoffWaitsForPii_ = false;
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
    if (segments_.empty() || !platform_.pii.ready()) return "[]";
    const Transcript& t = transcript(0);
    // Newest first until the size bound, then in order.
    std::vector<Json> rows;
    std::size_t total = 0;
    const auto& entries = t.entries();
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
        const Item& item = it->item;
        if (item.type != ItemType::Message || escalationSignal(item) || templateReplyHidden(item.contentType, item.content))
            continue;
        std::string text = redactPii(item.content, platform_.pii.detect(item.content));
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
            (*finish)(makeError(ErrorCode::NotConnected, "no data provider"));
        }));
        return;
    }
    const Clock::TimerId timer = platform_.clock.setTimer(config_.dataProviderTimeoutMs, guard(alive_, [answered, finish] {
        if (*answered) return;
        *answered = true;
        (*finish)(makeError(ErrorCode::Network, "data provider: no answer in time"));
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
    // What the customer picked: row keys and option indexes, and the last opaque id (sent already).
    // Never a title: those stay in PickedTitles (".picked").
    Json picks = Json::array();
    for (const TemplatePick& p : picks_) {
        Json row = Json::array();
        row.push(p.key.first);
        row.push(p.key.second);
        row.push(p.choice.card);
        row.push(p.choice.element);
        row.push(p.choice.slot);
        picks.push(std::move(row));
    }
    record.set("picks", std::move(picks));
    if (lastPickedId_) record.set("lastPicked", *lastPickedId_);
    // Once a handoff is under way the L1 rows must survive the L1 chat (and a reload).
    bool keptCopyWaits = false;
    if (handoff_ != HandoffState::None && !segments_.empty()) {
        if (platform_.pii.ready()) {
            GetTranscriptResponse page;
            page.transcript = redactedRows(transcript(0), platform_.pii);
            keptRows_ = encode(page);
        } else {
            // They cannot be redacted yet: the rows written last (redacted) stay, the new ones are
            // written on piiReady(). Nothing unredacted is stored.
            keptCopyWaits = !keptCopyWaitsForPii_;
            keptCopyWaitsForPii_ = true;
        }
        if (!keptRows_.empty()) {
            record.set("l1Rows", keptRows_);
            record.set("l1Own", transcript(0).ownParticipantId());
        }
    }
    // Own messages of the L1 chat after it is over that it did not take (yet): still out, or
    // failed with an unknown outcome. After a reload their answers are lost: Failed, Retry.
    if (!segments_.empty() && segments_[0].frozen) {
        Json open = Json::array();
        for (const TranscriptEntry* e : segments_[0].frozen->unsent()) {
            if (e->item.type != ItemType::Message) continue;
            open.push(Json::object({{"text", e->item.content}, {"contentType", e->item.contentType},
                                    {"name", e->item.displayName}, {"time", formatIsoTime(e->timeMs)},
                                    {"reply", replies_.count({0, e->localId}) > 0}}));
        }
        record.set("l1Open", std::move(open));
    }
    platform_.storage->set(config_.storageKey, record.dump());
    if (keptCopyWaits) waitForPii();
}

void Conversation::forgetStorage() {
    if (!platform_.storage || config_.storageKey.empty()) return;
    platform_.storage->remove(config_.storageKey);
    platform_.storage->remove(sessionKey(SupportLevel::L1));
    platform_.storage->remove(sessionKey(SupportLevel::L2));
    platform_.storage->remove(pickedKey(config_.storageKey));
}

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------
const TranscriptEntry* Conversation::templateEntry(int segment, const std::string& localId) const {
    if (segment < 0 || segment >= segmentCount()) return nullptr;
    const TranscriptEntry* e = transcript(segment).findLocal(localId);
    if (!e || e->own || e->item.type != ItemType::Message || e->item.kind() != ContentKind::Interactive) return nullptr;
    return e;
}

const Conversation::TemplatePick* Conversation::pickOf(const TemplateKey& key) const {
    for (auto it = picks_.rbegin(); it != picks_.rend(); ++it)
        if (it->key == key) return &*it;
    return nullptr;
}

bool Conversation::templateAnswered(const TemplateKey& key) const {
    if (pickOf(key)) return true;
    // Only the current chat can take a reply (the L1 chat after a handoff is over).
    if (state_ == ConversationState::Ended || key.first != currentSegment() || !session()) return true;
    const SessionState st = session()->state();
    if (st == SessionState::Ended || st == SessionState::Failed) return true;
    if (!queue_.empty()) return true;   // typed after it, waiting for a chat
    const auto& entries = transcript(key.first).entries();
    const TranscriptEntry* e = transcript(key.first).findLocal(key.second);
    if (!e) return false;
    // Own messages the server has not confirmed yet are listed last whatever their time: one counts
    // only if it was typed after the template arrived (a question sent just before the bot's answer
    // came back does not answer that answer).
    for (std::size_t i = static_cast<std::size_t>(e - entries.data()) + 1; i < entries.size(); ++i) {
        const TranscriptEntry& later = entries[i];
        if (later.own && later.item.type == ItemType::Message && (!later.item.id.empty() || later.sequence > e->sequence))
            return true;
    }
    return false;
}

bool Conversation::updateTemplateView(const TemplateKey& key, TemplateSlot& slot) {
    TemplateView v;
    v.state = slot.resolver->state();
    v.ready = slot.resolver->ready();
    if (const TemplateResolver::Failure* f = slot.resolver->failure()) {
        if (!data_) {
            // No partner DataProvider: trying again cannot help.
            if (!slot.finalFailure) {
                slot.finalFailure = *f;
                slot.finalFailure->retryable = false;
            }
            v.failure = &*slot.finalFailure;
        } else {
            v.failure = f;
        }
    }
    v.answered = templateAnswered(key);
    if (const TemplatePick* p = pickOf(key)) v.picked = p->choice;
    const bool changed = v.state != slot.view.state || v.ready != slot.view.ready || v.failure != slot.view.failure ||
                         v.answered != slot.view.answered || v.picked != slot.view.picked;
    slot.view = v;
    return changed;
}

Conversation::TemplateSlot* Conversation::ensureTemplate(int segment, const std::string& localId) {
    TemplateKey key{segment, localId};
    auto it = templates_.find(key);
    if (it != templates_.end()) {
        it->second.used = ++templateUse_;
        return &it->second;
    }
    const TranscriptEntry* e = templateEntry(segment, localId);
    if (!e) return nullptr;
    ResolverOptions options;
    options.timeoutMs = config_.dataProviderTimeoutMs;
    options.pickedId = lastPickedId_;
    TemplateSlot& slot = templates_[key];
    slot.used = ++templateUse_;
    slot.resolver = std::make_unique<TemplateResolver>(data_ ? *data_ : *noData_, platform_.clock, e->item.content,
                                                       std::move(options));
    slot.resolver->onChange = [this, key] { templateResolved(key); };
    updateTemplateView(key, slot);
    slot.quiet = true;   // the caller reads the state it returns
    slot.resolver->start();
    slot.quiet = false;
    updateTemplateView(key, slot);
    return &slot;
}

void Conversation::emitTemplateChanged(const TemplateKey& key) {
    ConversationEvent ev{ConversationEventType::TemplateChanged};
    ev.segment = key.first;
    ev.level = segmentLevel(key.first);
    ev.text = key.second;   // the row's localId: never anything of the template
    emit(ev);
}

void Conversation::templateResolved(const TemplateKey& key) {
    auto it = templates_.find(key);
    if (it == templates_.end()) return;
    if (updateTemplateView(key, it->second) && !it->second.quiet) emitTemplateChanged(key);
}

void Conversation::refreshTemplates() {
    std::vector<TemplateKey> changed;
    for (auto& [key, slot] : templates_)
        if (updateTemplateView(key, slot)) changed.push_back(key);
    for (const TemplateKey& key : changed) emitTemplateChanged(key);
}

void Conversation::boundTemplates() {
    while (templates_.size() > kMaxTemplates) {
        auto oldest = std::min_element(templates_.begin(), templates_.end(),
                                       [](const auto& a, const auto& b) { return a.second.used < b.second.used; });
        templates_.erase(oldest);
    }
}

void Conversation::maybeResolveEagerly(int segment, const std::string& localId) {
    if (segment != currentSegment() || !templateEntry(segment, localId)) return;
    const TemplateKey key{segment, localId};
    if (templates_.count(key) || templateAnswered(key)) return;
    if (TemplateSlot* slot = ensureTemplate(segment, localId); slot && slot->view.state != TemplateResolver::State::Loading)
        emitTemplateChanged(key);   // ready at once (Connect's own templates): tell the views
}

const TemplateView* Conversation::templateOf(int segment, const std::string& localId) {
    TemplateSlot* slot = ensureTemplate(segment, localId);
    if (!slot) return nullptr;
    updateTemplateView({segment, localId}, *slot);
    return &slot->view;
}

const TemplateView* Conversation::knownTemplate(int segment, const std::string& localId) const {
    auto it = templates_.find({segment, localId});
    return it == templates_.end() ? nullptr : &it->second.view;
}

void Conversation::retryTemplate(int segment, const std::string& localId) {
    auto it = templates_.find({segment, localId});
    if (it == templates_.end() || !it->second.view.failure || !it->second.view.failure->retryable) return;
    it->second.resolver->retry();   // Loading, then Ready or Failed: TemplateChanged each time
}

std::optional<std::string> Conversation::pickedTitle(std::string_view content) const {
    return pickedTitles_.titleFor(content);
}

SendResult Conversation::chooseTemplate(int segment, const std::string& localId, TemplateChoice choice) {
    auto refuse = [](ErrorCode code, std::string detail) {
        return SendResult{SendOutcome::Refused, {}, Error{code, std::move(detail), 0, {}}};
    };
    const TemplateKey key{segment, localId};
    auto it = templates_.find(key);
    if (it == templates_.end() || !templateEntry(segment, localId))
        return refuse(ErrorCode::InvalidValue, "no template at that row");
    TemplateSlot& slot = it->second;
    updateTemplateView(key, slot);
    if (!slot.view.ready) return refuse(ErrorCode::InvalidValue, "the template is not ready");
    if (slot.view.answered) return refuse(ErrorCode::InvalidValue, "the template was answered already");

    const InteractiveTemplate* t = slot.view.ready;
    if (choice.card >= 0) {
        if (t->type != TemplateType::Carousel || static_cast<std::size_t>(choice.card) >= t->cards.size())
            return refuse(ErrorCode::InvalidValue, "no such card");
        t = &t->cards[static_cast<std::size_t>(choice.card)];
    } else if (t->type == TemplateType::Carousel) {
        return refuse(ErrorCode::InvalidValue, "a Carousel choice names its card");
    }
    const TemplateReply* reply = nullptr;
    std::string title;
    if (choice.slot >= 0) {
        if (choice.element >= 0 || static_cast<std::size_t>(choice.slot) >= t->slots.size())
            return refuse(ErrorCode::InvalidValue, "no such time slot");
        reply = &t->slots[static_cast<std::size_t>(choice.slot)].reply;
    } else if (choice.element >= 0 && static_cast<std::size_t>(choice.element) < t->elements.size()) {
        const TemplateElement& el = t->elements[static_cast<std::size_t>(choice.element)];
        if (!el.reply) return refuse(ErrorCode::InvalidValue, "that option sends nothing (a link)");
        reply = &*el.reply;
        title = el.title;
    } else {
        return refuse(ErrorCode::InvalidValue, "no such option");
    }
    if (!canSendNow()) return refuse(ErrorCode::NotConnected, "no chat can take the reply now");

    // Recorded before sending: the customer's bubble is drawn from the first event of the send, and
    // must read the title (never the id) from the start.
    const TemplateReply sent = *reply;   // the template may be dropped by the events below
    const std::optional<std::string> previousPickedId = lastPickedId_;
    if (sent.dataBound) {
        pickedTitles_.remember(sent.content, title);
        lastPickedId_ = sent.content;
    }
    if (sent.shownInTranscript) {
        picks_.push_back(TemplatePick{key, choice});
        if (picks_.size() > PickedTitles::kMaxEntries) picks_.erase(picks_.begin());
    }
    ChatSession* s = current();
    auto r = s->sendMessage(sent.content, sent.contentType, PiiPolicy::AsTyped);
    if (!r) {
        if (sent.shownInTranscript) {
            auto own = std::find_if(picks_.rbegin(), picks_.rend(), [&](const TemplatePick& p) { return p.key == key; });
            if (own != picks_.rend()) picks_.erase(std::next(own).base());
        }
        lastPickedId_ = previousPickedId;
        refreshTemplates();
        return SendResult{SendOutcome::Refused, {}, r.error()};
    }
    replies_.insert({currentSegment(), *r});
    persist();
    refreshTemplates();
    return SendResult{SendOutcome::Sent, *r, std::nullopt};
}

}  // namespace finchat
