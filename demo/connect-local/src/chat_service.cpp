#include "connect_local/chat_service.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <deque>
#include <unordered_map>

#include "connect_local/flow_runner.h"
#include "finchat/attachments.h"
#include "finchat/pii.h"
#include "finchat/util.h"
#include "keyword_bot.h"
#include "support_api.h"

namespace connect_local {

using finchat::ContentKind;
using finchat::Item;
using finchat::ItemType;
using finchat::Operation;
using finchat::ParticipantRole;
using nlohmann::json;

Reply Reply::error(std::string_view type, std::string_view message) {
    return {finchat::httpStatusForError(type), std::string(type), finchat::encodeServiceErrorBody(message)};
}

namespace {
constexpr std::int64_t kWebsocketUrlWindowMs = 100'000;     // the URL must be opened within 100 s
constexpr std::int64_t kConnectionLifetimeMs = 86'400'000;  // ConnectionToken: 1 day
constexpr std::size_t kIdempotencyEntries = 512;            // per contact
constexpr std::size_t kMaxEndedContacts = 2'000;            // kept for transcripts, then forgotten

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }
Reply okJson(const json& j) { return Reply::ok(dump(j)); }

const std::vector<std::string> kSupportedTypes = {
    "text/plain", "text/markdown", "application/json",
    "application/vnd.amazonaws.connect.message.interactive",
    "application/vnd.amazonaws.connect.message.interactive.response"};

}  // namespace

const std::vector<std::string>& supportedMessagingContentTypes() { return kSupportedTypes; }

namespace {
bool contains(const std::vector<std::string>& v, std::string_view s) { return std::find(v.begin(), v.end(), s) != v.end(); }
}  // namespace

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------
struct Participant {
    std::string id, displayName, token;
    ParticipantRole role = ParticipantRole::Customer;
    bool active = true;
};

struct Attachment {
    std::string id, name, contentType, participantId, uploadSig, downloadSig;
    std::int64_t declaredSize = 0;
    std::string bytes;
    bool uploaded = false, completed = false, rejected = false;
};

struct Contact {
    std::string initialId, currentId;
    std::string instance, flow, queue;
    std::map<std::string, std::string> attributes;
    std::vector<std::string> supportedTypes;
    std::vector<Item> items;                                 // the transcript (no typing, no metadata items)
    std::unordered_map<std::string, std::size_t> itemIndex;  // Id -> position
    std::map<std::string, Participant> participants;
    std::string customerId, agentId;
    ContactState state = ContactState::InFlow;
    std::int64_t queuedSinceMs = 0, lastTimeMs = 0;
    std::set<SocketId> sockets;
    std::unordered_map<std::string, std::string> idempotent;  // connectionToken + '\n' + ClientToken -> answer
    std::deque<std::string> idempotentOrder;
    std::vector<std::string> unansweredForAgent;             // customer texts waiting for the echo agent
    std::string flowTook;                                    // the last customer text the flow's bot took
    std::map<std::string, Attachment> attachments;
    finchat::Clock::TimerId idleTimer = 0, durationTimer = 0;
    std::int64_t lastCustomerActivityMs = 0;   // the idle timer checks this when it fires
    bool customerIdle = false;
    std::size_t bytes = 0;
};

struct Connection {
    std::string token, contactId, participantId;
    std::int64_t expiryMs = 0;
};
struct SocketGrant { std::string connectionToken; std::int64_t issuedMs = 0; };
struct Socket {
    SocketSink* sink = nullptr;
    std::string contactId, participantId;
    bool subscribed = false;
};

// Lookups by a token or id that arrives as a string_view, without building a std::string for it.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
template <class V> using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// An alias names the contact's initial id, and points at the contact itself: std::map nodes stay
// put, and forget() drops the aliases before the contact, so the pointer is valid while the alias is.
struct ContactRef {
    std::string initialId;
    Contact* contact = nullptr;
};

// The Connect primitives (contact_center.h) over the plain state above. The participant service,
// the agent API, the Support API, the flow runner and the bots act on contacts through them.
struct ChatService::Impl final : ContactCenter {
    Config config;
    finchat::Clock& clock;
    finchat::Random& random;
    Faults& faults;
    std::string httpBase = "http://127.0.0.1:8080", wsBase = "ws://127.0.0.1:8080";
    bool echoAgent = false;
    FlowLibrary flows = FlowLibrary::demo();
    KeywordBot keywordBot;              // the bots when no --bots bot is loaded
    SupportApi* support = nullptr;   // told when agents join and chats end (escalation record times)

    std::map<std::string, Contact> contacts;                   // by initial contact id
    StringMap<ContactRef> contactAlias;                         // any segment id -> initial id
    std::unordered_map<std::string, std::pair<std::string, std::string>> participantTokens;  // -> contact, participant
    StringMap<Connection> connections;
    std::unordered_map<std::string, SocketGrant> grants;
    std::map<SocketId, Socket> sockets;
    std::map<std::string, std::string> startTokens;            // StartChatContact ClientToken -> answer
    std::deque<std::string> endedOrder;
    std::set<finchat::Clock::TimerId> timers;
    SocketId nextSocket = 1;
    std::int64_t attachmentBytes = 0;
    std::size_t activeContacts = 0;
    FlowRunner runner{*this};           // last: destroyed first, while the state and timers it uses are alive

    Impl(Config c, finchat::Clock& cl, finchat::Random& r, Faults& f) : config(std::move(c)), clock(cl), random(r), faults(f) {
        runner.setLexBots(&keywordBot);
    }
    ~Impl() override { for (auto t : timers) clock.cancelTimer(t); }

    std::int64_t now() const { return clock.nowMs(); }
    std::string newId() { return finchat::uuidV4(random); }
    std::string newToken(const char* prefix) { return std::string(prefix) + newId() + newId(); }

    // --- ContactCenter ------------------------------------------------------------------------
    std::int64_t nowMs() const override { return now(); }
    const Config& configuration() const override { return config; }

    std::optional<ContactSummary> contactSummary(std::string_view anyId) const override {
        auto a = contactAlias.find(anyId);
        if (a == contactAlias.end()) return std::nullopt;
        const Contact& c = *a->second.contact;
        auto customer = c.participants.find(c.customerId);
        return ContactSummary{c.initialId, c.currentId, c.instance, c.queue,
                              customer == c.participants.end() ? std::string() : customer->second.displayName, c.state};
    }

    void sendSystemMessage(std::string_view contactId, SystemSender from, ContentKind kind, std::string content) override {
        Contact* c = contact(contactId);
        if (!c || c->state == ContactState::Ended) return;
        Participant bot{"", displayName(from), "", ParticipantRole::System, true};
        say(*c, &bot, kind, std::move(content));
    }

    EnqueueResult enqueue(std::string_view contactId, std::string_view queueId) override {
        Contact* c = contact(contactId);
        if (!c || c->state == ContactState::Ended) return EnqueueResult::NoSuchContact;
        if (c->state == ContactState::Queued) return EnqueueResult::AlreadyQueued;
        const InstanceConfig* inst = config.instance(c->instance);
        const QueueConfig* q = inst ? inst->queue(queueId) : nullptr;
        if (!q) return EnqueueResult::NoSuchQueue;
        if (q->maxContacts > 0 && queueMetrics(inst->id, q->id).contactsInQueue >= q->maxContacts) return EnqueueResult::AtCapacity;
        c->queue = q->id;
        if (echoAgent) {
            // The echo agent answers what the customer said to get here: the last text the flow's bot took
            // (the one that asked for an agent), ahead of any that came after it while the flow moved on
            // (a client flushing its queue sends several at once); or else the last text of the chat
            // (an agent's transfer).
            if (!c->flowTook.empty()) {
                c->unansweredForAgent.insert(c->unansweredForAgent.begin(), std::exchange(c->flowTook, {}));
            } else {
                for (auto it = c->items.rbegin(); it != c->items.rend(); ++it)
                    if (it->type == ItemType::Message && it->participantId == c->customerId) {
                        if (it->kind() == ContentKind::TextPlain || it->kind() == ContentKind::TextMarkdown) c->unansweredForAgent.push_back(it->content);
                        break;
                    }
            }
        }
        queueContact(*c);
        return EnqueueResult::Queued;
    }

