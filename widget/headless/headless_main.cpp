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

#include "browser_platform.h"
#include "page_token_provider.h"
#include "finchat/conversation.h"
#include "finchat/json.h"

extern "C" {
// host.js
void fh_js_request_token(int id, const char* level, const char* reason, const char* transcriptJson);
void fh_js_call_data(int id, const char* name, const char* argsJson);
void fh_js_event(const char* name, const char* json);
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

// The partner's dataProvider functions, through the page (host.callData → fh_data), answered on a
// later turn. A request still open when the module goes away is never answered.
class PageDataProvider final : public DataProvider {
public:
    void call(std::string name, std::string argsJson, std::function<void(Result<std::string>)> done) override {
        const int id = next_++;
        pending_[id] = std::move(done);
        fh_js_call_data(id, name.c_str(), argsJson.c_str());
    }
    void answer(int id, Result<std::string> result) {
        auto it = pending_.find(id);
        if (it == pending_.end()) return;
        auto done = std::move(it->second);
        pending_.erase(it);
        done(std::move(result));
    }

private:
    int next_ = 1;
    std::map<int, std::function<void(Result<std::string>)>> pending_;
};

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
std::string rowKey(int segment, const std::string& localId) { return std::to_string(segment) + "/" + localId; }

Json messageJson(const Conversation& c, int segment, const TranscriptEntry& e) {
    Json m = Json::object();
    m.set("id", rowKey(segment, e.localId));
    m.set("messageId", e.item.id.empty() ? Json() : Json(e.item.id));
    m.set("segment", segment);
    m.set("level", toString(c.segmentLevel(segment)));
    m.set("type", lower(toString(e.item.type)));
    m.set("contentType", e.item.contentType);
    // Events (joined, left, ended...) carry no text of their own; messages carry what was written.
    m.set("text", e.item.type == ItemType::Event ? std::string() : e.item.content);
    m.set("role", roleName(e.item.role()));
    m.set("participantId", e.item.participantId);
    m.set("displayName", e.item.displayName);
    m.set("time", e.item.absoluteTime);
    m.set("timeMs", e.timeMs);
    m.set("own", e.own);
    m.set("delivery", lower(toString(e.delivery)));
    if (e.error) m.set("error", Json::object({{"code", camel(toString(e.error->code))}, {"message", e.error->detail}}));
    Json files = Json::array();
    for (const AttachmentInfo& a : e.item.attachments) {
        const AttachmentStatus st = a.status.value_or(AttachmentStatus::Approved);
        files.push(Json::object({{"id", a.attachmentId}, {"name", a.attachmentName}, {"contentType", a.contentType},
                                 {"status", st == AttachmentStatus::Rejected ? "rejected"
                                            : st == AttachmentStatus::InProgress ? "inProgress" : "approved"}}));
    }
    m.set("attachments", std::move(files));
    return m;
}

Json errorJson(const Error& e) {
    return Json::object({{"code", camel(toString(e.code))}, {"message", e.detail}, {"status", e.httpStatus}});
}

class HeadlessConversation {
public:
    HeadlessConversation(ConversationConfig config, bool withData)
        : displayName_(config.displayName),
          conversation_(platform_.platform(), tokens_, std::move(config), withData ? &data_ : nullptr) {
        conversation_.setEventHandler([this](const ConversationEvent& e) { onEvent(e); });
    }

    Conversation& conversation() { return conversation_; }
    browser::PageTokenProvider& tokens() { return tokens_; }
    const std::string& displayName() const { return displayName_; }
    PageDataProvider& data() { return data_; }

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

    Json messages() const {
        Json out = Json::array();
        for (int s = 0; s < conversation_.segmentCount(); ++s)
            for (const auto& e : conversation_.transcript(s).entries()) out.push(messageJson(conversation_, s, e));
        return out;
    }

    Json queued() const {
        Json out = Json::array();
        for (const auto& q : conversation_.queued())
            out.push(Json::object({{"id", q.id}, {"text", q.text}, {"contentType", q.contentType}, {"timeMs", q.timeMs}}));
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

    // A public key's local id in the current segment (retrySend), or "".
    std::string currentLocalId(const std::string& key) const {
        auto slash = key.find('/');
        if (slash == std::string::npos || conversation_.segmentCount() == 0) return {};
        if (std::atoi(key.substr(0, slash).c_str()) != conversation_.currentSegment()) return {};
        return key.substr(slash + 1);
    }

    // Rows of `segment` no event has shown yet: announced (after a handoff: the L2 chat's first rows
    // arrived while it was not shown yet) or only noted as known (after restore()).
    void catchUp(int segment, bool announce) {
        for (const auto& entry : conversation_.transcript(segment).entries())
            if (seen_.insert(rowKey(segment, entry.localId)).second && announce)
                emit("message", messageJson(conversation_, segment, entry));
    }
    void noteRestored() {
        for (int s = 0; s < conversation_.segmentCount(); ++s) catchUp(s, false);
    }

private:
    void emit(const char* name, const Json& payload) { fh_js_event(name, payload.dump().c_str()); }

    // connectionState follows the current chat: its segment changes at a handoff, its state with the
    // session's (the L2 chat's first steps happen before it is current).
    void connectionChanged() {
        const int segment = conversation_.segmentCount() ? conversation_.currentSegment() : -1;
        const std::string now = std::to_string(segment) + toString(conversation_.sessionState());
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
                emit("piiQuestion", Json::object({{"types", e.text}}));
                return;
            case ConversationEventType::QueueChanged:
                emit("queued", Json::object({{"messages", queued()}}));
                return;
            case ConversationEventType::AttachmentChanged:
                return;   // the headless SDK does not send files yet (only the widget does)
            case ConversationEventType::Ended:
                emit("ended", Json::object());
                return;
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
                if (!entry) return;
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
    browser::PageTokenProvider tokens_{fh_js_request_token};
    std::string displayName_;
    PageDataProvider data_;
    Conversation conversation_;
    std::set<std::string> seen_;
    std::string lastStatus_;
    std::string lastConnection_;
};

HeadlessConversation* instance = nullptr;   // lives as long as the module instance

Conversation* conv() { return instance ? &instance->conversation() : nullptr; }

}  // namespace

extern "C" {

// config: {storageKey, displayName, transparentHandoff, piiPolicy: "mask"|"ask"|"off", dataProvider: bool}.
// Returns 0, 1 if already initialised, 2 on a malformed config.
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
    config.session.piiPolicy = piiPolicyFromName(stringField(j, "piiPolicy"));
    const Json* data = j.find("dataProvider");
    instance = new HeadlessConversation(std::move(config), data && data->asBool());
    return 0;
}

// The page's token provider answered: chat details {participantToken, participantId, contactId,
// endpoint, displayName?} or {error}.
EMSCRIPTEN_KEEPALIVE void fh_token(int id, const char* json) {
    if (instance) instance->tokens().answer(id, json ? json : "", instance->displayName());
}

// The page's data provider answered: ok != 0 with the result's JSON, or the failure's message.
EMSCRIPTEN_KEEPALIVE void fh_data(int id, int ok, const char* text) {
    if (!instance) return;
    std::string t = text ? text : "";
    if (ok) instance->data().answer(id, std::move(t));
    else instance->data().answer(id, Error{ErrorCode::Service, std::move(t)});
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
    SendResult r = conv()->send(text ? text : "");
    Json out = Json::object();
    const char* outcome = r.outcome == SendOutcome::Sent          ? "sent"
                          : r.outcome == SendOutcome::Queued      ? "queued"
                          : r.outcome == SendOutcome::PiiQuestion ? "piiQuestion"
                                                                  : "refused";
    out.set("outcome", outcome);
    if (r.outcome == SendOutcome::Sent) out.set("id", rowKey(conv()->currentSegment(), r.localId));
    else if (!r.localId.empty()) out.set("id", r.localId);
    if (r.error) out.set("error", errorJson(*r.error));
    return dup(out.dump());
}

// 0 mask, 1 as typed, 2 cancel.
EMSCRIPTEN_KEEPALIVE void fh_answer_pii(int choice) {
    if (conv()) conv()->answerPii(choice == 1 ? PiiChoice::AsTyped : choice == 2 ? PiiChoice::Cancel : PiiChoice::Mask);
}
EMSCRIPTEN_KEEPALIVE int fh_retry_send(const char* key) {
    if (!conv() || !key) return 0;
    std::string local = instance->currentLocalId(key);
    return !local.empty() && conv()->retrySend(local).ok() ? 1 : 0;
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
// is typing.
EMSCRIPTEN_KEEPALIVE char* fh_read(int what) {
    if (!instance) return dup(what == 0 ? "{}" : "[]");
    const Json j = what == 0 ? instance->status() : what == 1 ? instance->messages() : what == 2 ? instance->queued() : instance->typing();
    return dup(j.dump());
}

}  // extern "C"
