// A Conversation driven step by step through the fake platform, a fake token provider, a fake data
// provider and the manual clock (shared by the conversation and conversation-template tests). Both
// sessions share the fakes; requests are told apart by their bearer token (PT-L1/CT-L1 vs PT-L2/CT-L2).
#pragma once
#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "fake_platform.h"
#include "finchat/conversation.h"
#include "finchat/json.h"
#include "finchat/util.h"
#include "items.h"

namespace convtest {

using namespace finchat;
using fake::FakeHttp;
using CE = ConversationEventType;

inline const std::string CPC = "/participant/connection";
inline const std::string MSG = "/participant/message";
inline const std::string TRN = "/participant/transcript";
inline const std::string DISC = "/participant/disconnect";
inline constexpr std::int64_t T0 = fake::kT0;

struct FakeTokens : TokenProvider {
    struct Pending {
        TokenRequest request;
        std::function<void(Result<ChatDetails>)> done;
    };
    void request(TokenRequest r, std::function<void(Result<ChatDetails>)> done) override {
        log.push_back(r);
        pending.push_back({std::move(r), std::move(done)});
    }
    std::size_t asked(SupportLevel level) const {
        return static_cast<std::size_t>(
            std::count_if(log.begin(), log.end(), [&](const TokenRequest& r) { return r.level == level; }));
    }
    std::vector<Pending> pending;
    std::vector<TokenRequest> log;
};

struct FakeData : DataProvider {
    void call(std::string name, std::string args, std::function<void(Result<std::string>)> done) override {
        calls.push_back({std::move(name), std::move(args)});
        answers.push_back(std::move(done));
    }
    std::vector<std::pair<std::string, std::string>> calls;
    std::vector<std::function<void(Result<std::string>)>> answers;
};

struct Recorded {
    CE type;
    int segment = 0;
    std::optional<SessionEventType> session;
    std::string text;
    std::optional<Error> error;
};

inline ChatDetails detailsFor(SupportLevel level) {
    const bool l2 = level == SupportLevel::L2;
    return ChatDetails{l2 ? "c-l2" : "c-l1", l2 ? "p-l2" : "p-l1", l2 ? "PT-L2" : "PT-L1", "http://127.0.0.1:8080", "Dana"};
}

inline std::string bearerOf(const fake::PendingRequest& r) { return r.bearer(); }

struct Harness {
    fake::World w;
    FakeTokens tokens;
    FakeData data;
    ConversationConfig config;
    std::unique_ptr<Conversation> conv;
    std::vector<Recorded> events;
    bool withData = true;   // false: the partner gave no DataProvider

    Harness() {
        config.storageKey = "fc";
        config.session.timings.heartbeatIntervalMs = 1LL << 40;   // no heartbeat noise in long clock jumps
        config.session.timings.transportLifetimeMs = 1LL << 40;
        make();
    }
    void make() {
        conv = std::make_unique<Conversation>(w.platform(), tokens, config, withData ? &data : nullptr);
        conv->setEventHandler([this](const ConversationEvent& e) {
            Recorded r{e.type, e.segment, std::nullopt, e.text, e.error};
            if (e.session) r.session = e.session->type;
            events.push_back(std::move(r));
        });
    }
    // The page reloads: the object goes, storage stays, a new one restores.
    bool reload() {
        conv.reset();
        w.http.requests.clear();
        tokens.pending.clear();
        events.clear();
        make();
        return conv->restore();
    }
    std::size_t count(CE t) const {
        return static_cast<std::size_t>(std::count_if(events.begin(), events.end(), [&](const Recorded& e) { return e.type == t; }));
    }
    std::size_t countSession(SessionEventType t) const {
        return static_cast<std::size_t>(
            std::count_if(events.begin(), events.end(), [&](const Recorded& e) { return e.session == t; }));
    }

    // --- token provider -----------------------------------------------------------------------
    void answerToken(Result<ChatDetails> answer) {
        REQUIRE(!tokens.pending.empty());
        auto p = std::move(tokens.pending.front());
        tokens.pending.erase(tokens.pending.begin());
        p.done(std::move(answer));
    }
    void answerToken(SupportLevel level) {
        REQUIRE(!tokens.pending.empty());
        REQUIRE(tokens.pending.front().request.level == level);
        answerToken(detailsFor(level));
    }