    void endContact(std::string_view contactId) override {
        if (Contact* c = contact(contactId)) endChat(*c);
    }

    std::map<std::string, std::string>* attributes(std::string_view contactId) override {
        Contact* c = contact(contactId);
        return c ? &c->attributes : nullptr;
    }

    QueueMetrics queueMetrics(std::string_view instanceId, std::string_view queueId) const override {
        QueueMetrics m;
        const InstanceConfig* inst = config.instance(instanceId);
        const QueueConfig* q = inst ? inst->queue(queueId) : nullptr;
        if (!q) return m;
        int busy = 0;
        std::int64_t oldest = now();
        for (const auto& [id, c] : contacts) {
            if (c.instance != inst->id || c.queue != q->id) continue;
            if (c.state == ContactState::WithAgent) ++busy;
            if (c.state != ContactState::Queued) continue;
            ++m.contactsInQueue;
            oldest = std::min(oldest, c.queuedSinceMs);
        }
        m.oldestContactAgeSeconds = m.contactsInQueue ? (now() - oldest) / 1000 : 0;
        // Agents are configured per queue (staffedAgents); the echo agent is one more, always free.
        m.agentsStaffed = m.agentsOnline = q->staffedAgents + (echoAgent ? 1 : 0);
        m.agentsAvailable = std::max(0, q->staffedAgents - busy) + (echoAgent ? 1 : 0);
        return m;
    }

    finchat::Clock::TimerId after(std::int64_t ms, std::function<void()> fn) override {
        auto self = std::make_shared<finchat::Clock::TimerId>(0);
        *self = clock.setTimer(ms, [this, self, fn = std::move(fn)] { timers.erase(*self); fn(); });
        timers.insert(*self);
        return *self;
    }
    void cancel(finchat::Clock::TimerId& id) override {
        if (id) { clock.cancelTimer(id); timers.erase(id); id = 0; }
    }

    Contact* contact(std::string_view anyId) {
        auto a = contactAlias.find(anyId);
        return a == contactAlias.end() ? nullptr : a->second.contact;
    }

    // --- items and fan-out -----------------------------------------------------------------
    Item makeItem(Contact& c, ItemType type, ContentKind kind, std::string content, const Participant* from) {
        Item i;
        i.id = newId();
        i.type = type;
        i.contentType = finchat::contentTypeString(kind);
        i.content = std::move(content);
        // Strictly increasing per contact, so (AbsoluteTime, Id) order is the order things happened.
        c.lastTimeMs = std::max(now(), c.lastTimeMs + 1);
        i.absoluteTime = finchat::formatIsoTime(c.lastTimeMs);
        if (from) {
            i.participantId = from->id;
            i.displayName = from->displayName;
            i.participantRole = from->role;
        }
        i.initialContactId = c.initialId;
        i.contactId = c.currentId;
        return i;
    }

    void fanOut(Contact& c, const Item& item) {
        std::string frame = finchat::chatFrame(item);
        // Same sockets, same order; the last one gets the frame itself rather than a copy.
        SocketSink* previous = nullptr;
        for (SocketId id : c.sockets) {
            auto s = sockets.find(id);
            if (s == sockets.end() || !s->second.subscribed) continue;
            if (previous) previous->send(frame);
            previous = s->second.sink;
        }
        if (previous) previous->send(std::move(frame));
    }

    // Typing and receipt metadata are delivered but never stored (§3.4).
    void deliver(Contact& c, const Item& item) { fanOut(c, item); }

    // Everything else goes into the transcript and to every subscribed socket of the contact, the
    // sender's own included.
    const Item& publish(Contact& c, Item item) {
        fanOut(c, item);
        c.bytes += item.content.size() + item.id.size() * 3 + 160;
        c.itemIndex[item.id] = c.items.size();
        c.items.push_back(std::move(item));
        return c.items.back();
    }

    // Customer text under the contact's instance's in-flight redaction (config InFlightChatRedactionConfiguration).
    std::string redact(const Contact& c, std::string_view text) const { return redactFor(c.instance, text); }
    std::string redactFor(std::string_view instanceId, std::string_view text) const {
        const InstanceConfig* inst = config.instance(instanceId);
        return finchat::redactPii(text, inst ? inst->redaction : finchat::PiiRedaction{});
    }

    const Item& say(Contact& c, const Participant* from, ContentKind kind, std::string text) {
        return publish(c, makeItem(c, ItemType::Message, kind, std::move(text), from));
    }
    void event(Contact& c, ContentKind kind, const Participant* about) {
        publish(c, makeItem(c, ItemType::Event, kind, {}, about));
    }

