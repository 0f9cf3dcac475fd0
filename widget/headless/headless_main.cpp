// widget/headless/headless_main.cpp: the headless SDK's wasm entry (finaptic-chat/headless).
//
// One emscripten module instance per conversation: the core's Conversation over the browser platform
// layer, without ImGui. This file is a view, like the widget: it forwards the SDK's calls to
// Conversation, answers its partner callbacks through the page (token and data providers, see
// host.js) and turns its events and state into JSON for web/src/headless.js. No conversation rule
// lives here (system.md §8): what to send where, when to hand off, what to queue or persist is
// Conversation's.
//
// Exports (fh_*): see web/src/headless.js for how each is used. Strings returned by fh_* are
// malloc'd; the caller frees them.
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <string>

#include <emscripten/emscripten.h>

#include "browser_pii.h"
#include "browser_platform.h"
#include "page_data_provider.h"
#include "page_token_provider.h"
#include "finchat/conversation.h"
#include "finchat/interactive.h"
#include "finchat/json.h"
#include "finchat/util.h"

extern "C" {
// host.js
void fh_js_request_token(int id, const char* level, const char* reason, const char* transcriptJson);
void fh_js_call_data(int id, const char* name, const char* argsJson);
void fh_js_event(const char* name, const char* json);
void fh_js_link(int id, const char* json);
void fh_js_pii();   // the PII detector is needed (Conversation's PiiWanted): answer fh_pii_ready / fh_pii_failed
}

