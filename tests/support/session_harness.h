// Drives a ChatSession through the fake platform: answers its requests, plays the websocket server.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "fake_platform.h"
#include "finchat/chat_session.h"
#include "items.h"

namespace fake {

struct RecordedEvent {
    finchat::SessionEventType type;
    std::string localId, participantId, text;
    bool active = false;
    std::optional<finchat::Error> error;
};

struct Harness {
    World w;
    finchat::ChatDetails details{"c-1", "p-cust", "PT-secret", "http://127.0.0.1:8080", "Dana"};
    finchat::SessionConfig config;
    std::unique_ptr<finchat::ChatSession> session;
    std::vector<RecordedEvent> events;

    explicit Harness(finchat::SessionConfig cfg = {}) : config(std::move(cfg)) {
        if (config.storageKey.empty()) config.storageKey = "finchat.session";
        make();
    }
    void make() {
        session = std::make_unique<finchat::ChatSession>(w.platform(), details, config);
        listen();
    }
    void listen() {
        session->setEventHandler([this](const finchat::SessionEvent& e) {
            events.push_back({e.type, e.localId, e.participantId, e.text, e.active, e.error});
        });
    }
    std::size_t count(finchat::SessionEventType t) const {
        return static_cast<std::size_t>(std::count_if(events.begin(), events.end(), [&](const RecordedEvent& e) { return e.type == t; }));
    }

    // --- HTTP --------------------------------------------------------------------------------
    PendingRequest take(const std::string& path) {
        auto r = w.http.take(path);
        INFO("expected a pending request to " << path);
        REQUIRE(r.has_value());
        return std::move(*r);
    }
    void answer(const std::string& path, finchat::HttpResponse response) { take(path).done(std::move(response)); }

    static std::string cpcBody(const std::string& token, const std::string& url, std::int64_t expiryMs, std::int64_t nowMs) {
        finchat::CreateParticipantConnectionResponse r;
        r.websocket = finchat::WebsocketInfo{url, finchat::formatIsoTime(nowMs + 100'000)};
        r.connectionCredentials = finchat::ConnectionCredentials{token, finchat::formatIsoTime(expiryMs)};
        return finchat::encode(r);
    }
    void answerCpc(const std::string& token = "CT-1", const std::string& url = "ws://127.0.0.1:8080/ws?s=1",
                   std::int64_t lifetimeMs = 24LL * 3600 * 1000) {
        answer("/participant/connection", FakeHttp::ok(cpcBody(token, url, w.clock.nowMs() + lifetimeMs, w.clock.nowMs())));
    }
    void answerTranscript(const std::vector<finchat::Item>& items, const std::string& nextToken = {}) {
        finchat::GetTranscriptResponse r;
        r.initialContactId = "c-1";
        r.transcript = items;
        r.nextToken = nextToken;
        answer("/participant/transcript", FakeHttp::ok(finchat::encode(r)));
    }
    std::string answerSend(const std::string& id, std::int64_t atMs) {
        auto req = take("/participant/message");
        auto body = finchat::decode<finchat::SendMessageRequest>(req.request.body);
        REQUIRE(body.ok());
        finchat::SendMessageResponse r;
        r.id = id;
        r.absoluteTime = finchat::formatIsoTime(atMs);
        req.done(FakeHttp::ok(finchat::encode(r)));
        return body->clientToken;
    }

    // --- websocket ---------------------------------------------------------------------------
    FakeSocket* socket() {
        for (auto it = w.sockets.all.rbegin(); it != w.sockets.all.rend(); ++it)
            if (*it) return *it;
        return nullptr;
    }
    void openAndSubscribe() {
        FakeSocket* s = socket();
        REQUIRE(s != nullptr);
        s->serverOpen();
        s->ackSubscribe();
        s->ackHeartbeats();
    }
    void push(const finchat::Item& item) { socket()->serverSend(finchat::chatFrame(item)); }

    // connect → CPC → socket → subscribe → (empty) transcript: Live.
    void goLive(const std::vector<finchat::Item>& history = {}) {
        session->connect();
        answerCpc();
        openAndSubscribe();
        answerTranscript(history);
        REQUIRE(session->state() == finchat::SessionState::Live);
    }
};

}  // namespace fake