    // --- contacts --------------------------------------------------------------------------
    finchat::Result<finchat::StartChatContactResponse> startContact(const finchat::StartChatContactRequest& r) {
        const InstanceConfig* inst = config.instance(r.instanceId);
        if (!inst) return finchat::Error{finchat::ErrorCode::Service, "instance not found", 404, "ResourceNotFoundException"};
        const FlowConfig* flowConfig = inst->flow(r.contactFlowId);
        const Flow* flow = flowConfig ? flows.flow(flowConfig->file) : nullptr;   // a refused file: no flow
        if (!flow) return finchat::Error{finchat::ErrorCode::Service, "contact flow not found", 404, "ResourceNotFoundException"};
        if (static_cast<int>(activeContacts) >= config.limits.maxContacts)
            return finchat::Error{finchat::ErrorCode::Service, "too many concurrent chats", 429, "LimitExceededException"};

        Contact c;
        c.initialId = c.currentId = newId();
        c.instance = inst->id;
        c.flow = flowConfig->id;
        c.attributes = r.attributes;
        c.supportedTypes = r.supportedMessagingContentTypes.empty() ? std::vector<std::string>{"text/plain"}
                                                                    : r.supportedMessagingContentTypes;
        Participant customer{newId(), r.participantDetails.displayName, newToken("PT"), ParticipantRole::Customer, true};
        c.customerId = customer.id;
        participantTokens[customer.token] = {c.initialId, customer.id};
        c.participants[customer.id] = customer;
        const std::string id = c.initialId;
        Contact& stored = contacts.emplace(id, std::move(c)).first->second;
        contactAlias[id] = {id, &stored};
        ++activeContacts;

        const Participant& cust = stored.participants.begin()->second;
        event(stored, ContentKind::ParticipantJoined, &cust);
        std::string initialText;   // $.Media.InitialMessage: what the customer said, redacted
        if (r.initialMessage) {
            const Item& said = say(stored, &cust, finchat::classifyContentType(r.initialMessage->contentType),
                                   redact(stored, r.initialMessage->content));
            if (said.kind() == ContentKind::TextPlain || said.kind() == ContentKind::TextMarkdown) initialText = said.content;
        }
        const finchat::StartChatContactResponse answer{id, cust.id, cust.token, {}};
        const int minutes = r.chatDurationInMinutes.value_or(config.limits.chatDurationMinutes);
        stored.durationTimer = after(static_cast<std::int64_t>(minutes) * 60'000, [this, id] {
            if (Contact* ct = contact(id)) endChat(*ct);
        });
        resetIdle(stored);
        runner.start(id, *flow, std::move(initialText));   // may queue or even end the contact
        return answer;
    }

    // Into the contact's queue (c.queue): the flow's TransferContactToQueue, or an agent's transfer.
    void queueContact(Contact& c) {
        c.state = ContactState::Queued;
        c.queuedSinceMs = now();
        if (echoAgent) {
            const std::string id = c.initialId;
            after(0, [this, id] { if (Contact* ct = contact(id); ct && ct->state == ContactState::Queued) acceptAsAgent(*ct, "Echo Agent"); });
        }
    }

    Participant& acceptAsAgent(Contact& c, std::string name) {
        Participant agent{newId(), std::move(name), newToken("PT"), ParticipantRole::Agent, true};
        participantTokens[agent.token] = {c.initialId, agent.id};
        c.agentId = agent.id;
        c.state = ContactState::WithAgent;
        Participant& stored = c.participants[agent.id] = agent;
        event(c, ContentKind::ParticipantJoined, &stored);
        if (support) support->agentJoined(c.initialId, stored.displayName);
        if (echoAgent && stored.displayName == "Echo Agent") {
            for (auto& text : std::exchange(c.unansweredForAgent, {})) say(c, &stored, ContentKind::TextPlain, "echo: " + text);
        }
        return stored;
    }

    void endChat(Contact& c) {
        if (c.state == ContactState::Ended) return;
        c.state = ContactState::Ended;
        runner.forget(c.initialId);
        cancel(c.idleTimer);
        cancel(c.durationTimer);
        event(c, ContentKind::ChatEnded, nullptr);
        for (auto& [id, p] : c.participants) p.active = false;
        --activeContacts;
        if (support) support->contactEnded(c.initialId);
        // Clients close their sockets on chat.ended; close the stragglers a little later.
        const std::string id = c.initialId;
        after(2'000, [this, id] {
            if (Contact* ct = contact(id))
                for (SocketId s : std::set<SocketId>(ct->sockets))
                    if (auto it = sockets.find(s); it != sockets.end()) it->second.sink->close(1000);
        });
        endedOrder.push_back(id);
        while (endedOrder.size() > kMaxEndedContacts) forget(endedOrder.front());
    }

    // Storage is full: the files of ended chats go first, oldest ended first (their transcripts stay).
    void evictEndedAttachments(std::int64_t needed) {
        for (const std::string& id : endedOrder) {
            if (attachmentBytes + needed <= config.limits.maxAttachmentBytesTotal) return;
            Contact* c = contact(id);
            if (!c) continue;
            for (auto& [aid, a] : c->attachments) {
                attachmentBytes -= static_cast<std::int64_t>(a.bytes.size());
                contactAlias.erase("att:" + aid);
            }
            c->attachments.clear();
        }
    }

    // The agent that `bearer` (its ParticipantToken, or a live ConnectionToken of it) speaks for on `c`:
    // the contact's agent now, or the last one when the chat has ended; never an agent the contact was
    // transferred away from, a customer, or a participant of another contact.
    const Participant* contactAgent(Contact& c, std::string_view bearer) {
        std::string participantId;
        if (auto pt = participantTokens.find(std::string(bearer)); pt != participantTokens.end() && pt->second.first == c.initialId)
            participantId = pt->second.second;
        else if (auto cn = connections.find(bearer); cn != connections.end() && cn->second.contactId == c.initialId &&
                                                     cn->second.expiryMs > now())
            participantId = cn->second.participantId;
        if (participantId.empty() || participantId != c.agentId) return nullptr;
        auto p = c.participants.find(participantId);
        return p != c.participants.end() && p->second.role == ParticipantRole::Agent ? &p->second : nullptr;
    }

    void forget(const std::string& id) {
        endedOrder.pop_front();
        auto it = contacts.find(id);
        if (it == contacts.end()) return;
        Contact& c = it->second;
        for (auto& [pid, p] : c.participants) participantTokens.erase(p.token);
        std::erase_if(connections, [&](const auto& kv) { return kv.second.contactId == id; });
        for (auto& [aid, a] : c.attachments) attachmentBytes -= static_cast<std::int64_t>(a.bytes.size());
        std::erase_if(contactAlias, [&](const auto& kv) { return kv.second.initialId == id; });
        contacts.erase(it);
    }

    // The idle timer is armed once and re-armed only when it fires early: a message just records its
    // time, so the hot path never cancels and re-creates timers.
    void resetIdle(Contact& c) {
        c.lastCustomerActivityMs = now();
        if (c.idleTimer || c.state == ContactState::Ended || config.limits.customerIdleMinutes <= 0) return;
        armIdle(c, static_cast<std::int64_t>(config.limits.customerIdleMinutes) * 60'000);
    }
    void armIdle(Contact& c, std::int64_t delayMs) {
        const std::string id = c.initialId;
        c.idleTimer = after(delayMs, [this, id] {
            Contact* ct = contact(id);
            if (!ct) return;
            ct->idleTimer = 0;
            if (ct->state == ContactState::Ended) return;
            const std::int64_t idleFor = static_cast<std::int64_t>(config.limits.customerIdleMinutes) * 60'000;
            const std::int64_t quiet = now() - ct->lastCustomerActivityMs;
            if (quiet < idleFor) return armIdle(*ct, idleFor - quiet);
            ct->customerIdle = true;
            event(*ct, ContentKind::ParticipantIdle, &ct->participants[ct->customerId]);
        });
    }

    void afterCustomerMessage(Contact& c, const Item& item) {
        if (c.customerIdle) {
            c.customerIdle = false;
            event(c, ContentKind::ParticipantReturned, &c.participants[c.customerId]);
        }
        resetIdle(c);
        const ContentKind kind = item.kind();
        if (kind != ContentKind::TextPlain && kind != ContentKind::TextMarkdown) return;
        // The flow's Lex block, when it is waiting, takes the text (its bot answers on the next turn).
        if (c.state == ContactState::InFlow && runner.customerText(c.initialId, item.content)) {
            c.flowTook = item.content;
            return;
        }
        // Only the echo agent answers otherwise; a chat with a person needs no next-turn work.
        if (!echoAgent) return;
        const std::string id = c.initialId, text = item.content;
        // Answers come on the next turn, as they would from another process.
        after(0, [this, id, text] {
            Contact* ct = contact(id);
            if (!ct || ct->state == ContactState::Ended) return;
            if (ct->state != ContactState::WithAgent) { ct->unansweredForAgent.push_back(text); return; }
            auto agent = ct->participants.find(ct->agentId);
            if (echoAgent && agent != ct->participants.end() && agent->second.displayName == "Echo Agent" && agent->second.active)
                say(*ct, &agent->second, ContentKind::TextPlain, "echo: " + text);
        });
    }

    // --- idempotency -------------------------------------------------------------------------
    const std::string* remembered(Contact& c, const std::string& key) {
        auto it = c.idempotent.find(key);
        return it == c.idempotent.end() ? nullptr : &it->second;
    }
    void remember(Contact& c, std::string key, std::string answer) {
        c.idempotentOrder.push_back(key);
        c.idempotent[std::move(key)] = std::move(answer);
        if (c.idempotentOrder.size() > kIdempotencyEntries) {
            c.idempotent.erase(c.idempotentOrder.front());
            c.idempotentOrder.pop_front();
        }
    }
};