    // --- HTTP, by bearer ------------------------------------------------------------------------
    std::optional<fake::PendingRequest> find(const std::string& path, const std::string& bearer) {
        for (auto it = w.http.requests.begin(); it != w.http.requests.end(); ++it) {
            if (it->path() == path && bearerOf(*it) == bearer) {
                fake::PendingRequest r = std::move(*it);
                w.http.requests.erase(it);
                return r;
            }
        }
        return std::nullopt;
    }
    fake::PendingRequest take(const std::string& path, const std::string& bearer) {
        auto r = find(path, bearer);
        INFO("expected a pending request to " << path << " with bearer " << bearer);
        REQUIRE(r.has_value());
        return std::move(*r);
    }
    std::size_t sentWith(const std::string& path, const std::string& bearer) const {
        return static_cast<std::size_t>(std::count_if(w.http.log.begin(), w.http.log.end(), [&](const HttpRequest& r) {
            if (r.url.find(path) == std::string::npos) return false;
            for (const auto& [k, v] : r.headers)
                if (k == "x-amz-bearer") return v == bearer;
            return false;
        }));
    }
    std::vector<std::string> sentTexts(const std::string& bearer) const {
        std::vector<std::string> out;
        for (const HttpRequest& r : w.http.log) {
            if (r.url.find(MSG) == std::string::npos) continue;
            bool match = false;
            for (const auto& [k, v] : r.headers) match = match || (k == "x-amz-bearer" && v == bearer);
            if (!match) continue;
            auto body = decode<SendMessageRequest>(r.body);
            if (body) out.push_back(body->content);
        }
        return out;
    }
    static std::string level(SupportLevel l) { return l == SupportLevel::L2 ? "L2" : "L1"; }
    static std::string url(SupportLevel l) { return "ws://127.0.0.1:8080/ws?chat=" + level(l); }

    fake::FakeSocket* socket(SupportLevel l) {
        for (auto it = w.sockets.all.rbegin(); it != w.sockets.all.rend(); ++it)
            if (*it && (*it)->url == url(l)) return *it;
        return nullptr;
    }
    void answerCpc(SupportLevel l) {
        auto r = take(CPC, "PT-" + level(l));
        r.done(FakeHttp::ok(cpcBody("CT-" + level(l), url(l))));
    }
    std::string cpcBody(const std::string& token, const std::string& u) {
        CreateParticipantConnectionResponse r;
        r.websocket = WebsocketInfo{u, formatIsoTime(w.clock.nowMs() + 100'000)};
        r.connectionCredentials = ConnectionCredentials{token, formatIsoTime(w.clock.nowMs() + 86'400'000)};
        return encode(r);
    }
    void subscribe(SupportLevel l, const std::vector<Item>& history = {}) {
        fake::FakeSocket* s = socket(l);
        REQUIRE(s != nullptr);
        s->serverOpen();
        s->ackSubscribe();
        GetTranscriptResponse page;
        page.initialContactId = "c-" + level(l);
        page.transcript = history;
        take(TRN, "CT-" + level(l)).done(FakeHttp::ok(encode(page)));
    }
    void goLive(SupportLevel l, const std::vector<Item>& history = {}) {
        answerCpc(l);
        subscribe(l, history);
    }
    void push(SupportLevel l, const Item& item) { socket(l)->serverSend(chatFrame(item)); }
    void answerSends(SupportLevel l) {
        int n = 0;
        while (auto r = find(MSG, "CT-" + level(l))) {
            SendMessageResponse resp;
            resp.id = "sent-" + level(l) + "-" + std::to_string(++n) + "-" + std::to_string(w.clock.nowMs());
            resp.absoluteTime = formatIsoTime(w.clock.nowMs());
            r->done(FakeHttp::ok(encode(resp)));
        }
    }

    // Start → L1 token → L1 live, with an agent's greeting.
    void startOnL1() {
        conv->start();
        answerToken(SupportLevel::L1);
        goLive(SupportLevel::L1, {fake::message("m-1", "p-agent1", ParticipantRole::Agent, "Hi, how can I help?", T0 - 5000, "c-l1")});
        REQUIRE(conv->sessionState() == SessionState::Live);
    }
    Item signal(const std::string& id, const std::string& reason, std::int64_t at) {
        Item i = fake::message(id, "p-bot", ParticipantRole::System, escalationSignalContent(reason), at, "c-l1");
        i.contentType = "application/json";
        return i;
    }
    // The whole handoff, from the L1 signal to L2 live.
    void handOff() {
        push(SupportLevel::L1, signal("sig-1", "mortgage question", w.clock.nowMs()));
        answerToken(SupportLevel::L2);
        goLive(SupportLevel::L2);
        REQUIRE(conv->handoffState() == HandoffState::Done);
    }
};

inline std::vector<std::string> texts(const Transcript& t) {
    std::vector<std::string> out;
    for (const auto& e : t.entries())
        if (e.item.type == ItemType::Message) out.push_back(e.item.content);
    return out;
}

}  // namespace convtest
