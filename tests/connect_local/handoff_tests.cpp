// The core's Conversation against connect-local over real loopback sockets: the L1 chat on the
// partner's instance, escalate(), the demo partner backend (POST /acme/api/chat-token, level L2) calling
// the Finaptic Support API, the L2 chat on Finaptic's instance where the echo agent answers. 50
// handoffs in a row; prints escalation request → L2 live p50/p99 (a figure, not an assertion).
#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "connect_local/chat_service.h"
#include "fake_platform.h"
#include "finchat/conversation.h"
#include "finchat_native/asio_clock.h"
#include "finchat_native/beast_http_client.h"
#include "finchat_native/beast_websocket.h"
#include "finchat_native/storage.h"
#include "run_loop.h"
#include "server.h"

using namespace finchat;
using nlohmann::json;
using fake::runUntil;

namespace {

// The partner's page asking its backend: connect-local's demo partner backend, called in-process and
// answered on a later turn (providers.h re-entrancy rule).
struct PartnerBackend : TokenProvider {
    PartnerBackend(boost::asio::io_context& io, connect_local::ChatService& service) : io(io), service(service) {}
    void request(TokenRequest r, std::function<void(Result<ChatDetails>)> done) override {
        json body = {{"level", toString(r.level)}, {"reason", r.reason}, {"displayName", "Dana"}};
        if (r.level == SupportLevel::L2) {
            body["l1ContactId"] = l1ContactId;
            body["transcript"] = json::parse(r.transcriptJson, nullptr, false);
            lastTranscript = r.transcriptJson;
        }
        boost::asio::post(io, [this, body, level = r.level, done = std::move(done)] {
            const auto reply = service.partnerChatToken(body.dump());
            if (reply.status != 200) return done(Error{ErrorCode::Service, "chat-token failed", reply.status, {}});
            const json j = json::parse(reply.body, nullptr, false);
            ChatDetails d{j.value("contactId", ""), j.value("participantId", ""), j.value("participantToken", ""),
                          j.value("endpoint", ""), "Dana"};
            if (level == SupportLevel::L1) l1ContactId = d.contactId;
            done(std::move(d));
        });
    }
    boost::asio::io_context& io;
    connect_local::ChatService& service;
    std::string l1ContactId, lastTranscript;
};

int countText(const Transcript& t, const std::string& text) {
    return static_cast<int>(std::count_if(t.entries().begin(), t.entries().end(),
                                          [&](const TranscriptEntry& e) { return e.item.content == text; }));
}

}  // namespace

TEST_CASE("Conversation against connect-local: 50 handoffs L1 → L2, typed-during-handoff delivered once to L2",
          "[connect-local][handoff]") {
    boost::asio::io_context io;
    finchat_native::AsioClock clock(io);
    fake::SeededRandom random(7);
    connect_local::ChatService service(connect_local::Config::demo(), clock, random);
    service.setEchoAgent(true);
    connect_local::ServerOptions options;
    connect_local::Server server(io, service, options);
    std::string error;
    REQUIRE(server.start(error));

    finchat_native::BeastHttpClient http(io);
    finchat_native::BeastWebSocketFactory sockets(io);
    finchat_native::MemoryStorage storage;
    Platform platform{http, sockets, clock, random, builtinPiiDetector(), &storage};
    PartnerBackend backend(io, service);

    std::vector<double> ms;
    for (int run = 0; run < 50; ++run) {
        INFO("run " << run);
        ConversationConfig config;
        config.storageKey = "bench-" + std::to_string(run);
        Conversation conv(platform, backend, config);
        int succeeded = 0;
        conv.setEventHandler([&](const ConversationEvent& e) { succeeded += e.type == ConversationEventType::HandoffSucceeded; });
        conv.start();
        REQUIRE(runUntil(io, [&] { return conv.sessionState() == SessionState::Live && conv.transcript(0).size() > 0; },
                         std::chrono::seconds(10)));
        const std::string text = "typed during handoff " + std::to_string(run);
        const auto t0 = std::chrono::steady_clock::now();
        conv.escalate("benchmark");
        REQUIRE(conv.send(text).outcome == SendOutcome::Queued);
        conv.escalate("twice");   // one L2 chat all the same
        REQUIRE(runUntil(io, [&] { return conv.handoffState() == HandoffState::Done || conv.handoffState() == HandoffState::Failed; },
                         std::chrono::seconds(20)));
        REQUIRE(conv.handoffState() == HandoffState::Done);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        CHECK(succeeded == 1);
        REQUIRE(conv.segmentCount() == 2);
        REQUIRE(runUntil(io, [&] { return countText(conv.transcript(1), "echo: " + text) > 0; }, std::chrono::seconds(10)));
        fake::runFor(io, std::chrono::milliseconds(run == 0 ? 300 : 20));
        CHECK(countText(conv.transcript(1), text) == 1);
        CHECK(countText(conv.transcript(1), "echo: " + text) == 1);
        CHECK(countText(conv.transcript(0), text) == 0);
        CHECK(backend.lastTranscript.find("\"role\"") != std::string::npos);
        conv.end();
        REQUIRE(runUntil(io, [&] { return conv.state() == ConversationState::Ended; }, std::chrono::seconds(10)));
        CHECK(storage.get(config.storageKey) == std::nullopt);
    }
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))]; };
    std::printf("handoff escalate() → L2 live over %zu runs (native, loopback): p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
                ms.size(), at(0.5), at(0.99), ms.back());
}