// ---------------------------------------------------------------------------------------------
ChatService::ChatService(Config config, finchat::Clock& clock, finchat::Random& random)
    : impl_(std::make_unique<Impl>(std::move(config), clock, random, faults_)),
      support_(std::make_unique<SupportApi>(*this, impl_->config, clock, random)) {
    impl_->support = support_.get();
}
ChatService::~ChatService() = default;

void ChatService::setPublicBase(std::string httpBase, std::string wsBase) {
    impl_->httpBase = std::move(httpBase);
    impl_->wsBase = std::move(wsBase);
}
void ChatService::setEchoAgent(bool on) {
    impl_->echoAgent = on;
    impl_->keywordBot.setEveryTextAsksForAgent(on);
}
void ChatService::setLexBots(LexBots* bots) { impl_->runner.setLexBots(bots ? bots : &impl_->keywordBot); }
void ChatService::setFlows(FlowLibrary flows) { impl_->flows = std::move(flows); }
void ChatService::setFlowLog(std::function<void(const std::string&)> log) { impl_->runner.setLog(std::move(log)); }
ContactCenter& ChatService::contactCenter() { return *impl_; }
const std::string& ChatService::httpBase() const { return impl_->httpBase; }
const Config& ChatService::config() const { return impl_->config; }
std::size_t ChatService::escalationRecordCount() const { return support_->recordCount(); }
std::size_t ChatService::contactCount() const { return impl_->activeContacts; }
std::size_t ChatService::openSocketCount() const { return impl_->sockets.size(); }
std::vector<finchat::Item> ChatService::transcriptOf(std::string_view contactId) const {
    auto a = impl_->contactAlias.find(contactId);
    return a == impl_->contactAlias.end() ? std::vector<finchat::Item>{} : a->second.contact->items;
}
std::int64_t ChatService::attachmentBytes() const { return impl_->attachmentBytes; }

std::size_t ChatService::approximateBytes() const {
    std::size_t n = 0;
    for (const auto& [id, c] : impl_->contacts) n += c.bytes + 1024;
    return n;
}