namespace {

using namespace finchat;

char* dup(const std::string& s) {
    char* p = static_cast<char*>(std::malloc(s.size() + 1));
    std::memcpy(p, s.c_str(), s.size() + 1);
    return p;
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return s;
}

// The core's names as the SDK spells them (web/types/headless.d.ts): "InChat", "in-chat" → "inChat".
std::string camel(std::string_view s) {
    std::string out;
    bool upper = false;
    for (char c : s) {
        if (c == '-' || c == '_' || c == ' ') {
            upper = !out.empty();
            continue;
        }
        if (out.empty() && c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        else if (upper && c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
        upper = false;
        out += c;
    }
    return out;
}

std::string stringField(const Json& j, std::string_view key) {
    const Json* v = j.find(key);
    return v && v->isString() ? v->asString() : std::string();
}

// --- JSON of what the SDK exposes ----------------------------------------------------------------

const char* roleName(ParticipantRole r) {
    switch (r) {
        case ParticipantRole::Customer: return "customer";
        case ParticipantRole::Agent: return "agent";
        case ParticipantRole::CustomBot: return "bot";
        case ParticipantRole::System: return "system";
        case ParticipantRole::Supervisor: return "supervisor";
        case ParticipantRole::Other: break;
    }
    return "other";
}

// The public key of a timeline row: unique across segments ("local-N" repeats in every segment).
std::string rowKey(int segment, const std::string& localId) { return decimal(segment) + "/" + localId; }

// --- templates: typed objects for the page (web/types/headless.d.ts HeadlessTemplate) ---------------
// They hold what the page's own dataProvider returned: they go to the page's listeners and nowhere
// else (system.md §4). Each option carries its `path` (what reply() sends back to fh_choose_template).

const char* stateName(TemplateResolver::State s) {
    switch (s) {
        case TemplateResolver::State::Loading: return "loading";
        case TemplateResolver::State::Ready: return "ready";
        case TemplateResolver::State::Failed: return "failed";
    }
    return "loading";
}

const char* kindName(ElementKind k) {
    switch (k) {
        case ElementKind::Option: return "option";
        case ElementKind::ShowMore: return "showMore";
        case ElementKind::PreviousOptions: return "previousOptions";
        case ElementKind::Hyperlink: return "link";
        case ElementKind::Inert: return "text";
    }
    return "text";
}

Json imageJson(const TemplateImage& image) {
    if (image.url.empty()) return Json();
    return Json::object({{"url", image.url}, {"alt", image.altText}});
}

Json pathJson(int card, int index) {
    Json p = Json::array();
    if (card >= 0) p.push(card);
    p.push(index);
    return p;
}

// One ListPicker / Panel / QuickReply / TimePicker (or a Carousel card: `card` >= 0).
void fillTemplate(Json& out, const InteractiveTemplate& t, int card, const std::optional<TemplateChoice>& picked) {
    out.set("type", toString(t.type));
    out.set("title", t.title);
    out.set("subtitle", t.subtitle);
    out.set("image", imageJson(t.image));
    Json elements = Json::array();
    for (std::size_t i = 0; i < t.elements.size(); ++i) {
        const TemplateElement& el = t.elements[i];
        Json e = Json::object({{"title", el.title}, {"subtitle", el.subtitle}, {"image", imageJson(el.image)},
                               {"kind", kindName(el.kind)}, {"path", pathJson(card, static_cast<int>(i))}});
        if (el.kind == ElementKind::Hyperlink) e.set("url", el.url);
        e.set("selected", picked && picked->card == card && picked->element == static_cast<int>(i) && picked->slot < 0);
        elements.push(std::move(e));
    }
    out.set("elements", std::move(elements));
    Json slots = Json::array();
    for (std::size_t i = 0; i < t.slots.size(); ++i) {
        slots.push(Json::object({{"start", formatIsoTime(t.slots[i].startMs)},
                                 {"durationMinutes", t.slots[i].durationMinutes},
                                 {"path", pathJson(-1, static_cast<int>(i))},
                                 {"selected", picked && picked->slot == static_cast<int>(i)}}));
    }
    out.set("slots", std::move(slots));
}

Json templateJson(const TemplateView& v) {
    Json out = Json::object();
    out.set("state", stateName(v.state));
    out.set("type", Json());
    out.set("title", "");
    out.set("subtitle", "");
    out.set("image", Json());
    out.set("elements", Json::array());
    out.set("slots", Json::array());
    Json cards = Json::array();
    if (v.ready) {
        fillTemplate(out, *v.ready, -1, v.picked);
        for (std::size_t c = 0; c < v.ready->cards.size(); ++c) {
            Json card = Json::object({{"path", pathJson(-1, static_cast<int>(c))}});
            fillTemplate(card, v.ready->cards[c], static_cast<int>(c), v.picked);
            cards.push(std::move(card));
        }
    }
    out.set("cards", std::move(cards));
    out.set("answered", v.answered);
    out.set("picked", v.picked ? Json::object({{"card", v.picked->card}, {"element", v.picked->element},
                                                {"slot", v.picked->slot}})
                               : Json());
    out.set("fallbackText", v.failure ? v.failure->fallbackText : std::string());
    out.set("retryable", v.failure && v.failure->retryable);
    return out;
}

Json messageJson(Conversation& c, int segment, const TranscriptEntry& e) {
    Json m = Json::object();
    m.set("id", rowKey(segment, e.localId));
    m.set("messageId", e.item.id.empty() ? Json() : Json(e.item.id));
    m.set("segment", segment);
    m.set("level", toString(c.segmentLevel(segment)));
    m.set("type", lower(toString(e.item.type)));
    m.set("contentType", e.item.contentType);
    // Events (joined, left, ended...) carry no text of their own; messages carry what was written.
    m.set("text", e.item.type == ItemType::Event ? std::string() : e.item.content);
    // The customer's reply to a data-bound option is its opaque id on the wire; the title it stands
    // for is known on this device only. A Carousel card's reply is JSON on the wire; it reads the option.
    if (e.own && e.item.type == ItemType::Message) {
        if (auto title = c.pickedTitle(e.item.content)) m.set("localTitle", *title);
        else if (auto chosen = templateReplyText(e.item.contentType, e.item.content)) m.set("localTitle", *chosen);
    }
    m.set("role", roleName(e.item.role()));
    m.set("participantId", e.item.participantId);
    m.set("displayName", e.item.displayName);
    m.set("time", e.item.absoluteTime);
    m.set("timeMs", e.timeMs);
    m.set("own", e.own);
    m.set("delivery", lower(toString(e.delivery)));
    if (e.error) m.set("error", Json::object({{"code", camel(toString(e.error->code))}, {"message", e.error->detail}}));
    if (const TemplateView* v = c.templateOf(segment, e.localId)) m.set("template", templateJson(*v));
    Json files = Json::array();
    for (const AttachmentInfo& a : e.item.attachments) {
        const AttachmentStatus st = a.status.value_or(AttachmentStatus::Approved);
        const auto size = c.attachmentSize(a.attachmentId);
        files.push(Json::object({{"id", a.attachmentId}, {"name", a.attachmentName}, {"contentType", a.contentType},
                                 {"status", st == AttachmentStatus::Rejected ? "rejected"
                                            : st == AttachmentStatus::InProgress ? "inProgress" : "approved"},
                                 {"size", size ? Json(*size) : Json()}}));
    }
    m.set("attachments", std::move(files));
    return m;
}

// One of the customer's uploads (web/types/headless.d.ts Upload).
Json uploadJson(const OutgoingAttachment& u) {
    Json j = Json::object({{"id", u.uploadId}, {"name", u.name}, {"contentType", u.contentType}, {"size", u.sizeInBytes},
                           {"sent", u.sentBytes},
                           {"percent", u.sizeInBytes > 0 ? static_cast<int>(u.sentBytes * 100 / u.sizeInBytes) : 0},
                           {"stage", toString(u.stage)},
                           {"attachmentId", u.attachmentId.empty() ? Json() : Json(u.attachmentId)}});
    if (u.problem) {
        j.set("problem", camel(toString(*u.problem)));
        j.set("retryable", attachmentRetryable(*u.problem));
    }
    if (u.error) j.set("error", Json::object({{"code", camel(toString(u.error->code))}, {"message", u.error->detail},
                                              {"status", u.error->httpStatus}}));
    return j;
}

// Rows the SDK does not show: SHOW_MORE / PREVIOUS_OPTIONS requests (as the official widget).
bool hiddenRow(const TranscriptEntry& e) { return templateReplyHidden(e.item.contentType, e.item.content); }

Json errorJson(const Error& e) {
    return Json::object({{"code", camel(toString(e.code))}, {"message", e.detail}, {"status", e.httpStatus}});
}

class HeadlessConversation {
public:
    HeadlessConversation(ConversationConfig config, bool withData)
        : displayName_(config.displayName),
          conversation_(platform_.platform(pii_), tokens_, std::move(config), withData ? &data_ : nullptr) {
        conversation_.setEventHandler([this](const ConversationEvent& e) { onEvent(e); });
    }

    Conversation& conversation() { return conversation_; }
    browser::PageTokenProvider& tokens() { return tokens_; }
    const std::string& displayName() const { return displayName_; }
    browser::PageDataProvider& data() { return data_; }

    Json status() const {
        const Conversation& c = conversation_;
        Json s = Json::object();
        s.set("state", camel(toString(c.state())));
        s.set("handoff", camel(toString(c.handoffState())));
        s.set("connection", toString(c.sessionState()));
        s.set("segment", c.segmentCount() ? Json(c.currentSegment()) : Json());
        s.set("level", c.segmentCount() ? Json(toString(c.segmentLevel(c.currentSegment()))) : Json());
        s.set("unread", c.unread());
        s.set("hasOlder", c.hasOlderHistory());
        s.set("transparentHandoff", c.transparentHandoff());
        if (c.handoffError()) s.set("handoffError", errorJson(*c.handoffError()));
        if (c.startError()) s.set("startError", errorJson(*c.startError()));
        if (c.piiQuestion()) s.set("piiQuestion", *c.piiQuestion());
        return s;
    }

    Json messages() {
        Json out = Json::array();
        for (int s = 0; s < conversation_.segmentCount(); ++s)
            for (const auto& e : conversation_.transcript(s).entries())
                if (!hiddenRow(e)) out.push(messageJson(conversation_, s, e));
        return out;
    }

    Json queued() const {
        Json out = Json::array();
        for (const auto& q : conversation_.queued())
            out.push(Json::object({{"id", q.id}, {"text", q.text}, {"contentType", q.contentType}, {"timeMs", q.timeMs}}));
        return out;
    }

    Json uploads() const {
        Json out = Json::array();
        for (const auto& u : conversation_.uploads()) out.push(uploadJson(u));
        return out;
    }

    Json typing() const {
        Json out = Json::array();
        for (const auto& t : conversation_.typing())
            out.push(Json::object({{"participantId", t.participantId}, {"displayName", t.displayName},
                                   {"role", roleName(t.role)}}));
        return out;
    }

    // Resolves a public row key ("1/local-3") or a server message Id to the server Id markRead needs.
    std::string serverId(const std::string& key) const {
        auto slash = key.find('/');
        if (slash == std::string::npos) return key;
        int segment = std::atoi(key.substr(0, slash).c_str());
        if (segment < 0 || segment >= conversation_.segmentCount()) return {};
        const TranscriptEntry* e = conversation_.transcript(segment).findLocal(key.substr(slash + 1));
        return e ? e->item.id : std::string();
    }

    // A public key's segment and local id (retrySend), or segment -1.
    std::pair<int, std::string> localKey(const std::string& key) const {
        auto slash = key.find('/');
        if (slash == std::string::npos) return {-1, {}};
        const int segment = std::atoi(key.substr(0, slash).c_str());
        if (segment < 0 || segment >= conversation_.segmentCount()) return {-1, {}};
        return {segment, key.substr(slash + 1)};
    }

    // Rows of `segment` no event has shown yet: announced (after a handoff: the L2 chat's first rows
    // arrived while it was not shown yet) or only noted as known (after restore()).
    void catchUp(int segment, bool announce) {
        for (const auto& entry : conversation_.transcript(segment).entries())
            if (seen_.insert(rowKey(segment, entry.localId)).second && announce && !hiddenRow(entry))
                emit("message", messageJson(conversation_, segment, entry));
    }
    void noteRestored() {
        for (int s = 0; s < conversation_.segmentCount(); ++s) catchUp(s, false);
    }

private:
    void emit(const char* name, const Json& payload) { fh_js_event(name, payload.dump().c_str()); }

    // An upload moved (`upload`: progress, stage, failure; `{id, stage: "done"}` once it left the
    // list: delivered, cancelled or removed), or a file's size became known (its message again).
    void attachmentChanged(const std::string& id) {
        for (const auto& u : conversation_.uploads()) {
            if (u.uploadId != id) continue;
            if (!u.attachmentId.empty()) uploadFiles_[id] = u.attachmentId;
            emit("upload", uploadJson(u));
            return;
        }
        auto known = uploadFiles_.find(id);
        if (id.rfind("upload-", 0) == 0) {
            emit("upload", Json::object({{"id", id}, {"stage", "done"}}));
            if (known == uploadFiles_.end()) return;
            const std::string file = known->second;
            uploadFiles_.erase(known);
            return messagesWithFile(file);
        }
        messagesWithFile(id);
    }

    void messagesWithFile(const std::string& attachmentId) {
        for (int s = 0; s < conversation_.segmentCount(); ++s)
            for (const auto& entry : conversation_.transcript(s).entries()) {
                if (hiddenRow(entry) || !seen_.count(rowKey(s, entry.localId))) continue;
                for (const AttachmentInfo& a : entry.item.attachments)
                    if (a.attachmentId == attachmentId) emit("messageUpdated", messageJson(conversation_, s, entry));
            }
    }

    // connectionState follows the current chat: its segment changes at a handoff, its state with the
    // session's (the L2 chat's first steps happen before it is current).
    void connectionChanged() {
        const int segment = conversation_.segmentCount() ? conversation_.currentSegment() : -1;
        const std::string now = decimal(segment) + toString(conversation_.sessionState());
        if (now == lastConnection_) return;
        lastConnection_ = now;
        if (segment < 0) return;
        emit("connectionState", Json::object({{"state", toString(conversation_.sessionState())}, {"segment", segment},
                                              {"level", toString(conversation_.segmentLevel(segment))}}));
    }

    // `state` carries the whole status; sent whenever it differs from the last one sent, after any
    // event (the current chat's connection changes through Session events, not StateChanged).
    void statusChanged() {
        const Json s = status();
        std::string text = s.dump();
        if (text == lastStatus_) return;
        lastStatus_ = std::move(text);
        emit("state", s);
    }

    void onEvent(const ConversationEvent& e) {
        onConversationEvent(e);
        connectionChanged();
        statusChanged();
    }

    void onConversationEvent(const ConversationEvent& e) {
        switch (e.type) {
            case ConversationEventType::StateChanged:
                return;   // statusChanged() follows every event
            case ConversationEventType::Session:
                if (e.session) onSession(e.segment, *e.session);
                return;
            case ConversationEventType::HandoffStarted:
                emit("handoffStarted", Json::object({{"reason", e.text}}));
                return;
            case ConversationEventType::HandoffSucceeded:
                emit("handoffSucceeded", Json::object({{"segment", e.segment}, {"level", toString(e.level)}}));
                catchUp(e.segment, true);
                return;
            case ConversationEventType::HandoffFailed:
                emit("handoffFailed", e.error ? errorJson(*e.error) : Json::object());
                return;
            case ConversationEventType::UnreadChanged:
                emit("unread", Json::object({{"count", conversation_.unread()}}));
                return;
            case ConversationEventType::PiiQuestion:
                emit("piiQuestion", Json::object({{"types", e.text}, {"text", conversation_.piiQuestionText()}}));
                return;
            case ConversationEventType::QueueChanged:
                emit("queued", Json::object({{"messages", queued()}}));
                return;
            case ConversationEventType::AttachmentChanged:
                return attachmentChanged(e.text);
            case ConversationEventType::Ended:
                emit("ended", Json::object());
                return;
            case ConversationEventType::TemplateChanged: {
                // Resolved, failed, retrying, answered or picked: the row's template as it is now.
                const TemplateView* v = conversation_.templateOf(e.segment, e.text);
                if (!v) return;
                emit("template", Json::object({{"id", rowKey(e.segment, e.text)}, {"segment", e.segment},
                                               {"level", toString(e.level)}, {"template", templateJson(*v)}}));
                return;
            }
            case ConversationEventType::PiiWanted:
                return fh_js_pii();   // headless.js loads the detector: fh_pii_ready, or fh_pii_failed
        }
    }

    void onSession(int segment, const SessionEvent& e) {
        const char* level = toString(conversation_.segmentLevel(segment));
        auto who = [&] {
            Json j = Json::object({{"segment", segment}, {"level", level}, {"participantId", e.participantId},
                                   {"displayName", e.displayName}});
            if (e.item) j.set("role", roleName(e.item->role()));
            return j;
        };
        switch (e.type) {
            case SessionEventType::TranscriptChanged: {
                const TranscriptEntry* entry = conversation_.transcript(segment).findLocal(e.localId);
                if (!entry || hiddenRow(*entry)) return;
                const bool added = seen_.insert(rowKey(segment, e.localId)).second;
                emit(added ? "message" : "messageUpdated", messageJson(conversation_, segment, *entry));
                return;
            }
            case SessionEventType::TypingChanged: {
                Json j = who();
                j.set("active", e.active);
                emit("typing", j);
                return;
            }
            case SessionEventType::ParticipantJoined: emit("participantJoined", who()); return;
            case SessionEventType::ParticipantLeft: emit("participantLeft", who()); return;
            case SessionEventType::PiiMasked:
                emit("piiMasked", Json::object({{"id", rowKey(segment, e.localId)}, {"types", e.text}}));
                return;
            case SessionEventType::Error:
                if (e.error) emit("error", errorJson(*e.error));
                return;
            default:
                return;
        }
    }

    browser::BrowserPlatform platform_;
    browser::BrowserPiiDetector pii_;   // its own wasm, loaded by headless.js when the conversation asks
    browser::PageTokenProvider tokens_{fh_js_request_token};
    std::string displayName_;
    browser::PageDataProvider data_{fh_js_call_data};
    Conversation conversation_;
    std::set<std::string> seen_;
    std::map<std::string, std::string> uploadFiles_;   // uploadId -> attachmentId, while it is listed
    std::string lastStatus_;
    std::string lastConnection_;
};

HeadlessConversation* instance = nullptr;   // lives as long as the module instance

Conversation* conv() { return instance ? &instance->conversation() : nullptr; }

std::string sendResultJson(const SendResult& r) {
    Json out = Json::object();
    const char* outcome = r.outcome == SendOutcome::Sent          ? "sent"
                          : r.outcome == SendOutcome::Queued      ? "queued"
                          : r.outcome == SendOutcome::PiiQuestion ? "piiQuestion"
                                                                  : "refused";
    out.set("outcome", outcome);
    if (r.outcome == SendOutcome::Sent) out.set("id", rowKey(conv()->currentSegment(), r.localId));
    else if (!r.localId.empty()) out.set("id", r.localId);
    if (r.error) out.set("error", errorJson(*r.error));
    return out.dump();
}

// A public row key ("1/t-9") as segment and localId; segment -1 when it is not one.
std::pair<int, std::string> splitRowKey(const std::string& key) {
    const auto slash = key.find('/');
    if (slash == std::string::npos) return {-1, {}};
    return {std::atoi(key.substr(0, slash).c_str()), key.substr(slash + 1)};
}

}  // namespace

extern "C" {

// config: {storageKey, displayName, transparentHandoff, piiPolicy: "mask"|"ask"|"off"|{TYPE: "send"|"mask"|
// "ask"}, dataProvider: bool}. Returns 0, 1 if already initialised, 2 on a malformed config (a bad
// per-type piiPolicy included).
EMSCRIPTEN_KEEPALIVE int fh_init(const char* configJson) {
    if (instance) return 1;
    const Json j = Json::parse(configJson ? configJson : "");
    if (!j.isObject()) return 2;
    ConversationConfig config;
    config.storageKey = stringField(j, "storageKey");
    config.displayName = stringField(j, "displayName");
    const Json* transparent = j.find("transparentHandoff");
    config.transparentHandoff = transparent && transparent->asBool();
    config.session.role = ParticipantRole::Customer;
    if (const Json* pii = j.find("piiPolicy"); pii && !pii->isNull() && !applyPiiOption(pii->dump(), config.session))
        return 2;
    const Json* data = j.find("dataProvider");
    instance = new HeadlessConversation(std::move(config), data && data->asBool());
    return 0;
}

// The page's token provider answered: chat details {participantToken, participantId, contactId,
// endpoint, displayName?} or {error}.
EMSCRIPTEN_KEEPALIVE void fh_token(int id, const char* json) {
    if (instance) instance->tokens().answer(id, json ? json : "", instance->displayName());
}

// The PII detector (its own wasm, with the name table) is set on the module by headless.js after
// host.pii(): what waited for it goes now. Or it could not be loaded: the messages stay queued and
// the partner hears why (`error` {code: "pii"}); the next send() tries again.
EMSCRIPTEN_KEEPALIVE void fh_pii_ready() {
    if (conv()) conv()->piiReady();
}
EMSCRIPTEN_KEEPALIVE void fh_pii_failed(const char* message) {
    fh_js_event("error", Json::object({{"code", "pii"}, {"message", message ? message : ""}}).dump().c_str());
}

// The page's data provider answered: ok != 0 with the result's JSON, or the failure's message.
EMSCRIPTEN_KEEPALIVE void fh_data(int id, int ok, const char* text) {
    if (!instance) return;
    instance->data().answer(id, ok != 0, text ? text : "");
}

EMSCRIPTEN_KEEPALIVE int fh_restore() {
    if (!conv() || !conv()->restore()) return 0;
    instance->noteRestored();   // the SDK reads them at once; later events are their updates
    return 1;
}
EMSCRIPTEN_KEEPALIVE void fh_start() { if (conv()) conv()->start(); }
EMSCRIPTEN_KEEPALIVE void fh_retry() { if (conv()) conv()->retry(); }
EMSCRIPTEN_KEEPALIVE void fh_start_new() { if (conv()) conv()->startNew(); }

// {outcome: "sent"|"queued"|"piiQuestion"|"refused", id?, error?}
EMSCRIPTEN_KEEPALIVE char* fh_send(const char* text) {
    if (!conv()) return dup("{\"outcome\":\"refused\"}");
    return dup(sendResultJson(conv()->send(text ? text : "")));
}

// The row's template ("1/t-9"): choose an option (`card` -1 outside a Carousel; `element` or `slot`
// -1 when not used). Answers like fh_send.
EMSCRIPTEN_KEEPALIVE char* fh_choose_template(const char* key, int card, int element, int slot) {
    if (!conv() || !key) return dup("{\"outcome\":\"refused\"}");
    const auto [segment, local] = splitRowKey(key);
    return dup(sendResultJson(conv()->chooseTemplate(segment, local, TemplateChoice{card, element, slot})));
}

EMSCRIPTEN_KEEPALIVE void fh_retry_template(const char* key) {
    if (!conv() || !key) return;
    const auto [segment, local] = splitRowKey(key);
    conv()->retryTemplate(segment, local);
}

// A file (`data`: its bytes, malloc'd; C++ takes ownership): {id} (an upload started: `upload` events
// follow) or {refused: "typeNotAllowed"|"tooLarge"|"empty"|"badName"|"notConnected"|"ended"}.
EMSCRIPTEN_KEEPALIVE char* fh_send_attachment(const char* name, const char* type, unsigned char* data, int len) {
    std::string bytes;
    if (data && len > 0) bytes.assign(reinterpret_cast<const char*>(data), static_cast<std::size_t>(len));
    std::free(data);
    if (!conv()) return dup("{\"refused\":\"notConnected\"}");
    const AttachmentSendResult r = conv()->sendAttachment(name ? name : "", type ? type : "", std::move(bytes));
    if (r.refused) return dup(Json::object({{"refused", camel(toString(*r.refused))}}).dump());
    return dup(Json::object({{"id", r.uploadId}}).dump());
}

// An upload: 0 cancel, 1 retry, 2 remove. 1 if the core did it.
EMSCRIPTEN_KEEPALIVE int fh_upload(const char* uploadId, int op) {
    if (!conv() || !uploadId) return 0;
    const bool done = op == 0 ? conv()->cancelAttachment(uploadId)
                      : op == 1 ? conv()->retryAttachment(uploadId) : conv()->removeAttachment(uploadId);
    return done ? 1 : 0;
}

// A signed download URL for an attachment of the current chat: answered later with
// fh_js_link(id, {url, urlExpiry, size} | {error}).
EMSCRIPTEN_KEEPALIVE void fh_attachment_link(int id, const char* attachmentId) {
    if (!conv()) return fh_js_link(id, "{\"error\":{\"code\":\"ended\",\"message\":\"destroyed\"}}");
    conv()->attachmentLink(attachmentId ? attachmentId : "", [id](Result<GetAttachmentResponse> r) {
        if (!r) return fh_js_link(id, Json::object({{"error", errorJson(r.error())}}).dump().c_str());
        fh_js_link(id, Json::object({{"url", r->url}, {"urlExpiry", r->urlExpiry},
                                     {"size", r->attachmentSizeInBytes ? Json(*r->attachmentSizeInBytes) : Json()}})
                           .dump()
                           .c_str());
    });
}

// 0 mask, 1 as typed, 2 cancel.
EMSCRIPTEN_KEEPALIVE void fh_answer_pii(int choice) {
    if (conv()) conv()->answerPii(choice == 1 ? PiiChoice::AsTyped : choice == 2 ? PiiChoice::Cancel : PiiChoice::Mask);
}
EMSCRIPTEN_KEEPALIVE int fh_retry_send(const char* key) {
    if (!conv() || !key) return 0;
    const auto [segment, local] = instance->localKey(key);
    return segment >= 0 && conv()->retrySend(segment, local).ok() ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void fh_typing() { if (conv()) conv()->notifyTyping(); }
EMSCRIPTEN_KEEPALIVE void fh_mark_read(const char* key) {
    if (!conv() || !key) return;
    std::string id = instance->serverId(key);
    if (!id.empty()) conv()->markRead(id);
}
EMSCRIPTEN_KEEPALIVE int fh_load_older() { return conv() && conv()->loadOlder() ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE void fh_retry_now() { if (conv()) conv()->retryNow(); }
EMSCRIPTEN_KEEPALIVE void fh_escalate(const char* reason) { if (conv()) conv()->escalate(reason ? reason : ""); }
EMSCRIPTEN_KEEPALIVE void fh_retry_handoff() { if (conv()) conv()->retryHandoff(); }
EMSCRIPTEN_KEEPALIVE void fh_end() { if (conv()) conv()->end(); }
EMSCRIPTEN_KEEPALIVE void fh_viewing(int viewing) { if (conv()) conv()->setViewing(viewing != 0); }

// Frees the conversation: sessions close their sockets and cancel their timers. The SDK calls it on
// a later turn, never from inside an event this module raised.
EMSCRIPTEN_KEEPALIVE void fh_destroy() {
    delete instance;
    instance = nullptr;
}

// What a UI draws, as JSON: 0 the status, 1 the timeline's messages, 2 the queued messages, 3 who
// is typing, 4 the customer's uploads.
EMSCRIPTEN_KEEPALIVE char* fh_read(int what) {
    if (!instance) return dup(what == 0 ? "{}" : "[]");
    const Json j = what == 0   ? instance->status()
                   : what == 1 ? instance->messages()
                   : what == 2 ? instance->queued()
                   : what == 4 ? instance->uploads()
                               : instance->typing();
    return dup(j.dump());
}

}  // extern "C"