// ---------------------------------------------------------------------------------------------
// Connect API
// ---------------------------------------------------------------------------------------------
Reply ChatService::startChatContact(std::string_view body) {
    auto r = finchat::decode<finchat::StartChatContactRequest>(body);
    if (!r) return Reply::error("InvalidRequestException", r.error().detail);
    if (r->instanceId.empty() || r->instanceId.size() > 100) return Reply::error("InvalidParameterException", "InstanceId must be 1-100 characters");
    if (r->contactFlowId.empty() || r->contactFlowId.size() > 500) return Reply::error("InvalidParameterException", "ContactFlowId is invalid");
    const auto nameLength = finchat::utf8Length(r->participantDetails.displayName);
    if (nameLength == 0 || nameLength > 256) return Reply::error("InvalidParameterException", "DisplayName must be 1-256 characters");
    std::size_t attributeBytes = 0;
    for (const auto& [k, v] : r->attributes) {
        attributeBytes += k.size() + v.size();
        if (k.empty() || !std::all_of(k.begin(), k.end(), [](char ch) {
                return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
            }))
            return Reply::error("InvalidParameterException", "attribute keys may contain letters, digits, '-' and '_'");
    }
    if (attributeBytes > 32'768) return Reply::error("InvalidParameterException", "Attributes exceed 32768 bytes");
    if (r->initialMessage) {
        if (!contains(kSupportedTypes, r->initialMessage->contentType) || r->initialMessage->content.empty() ||
            r->initialMessage->content.size() > 16'384)
            return Reply::error("InvalidParameterException", "InitialMessage is invalid");
    }
    if (r->chatDurationInMinutes && (*r->chatDurationInMinutes < 60 || *r->chatDurationInMinutes > 10'080))
        return Reply::error("InvalidParameterException", "ChatDurationInMinutes must be 60-10080");
    if (!r->supportedMessagingContentTypes.empty()) {
        if (!contains(r->supportedMessagingContentTypes, "text/plain"))
            return Reply::error("InvalidParameterException", "SupportedMessagingContentTypes must include text/plain");
        for (const auto& t : r->supportedMessagingContentTypes)
            if (!contains(kSupportedTypes, t)) return Reply::error("InvalidParameterException", "unsupported content type " + t);
    }
    if (r->persistentChat && !r->relatedContactId.empty())
        return Reply::error("InvalidRequestException", "PersistentChat and RelatedContactId cannot be combined");
    if (r->clientToken.size() > 500) return Reply::error("InvalidParameterException", "ClientToken is too long");
    if (!r->clientToken.empty()) {
        if (auto it = impl_->startTokens.find(r->clientToken); it != impl_->startTokens.end()) return Reply::ok(it->second);
    }
    auto started = impl_->startContact(*r);
    if (!started) return Reply::error(started.error().serviceType, started.error().detail);
    std::string answer = finchat::encode(*started);
    if (!r->clientToken.empty()) impl_->startTokens[r->clientToken] = answer;
    return Reply::ok(std::move(answer));
}

// ---------------------------------------------------------------------------------------------
// Participant service
// ---------------------------------------------------------------------------------------------
std::optional<Reply> ChatService::injectedFailure(const std::string& operation) {
    auto f = faults_.failOperation.find(operation);
    if (f == faults_.failOperation.end() || f->second <= 0) return std::nullopt;
    --f->second;
    return faults_.failStatus == 429 ? Reply::error("ThrottlingException", "Rate exceeded")
                                     : Reply::error("InternalServerException", "Injected failure");
}

Reply ChatService::participant(Operation op, std::string_view bearer, std::string_view body, std::string_view path) {
    const char* name = finchat::operationInfo(op).name;
    if (auto injected = injectedFailure(name)) return *injected;
    Reply reply = handleParticipant(op, bearer, body, path);
    if (auto f = faults_.failAfterProcessing.find(name); reply.status == 200 && f != faults_.failAfterProcessing.end() && f->second > 0) {
        --f->second;
        return Reply::error("InternalServerException", "Injected failure after processing");
    }
    return reply;
}

Reply ChatService::handleParticipant(Operation op, std::string_view bearer, std::string_view body, std::string_view path) {
    Impl& s = *impl_;
    if (bearer.empty()) return Reply::error("AccessDeniedException", "Missing X-Amz-Bearer");

    if (op == Operation::CreateParticipantConnection) {
        auto pt = s.participantTokens.find(std::string(bearer));
        if (pt == s.participantTokens.end()) return Reply::error("AccessDeniedException", "Access denied");
        Contact* c = s.contact(pt->second.first);
        if (!c || c->state == ContactState::Ended || !c->participants[pt->second.second].active)
            return Reply::error("AccessDeniedException", "Access denied");
        if (faults_.denyConnection > 0) {
            --faults_.denyConnection;
            return Reply::error("AccessDeniedException", "Access denied");
        }
        auto req = finchat::decode<finchat::CreateParticipantConnectionRequest>(body);
        if (!req) return Reply::error("ValidationException", req.error().detail);
        if (req->type.empty()) return Reply::error("ValidationException", "Type must contain at least one value");
        for (auto t : req->type)
            if (t == finchat::ConnectionType::Other) return Reply::error("ValidationException", "Type has an invalid value");
        const bool wantSocket = std::count(req->type.begin(), req->type.end(), finchat::ConnectionType::Websocket) > 0;
        const bool wantCreds = std::count(req->type.begin(), req->type.end(), finchat::ConnectionType::ConnectionCredentials) > 0;
        Connection conn{s.newToken("CT"), c->initialId, pt->second.second,
                        s.now() + s.faults.tokenLifetimeMs.value_or(kConnectionLifetimeMs)};
        finchat::CreateParticipantConnectionResponse out;
        if (wantSocket) {
            const std::string grant = s.newId();
            s.grants[grant] = {conn.token, s.now()};
            out.websocket = finchat::WebsocketInfo{s.wsBase + "/ws?connection=" + grant,
                                                   finchat::formatIsoTime(s.now() + kWebsocketUrlWindowMs)};
        }
        // The token is issued in any case (the socket grant refers to it); returned when asked for.
        if (wantCreds) out.connectionCredentials = finchat::ConnectionCredentials{conn.token, finchat::formatIsoTime(conn.expiryMs)};
        s.connections[conn.token] = conn;
        return Reply::ok(finchat::encode(out));
    }

    auto cn = s.connections.find(bearer);
    if (cn == s.connections.end() || cn->second.expiryMs <= s.now()) return Reply::error("AccessDeniedException", "Access denied");
    Contact* c = s.contact(cn->second.contactId);
    if (!c || c->state == ContactState::Ended) return Reply::error("AccessDeniedException", "Access denied");
    Participant& me = c->participants[cn->second.participantId];
    if (!me.active) return Reply::error("AccessDeniedException", "Access denied");
    const std::string connToken = cn->second.token;

    switch (op) {
        case Operation::SendMessage: {
            auto req = finchat::decode<finchat::SendMessageRequest>(body);
            if (!req) return Reply::error("ValidationException", req.error().detail);
            const ContentKind kind = finchat::classifyContentType(req->contentType);
            if (!finchat::isMessageContent(kind) || kind == ContentKind::Interactive)
                return Reply::error("ValidationException", "ContentType is not supported for SendMessage");
            if (kind != ContentKind::TextPlain && !contains(c->supportedTypes, req->contentType))
                return Reply::error("ValidationException", "ContentType is not in this chat's SupportedMessagingContentTypes");
            const bool text = kind == ContentKind::TextPlain || kind == ContentKind::TextMarkdown;
            const std::size_t size = text ? finchat::utf8Length(req->content) : req->content.size();
            const std::size_t limit = text ? 1'024 : kind == ContentKind::Json ? 12'000 : 12'288;
            if (req->content.empty() || size > limit)
                return Reply::error("ValidationException", "Content must be 1-" + std::to_string(limit) + (text ? " characters" : " bytes"));
            if (req->clientToken.size() > 500) return Reply::error("ValidationException", "ClientToken is too long");
            const std::string key = connToken + '\n' + req->clientToken;
            if (!req->clientToken.empty())
                if (const std::string* prior = s.remembered(*c, key)) return Reply::ok(*prior);
            if (static_cast<int>(c->items.size()) >= s.config.limits.maxItemsPerContact)
                return Reply::error("ServiceQuotaExceededException", "This chat has reached its message limit");
            // Customer text is redacted before anyone (bot, agent, transcript) sees it; the raw text is not kept.
            std::string content = me.role == ParticipantRole::Customer && text ? s.redact(*c, req->content) : req->content;
            const Item& item = s.say(*c, &me, kind, std::move(content));
            std::string answer = finchat::encode(finchat::SendMessageResponse{item.id, item.absoluteTime, std::nullopt});
            if (!req->clientToken.empty()) s.remember(*c, key, answer);
            if (me.role == ParticipantRole::Customer) s.afterCustomerMessage(*c, item);
            return Reply::ok(std::move(answer));
        }
        case Operation::SendEvent: {
            auto req = finchat::decode<finchat::SendEventRequest>(body);
            if (!req) return Reply::error("ValidationException", req.error().detail);
            const ContentKind kind = finchat::classifyContentType(req->contentType);
            if (kind == ContentKind::MessageDelivered || kind == ContentKind::MessageRead) {
                // Receipts are exempt from ClientToken idempotency: chatjs sends a constant token.
                auto content = finchat::decode<finchat::ReceiptEventContent>(req->content);
                if (!content) return Reply::error("ValidationException", "Content must be {\"messageId\":\"...\"}");
                auto idx = c->itemIndex.find(content->messageId);
                if (idx == c->itemIndex.end()) return Reply::error("ValidationException", "messageId not found in this chat");
                const auto active = std::count_if(c->participants.begin(), c->participants.end(), [](const auto& kv) {
                    return kv.second.active && kv.second.role != ParticipantRole::System;
                });
                if (active > 2) return Reply::error("ConflictException", "Receipts are not supported with more than two participants");
                Item& message = c->items[idx->second];
                if (!message.messageMetadata) message.messageMetadata = finchat::MessageMetadata{message.id, {}, {}, {}, {}};
                auto& receipts = message.messageMetadata->receipts;
                auto r = std::find_if(receipts.begin(), receipts.end(), [&](const auto& x) { return x.recipientParticipantId == me.id; });
                if (r == receipts.end()) r = receipts.insert(receipts.end(), finchat::Receipt{{}, {}, me.id});
                const std::string at = finchat::formatIsoTime(s.now());
                if (r->deliveredTimestamp.empty()) r->deliveredTimestamp = at;
                if (kind == ContentKind::MessageRead && r->readTimestamp.empty()) r->readTimestamp = at;
                Item md = s.makeItem(*c, ItemType::MessageMetadata, ContentKind::MessageMetadata, {}, nullptr);
                md.messageMetadata = finchat::MessageMetadata{message.id, {*r}, {}, {}, {}};
                s.deliver(*c, md);
                return Reply::ok(finchat::encode(finchat::SendEventResponse{md.id, md.absoluteTime}));
            }
            if (kind != ContentKind::Typing && kind != ContentKind::ConnectionAcknowledged)
                return Reply::error("ValidationException", "ContentType is not supported for SendEvent");
            const std::string key = connToken + '\n' + req->clientToken;
            if (!req->clientToken.empty())
                if (const std::string* prior = s.remembered(*c, key)) return Reply::ok(*prior);
            Item ev = s.makeItem(*c, ItemType::Event, kind, {}, &me);
            s.deliver(*c, ev);   // typing, and the legacy connection.acknowledged: delivered, never stored
            std::string answer = finchat::encode(finchat::SendEventResponse{ev.id, ev.absoluteTime});
            if (!req->clientToken.empty()) s.remember(*c, key, answer);
            return Reply::ok(std::move(answer));
        }
        case Operation::GetTranscript: {
            auto req = finchat::decode<finchat::GetTranscriptRequest>(body);
            if (!req) return Reply::error("ValidationException", req.error().detail);
            const int max = req->maxResults.value_or(10);
            if (max < 0 || max > 100) return Reply::error("ValidationException", "MaxResults must be 0-100");
            const std::size_t pageSize = static_cast<std::size_t>(max == 0 ? 10 : max);
            if (!req->contactId.empty() && s.contact(req->contactId) != c)
                return Reply::error("AccessDeniedException", "ContactId is not part of this chat");
            const auto& items = c->items;
            const std::size_t n = items.size();
            const bool hasStart = req->startPosition &&
                                  (!req->startPosition->id.empty() || !req->startPosition->absoluteTime.empty() ||
                                   req->startPosition->mostRecent.has_value());
            const bool backward = req->scanDirection ? *req->scanDirection == finchat::ScanDirection::Backward : !hasStart;
            if (req->scanDirection && *req->scanDirection == finchat::ScanDirection::Other)
                return Reply::error("ValidationException", "ScanDirection must be FORWARD or BACKWARD");
            if (req->sortOrder && *req->sortOrder == finchat::SortOrder::Other)
                return Reply::error("ValidationException", "SortOrder must be ASCENDING or DESCENDING");
            const bool ascending = req->sortOrder && *req->sortOrder == finchat::SortOrder::Ascending;
            // The window is [begin, end) over the contact's items in time order. A NextToken is
            // "<contact>:<F|B>:<index>" and must come back with the same direction and chat.
            std::size_t begin = 0, end = n;
            if (!req->nextToken.empty()) {
                const std::string prefix = c->initialId + (backward ? ":B:" : ":F:");
                if (req->nextToken.rfind(prefix, 0) != 0) return Reply::error("ValidationException", "Invalid NextToken");
                std::size_t pos = 0;
                for (char ch : req->nextToken.substr(prefix.size())) {
                    if (ch < '0' || ch > '9' || pos > n) return Reply::error("ValidationException", "Invalid NextToken");
                    pos = pos * 10 + static_cast<std::size_t>(ch - '0');
                }
                if (pos > n) return Reply::error("ValidationException", "Invalid NextToken");
                (backward ? end : begin) = pos;
            } else if (hasStart) {
                std::size_t at = n;
                const auto& sp = *req->startPosition;
                if (!sp.id.empty()) {
                    auto it = c->itemIndex.find(sp.id);
                    if (it == c->itemIndex.end()) return Reply::error("ValidationException", "StartPosition.Id not found");
                    at = it->second;
                } else if (!sp.absoluteTime.empty()) {
                    auto t = finchat::parseIsoTime(sp.absoluteTime);
                    if (!t) return Reply::error("ValidationException", "StartPosition.AbsoluteTime is invalid");
                    at = 0;
                    while (at < n && finchat::parseIsoTime(items[at].absoluteTime).value_or(0) < *t) ++at;
                } else {
                    const int k = *sp.mostRecent;
                    if (k < 0 || k > 100) return Reply::error("ValidationException", "StartPosition.MostRecent must be 0-100");
                    at = n - std::min<std::size_t>(n, static_cast<std::size_t>(k));
                }
                if (backward) end = std::min(n, at + 1);   // the start item is included
                else begin = at;
            }
            std::size_t from, to;
            if (backward) { to = end; from = end > pageSize ? end - pageSize : 0; }
            else { from = std::min(begin, n); to = std::min(n, from + pageSize); }
            finchat::GetTranscriptResponse out;
            out.initialContactId = c->initialId;
            out.transcript.assign(items.begin() + static_cast<std::ptrdiff_t>(from), items.begin() + static_cast<std::ptrdiff_t>(to));
            if (!ascending) std::reverse(out.transcript.begin(), out.transcript.end());
            if (backward && from > 0) out.nextToken = c->initialId + ":B:" + std::to_string(from);
            if (!backward && to < n) out.nextToken = c->initialId + ":F:" + std::to_string(to);
            return Reply::ok(finchat::encode(out));
        }
        case Operation::DisconnectParticipant: {
            auto req = finchat::decode<finchat::DisconnectParticipantRequest>(body);
            if (!req) return Reply::error("ValidationException", req.error().detail);
            me.active = false;
            s.event(*c, ContentKind::ParticipantLeft, &me);
            // A customer or agent hanging up ends the chat (no disconnect flow in this stand-in).
            s.endChat(*c);
            return Reply::ok("{}");
        }
        case Operation::StartAttachmentUpload: {
            auto req = finchat::decode<finchat::StartAttachmentUploadRequest>(body);
            if (!req) return Reply::error("ValidationException", req.error().detail);
            const std::string key = connToken + '\n' + req->clientToken;
            if (!req->clientToken.empty())
                if (const std::string* prior = s.remembered(*c, key)) return Reply::ok(*prior);
            // The same table the widget checks before uploading (finchat/attachments.h). A bad type, size
            // or name is the request failing validation; the per-contact count and bytes are quotas.
            if (!finchat::attachmentTypeAllowed(req->contentType)) return Reply::error("ValidationException", "Attachment type is not allowed");
            if (req->attachmentSizeInBytes <= 0 || req->attachmentSizeInBytes > s.config.limits.maxAttachmentBytes)
                return Reply::error("ValidationException", "AttachmentSizeInBytes must be 1-" + std::to_string(s.config.limits.maxAttachmentBytes));
            if (req->attachmentName.empty() || req->attachmentName.size() > finchat::kMaxAttachmentNameBytes)
                return Reply::error("ValidationException", "AttachmentName must be 1-256 characters");
            if (c->attachments.size() >= finchat::kMaxAttachmentsPerContact)
                return Reply::error("ServiceQuotaExceededException", "Too many attachments in this chat");
            std::int64_t contactBytes = 0;
            for (const auto& [aid, held] : c->attachments) contactBytes += held.declaredSize;
            if (contactBytes + req->attachmentSizeInBytes > s.config.limits.maxAttachmentBytesPerContact)
                return Reply::error("ServiceQuotaExceededException", "The attachments of this chat exceed the storage quota");
            Attachment a{s.newId(), req->attachmentName, req->contentType, me.id, s.newId(), s.newId(), req->attachmentSizeInBytes, {}, false, false, false};
            finchat::StartAttachmentUploadResponse out;
            out.attachmentId = a.id;
            out.uploadMetadata = finchat::UploadMetadata{s.httpBase + "/attachments/" + a.id + "?sig=" + a.uploadSig,
                                                         finchat::formatIsoTime(s.now() + 300'000),
                                                         {{"Content-Type", a.contentType}}};
            s.contactAlias["att:" + a.id] = {c->initialId, c};
            c->attachments[a.id] = std::move(a);
            std::string answer = finchat::encode(out);
            if (!req->clientToken.empty()) s.remember(*c, key, answer);
            return Reply::ok(std::move(answer));
        }
        case Operation::CompleteAttachmentUpload: {
            auto req = finchat::decode<finchat::CompleteAttachmentUploadRequest>(body);
            if (!req) return Reply::error("ValidationException", req.error().detail);
            if (req->attachmentIds.size() != 1) return Reply::error("ValidationException", "AttachmentIds must hold exactly one id");
            auto a = c->attachments.find(req->attachmentIds[0]);
            if (a == c->attachments.end() || a->second.participantId != me.id) return Reply::error("ValidationException", "Unknown attachment");
            if (!a->second.uploaded) return Reply::error("ConflictException", "The upload has not finished");
            if (a->second.completed) return Reply::ok("{}");
            a->second.completed = true;
            const bool rejected = faults_.rejectAttachments > 0;
            if (rejected) {
                // The scanner said no: the file is gone, only the item says so.
                --faults_.rejectAttachments;
                s.attachmentBytes -= static_cast<std::int64_t>(a->second.bytes.size());
                a->second.bytes.clear();
                a->second.rejected = true;
            }
            Item item = s.makeItem(*c, ItemType::Attachment, ContentKind::Other, {}, &me);
            item.contentType.clear();
            item.attachments.push_back({a->second.contentType, a->second.id, a->second.name,
                                        rejected ? finchat::AttachmentStatus::Rejected : finchat::AttachmentStatus::Approved});
            s.publish(*c, std::move(item));
            return Reply::ok("{}");
        }
        case Operation::GetAttachment: {
            auto req = finchat::decode<finchat::GetAttachmentRequest>(body);
            if (!req) return Reply::error("ValidationException", req.error().detail);
            auto a = c->attachments.find(req->attachmentId);
            if (a == c->attachments.end() || !a->second.completed) return Reply::error("ValidationException", "Unknown attachment");
            if (a->second.rejected) return Reply::error("ValidationException", "The attachment was rejected by the scanner");
            finchat::GetAttachmentResponse out;
            out.url = s.httpBase + "/attachments/" + a->second.id + "?sig=" + a->second.downloadSig;
            out.urlExpiry = finchat::formatIsoTime(s.now() + 1000LL * req->urlExpiryInSeconds.value_or(300));
            out.attachmentSizeInBytes = static_cast<std::int64_t>(a->second.bytes.size());
            return Reply::ok(finchat::encode(out));
        }
        case Operation::DescribeView: {
            // No views are configured in this stand-in: every ViewToken is unknown, answered as Connect
            // answers an unknown view (404 with ResourceId/ResourceType in the body).
            const std::string_view token = finchat::viewTokenFromPath(path);
            if (token.empty() || token.size() > 1'000) return Reply::error("ValidationException", "ViewToken must be 1-1000 characters");
            json out = {{"message", "View not found"}, {"ResourceId", std::string(token)}, {"ResourceType", "VIEW"}};
            return Reply{404, "ResourceNotFoundException", dump(out)};
        }
        case Operation::GetAuthenticationUrl: {
            auto req = finchat::decode<finchat::GetAuthenticationUrlRequest>(body);
            if (!req) return Reply::error("ValidationException", req.error().detail);
            if (req->sessionId.size() != 36) return Reply::error("ValidationException", "SessionId must be 36 characters");
            if (req->redirectUri.empty() || req->redirectUri.size() > 1'024)
                return Reply::error("ValidationException", "RedirectUri must be 1-1024 characters");
            // Authentication is only offered after an authentication.initiated event, which no flow here sends.
            return Reply::error("ValidationException", "No customer authentication is in progress for this SessionId");
        }
        case Operation::CancelParticipantAuthentication: {
            auto req = finchat::decode<finchat::CancelParticipantAuthenticationRequest>(body);
            if (!req) return Reply::error("ValidationException", req.error().detail);
            if (req->sessionId.size() != 36) return Reply::error("ValidationException", "SessionId must be 36 characters");
            return Reply::error("ValidationException", "No customer authentication is in progress for this SessionId");
        }
        case Operation::CreateParticipantConnection: break;
    }
    return Reply::error("ValidationException", "Unsupported operation");
}

Reply ChatService::uploadAttachment(std::string_view attachmentId, std::string_view sig, std::string body) {
    Contact* c = impl_->contact("att:" + std::string(attachmentId));
    if (!c) return Reply::error("AccessDeniedException", "Access denied");
    auto a = c->attachments.find(std::string(attachmentId));
    if (a == c->attachments.end() || a->second.uploadSig != sig || a->second.uploaded) return Reply::error("AccessDeniedException", "Access denied");
    if (static_cast<std::int64_t>(body.size()) != a->second.declaredSize)
        return Reply::error("ValidationException", "Body size differs from AttachmentSizeInBytes");
    impl_->evictEndedAttachments(static_cast<std::int64_t>(body.size()));
    if (impl_->attachmentBytes + static_cast<std::int64_t>(body.size()) > impl_->config.limits.maxAttachmentBytesTotal)
        return Reply::error("ServiceQuotaExceededException", "Attachment storage is full");
    impl_->attachmentBytes += static_cast<std::int64_t>(body.size());
    a->second.bytes = std::move(body);
    a->second.uploaded = true;
    return Reply{200, {}, {}, "text/plain"};
}

Reply ChatService::downloadAttachment(std::string_view attachmentId, std::string_view sig) {
    Contact* c = impl_->contact("att:" + std::string(attachmentId));
    if (!c) return Reply::error("AccessDeniedException", "Access denied");
    auto a = c->attachments.find(std::string(attachmentId));
    if (a == c->attachments.end() || a->second.downloadSig != sig || !a->second.completed) return Reply::error("AccessDeniedException", "Access denied");
    return Reply{200, {}, a->second.bytes, a->second.contentType};
}

// ---------------------------------------------------------------------------------------------
// Websocket gateway
// ---------------------------------------------------------------------------------------------
std::optional<SocketId> ChatService::openSocket(std::string_view query, SocketSink& sink) {
    Impl& s = *impl_;
    auto g = s.grants.find(finchat::queryParam(query, "connection"));
    if (g == s.grants.end() || s.now() - g->second.issuedMs > kWebsocketUrlWindowMs) return std::nullopt;
    auto cn = s.connections.find(g->second.connectionToken);
    if (cn == s.connections.end()) return std::nullopt;
    Contact* c = s.contact(cn->second.contactId);
    if (!c || c->state == ContactState::Ended) return std::nullopt;
    const auto mine = std::count_if(c->sockets.begin(), c->sockets.end(), [&](SocketId id) {
        auto it = s.sockets.find(id);
        return it != s.sockets.end() && it->second.participantId == cn->second.participantId;
    });
    if (mine >= s.config.limits.maxSocketsPerParticipant) return std::nullopt;
    const SocketId id = s.nextSocket++;
    s.sockets[id] = {&sink, c->initialId, cn->second.participantId, false};
    c->sockets.insert(id);
    return id;
}

void ChatService::socketMessage(SocketId id, std::string_view text) {
    Impl& s = *impl_;
    auto it = s.sockets.find(id);
    if (it == s.sockets.end()) return;
    auto frame = finchat::decodeClientFrame(text);
    if (!frame) {
        it->second.sink->send(R"({"message":"Internal server error","connectionId":")" + std::to_string(id) + R"(","requestId":")" + s.newId() + "\"}");
        return;
    }
    switch (frame->topic) {
        case finchat::FrameTopic::Subscribe: {
            const bool chat = contains(frame->topics, "aws/chat");
            auto ack = [&s, id, chat, topics = frame->topics] {
                auto sock = s.sockets.find(id);
                if (sock == s.sockets.end()) return;
                if (chat) sock->second.subscribed = true;
                sock->second.sink->send(finchat::subscribeAckFrame(chat, topics));
            };
            if (faults_.subscribeAckDelayMs > 0) s.after(faults_.subscribeAckDelayMs, ack);
            else ack();
            break;
        }
        case finchat::FrameTopic::Heartbeat:
            if (!faults_.dropHeartbeats) it->second.sink->send(finchat::heartbeatAckFrame());
            break;
        case finchat::FrameTopic::Ping:
            if (!faults_.dropHeartbeats) it->second.sink->send(finchat::pingAckFrame());
            break;
        case finchat::FrameTopic::Unsubscribe: it->second.subscribed = false; break;
        default: break;
    }
}

void ChatService::socketClosed(SocketId id) {
    Impl& s = *impl_;
    auto it = s.sockets.find(id);
    if (it == s.sockets.end()) return;
    if (Contact* c = s.contact(it->second.contactId)) c->sockets.erase(id);
    s.sockets.erase(it);
}

// ---------------------------------------------------------------------------------------------
// Agents
// ---------------------------------------------------------------------------------------------
namespace {
json parseObject(std::string_view body) {
    json j = json::parse(body.begin(), body.end(), nullptr, false);
    return j.is_object() ? j : json();
}
std::string field(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
}  // namespace

Reply ChatService::agentQueues(std::string_view instanceId) {
    const InstanceConfig* inst = impl_->config.instance(instanceId);
    if (!inst) return Reply::error("ResourceNotFoundException", "instance not found");
    json queues = json::array();
    for (const auto& q : inst->queues) {
        json list = json::array();
        for (auto& [id, c] : impl_->contacts) {
            if (c.instance != inst->id || c.queue != q.id || c.state != ContactState::Queued) continue;
            json entry = {{"contactId", c.initialId}, {"currentContactId", c.currentId},
                          {"customerName", c.participants[c.customerId].displayName},
                          {"waitingSince", finchat::formatIsoTime(c.queuedSinceMs)}, {"attributes", c.attributes}};
            list.push_back(std::move(entry));
        }
        queues.push_back({{"id", q.id}, {"name", q.name}, {"contacts", std::move(list)}});
    }
    return okJson({{"instance", inst->id}, {"queues", std::move(queues)}});
}

Reply ChatService::agentAccept(std::string_view body) {
    json j = parseObject(body);
    if (j.is_null()) return Reply::error("InvalidRequestException", "body must be a JSON object");
    // An agent works for one instance: a contact of another instance is not there to accept.
    Contact* c = impl_->contact(field(j, "contactId"));
    if (!c || c->instance != field(j, "instance")) return Reply::error("ResourceNotFoundException", "contact not found");
    if (c->state != ContactState::Queued) return Reply::error("ConflictException", "contact is not waiting in a queue");
    if (static_cast<int>(c->participants.size()) >= impl_->config.limits.maxParticipantsPerContact)
        return Reply::error("ServiceQuotaExceededException", "too many participants");
    std::string name = field(j, "agentName");
    if (name.empty() || finchat::utf8Length(name) > 256) name = "Agent";
    Participant& agent = impl_->acceptAsAgent(*c, name);
    return okJson({{"contactId", c->initialId}, {"currentContactId", c->currentId}, {"participantId", agent.id},
                   {"participantToken", agent.token}, {"customerName", c->participants[c->customerId].displayName}});
}

Reply ChatService::agentTransfer(std::string_view body) {
    json j = parseObject(body);
    if (j.is_null()) return Reply::error("InvalidRequestException", "body must be a JSON object");
    Contact* c = impl_->contact(field(j, "contactId"));
    if (!c || c->state == ContactState::Ended) return Reply::error("ResourceNotFoundException", "contact not found");
    const std::string queue = field(j, "queue");
    const std::string instanceId = field(j, "instance").empty() ? c->instance : field(j, "instance");
    const InstanceConfig* inst = impl_->config.instance(instanceId);
    if (!inst || !inst->hasQueue(queue)) return Reply::error("ResourceNotFoundException", "queue not found");
    // A transfer starts a new contact segment: same customer, same tokens and socket (§8.3).
    if (auto a = c->participants.find(c->agentId); a != c->participants.end() && a->second.active) {
        a->second.active = false;
        impl_->event(*c, ContentKind::ParticipantLeft, &a->second);
    }
    impl_->runner.forget(c->initialId);   // an agent's transfer takes the contact out of its flow
    impl_->sendSystemMessage(c->initialId, SystemSender::FlowPrompt, ContentKind::TextPlain, "Transferring you to another team. Please hold on.");
    impl_->event(*c, ContentKind::TransferSucceeded, nullptr);
    c->currentId = impl_->newId();
    impl_->contactAlias[c->currentId] = {c->initialId, c};
    c->instance = inst->id;
    c->queue = queue;
    c->agentId.clear();
    impl_->queueContact(*c);
    return okJson({{"contactId", c->initialId}, {"currentContactId", c->currentId}});
}

Reply ChatService::agentContact(std::string_view contactId, std::string_view bearer) {
    if (bearer.empty()) return Reply::error("AccessDeniedException", "Missing X-Amz-Bearer");
    // Unknown contacts and other people's are answered alike: the answer tells nobody what exists.
    Contact* c = impl_->contact(contactId);
    if (!c || !impl_->contactAgent(*c, bearer)) return Reply::error("AccessDeniedException", "Access denied");
    json out = {{"contactId", c->initialId}, {"currentContactId", c->currentId}, {"instance", c->instance},
                {"queue", c->queue}, {"stage", toString(c->state)},
                {"customerName", c->participants[c->customerId].displayName}, {"attributes", c->attributes}};
    // The escalation record is Finaptic's: readable on its instance only, by the agent who has the chat.
    if (c->instance == impl_->config.finapticInstance)
        if (const EscalationRecord* record = support_->recordForContact(c->initialId)) out["escalation"] = SupportApi::toJson(*record);
    return okJson(out);
}

// ---------------------------------------------------------------------------------------------
// Finaptic Support API and the demo partner backend (support_api.h)
// ---------------------------------------------------------------------------------------------
std::string ChatService::redactCustomerText(std::string_view instanceId, std::string_view text) const {
    return impl_->redactFor(instanceId, text);
}

Reply ChatService::createEscalation(std::string_view apiKey, std::string_view body) {
    if (auto injected = injectedFailure("CreateEscalation")) return *injected;
    return support_->create(apiKey, body);
}

Reply ChatService::partnerChatToken(std::string_view body) { return demoPartnerChatToken(*this, body); }

// ---------------------------------------------------------------------------------------------
// Test control
// ---------------------------------------------------------------------------------------------
Reply ChatService::setFaults(std::string_view body) {
    json j = parseObject(body);
    if (j.is_null()) return Reply::error("InvalidRequestException", "body must be a JSON object");
    auto integer = [&](const char* key, auto& out) {
        if (auto it = j.find(key); it != j.end() && it->is_number_integer()) out = it->template get<std::remove_reference_t<decltype(out)>>();
    };
    for (auto [key, map] : {std::pair{"failOperation", &faults_.failOperation}, std::pair{"failAfterProcessing", &faults_.failAfterProcessing}})
        if (auto f = j.find(key); f != j.end() && f->is_object())
            for (auto it = f->begin(); it != f->end(); ++it)
                if (it->is_number_integer()) (*map)[it.key()] = it->get<int>();
    integer("failStatus", faults_.failStatus);
    integer("denyConnection", faults_.denyConnection);
    if (auto t = j.find("tokenLifetimeMs"); t != j.end()) {
        if (t->is_number_integer()) faults_.tokenLifetimeMs = t->get<std::int64_t>();
        else if (t->is_null()) faults_.tokenLifetimeMs.reset();
    }
    if (auto d = j.find("dropHeartbeats"); d != j.end() && d->is_boolean()) faults_.dropHeartbeats = d->get<bool>();
    integer("subscribeAckDelayMs", faults_.subscribeAckDelayMs);
    integer("rejectAttachments", faults_.rejectAttachments);
    integer("frameDelayMs", faults_.frameDelayMs);
    for (auto [key, out] : {std::pair{"duplicateFrames", &faults_.duplicateFrames}, std::pair{"reorderFrames", &faults_.reorderFrames}})
        if (auto it = j.find(key); it != j.end() && it->is_number()) *out = std::clamp(it->get<double>(), 0.0, 1.0);
    if (auto r = j.find("reset"); r != j.end() && r->is_boolean() && r->get<bool>()) faults_ = Faults{};
    return okJson({{"ok", true}});
}

Reply ChatService::closeSockets(std::string_view body) {
    json j = parseObject(body);
    const std::string contactId = j.is_null() ? std::string() : field(j, "contactId");
    int code = 1001;
    if (!j.is_null()) if (auto c = j.find("code"); c != j.end() && c->is_number_integer()) code = c->get<int>();
    std::vector<SocketSink*> victims;
    for (auto& [id, sock] : impl_->sockets) {
        if (!contactId.empty()) {
            Contact* c = impl_->contact(contactId);
            if (!c || sock.contactId != c->initialId) continue;
        }
        victims.push_back(sock.sink);
    }
    for (SocketSink* sink : victims) sink->close(code);
    return okJson({{"closed", victims.size()}});
}

}  // namespace connect_local
