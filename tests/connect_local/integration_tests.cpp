// The core's ChatSession against connect-local over real loopback sockets, under randomized faults.
//
// One io_context runs the server, several customer sessions (native Beast transports) and the echo
// agent. While faults are on, the server fails SendMessage/GetTranscript/CreateParticipantConnection
// with 429/500, kills sockets, duplicates, reorders and delays frames, and stops answering heartbeats.
// Then the faults stop. Every session must end with exactly the server's transcript: nothing lost,
// nothing doubled, same order, each customer message stored once and echoed once.
#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <map>

#include "connect_local/chat_service.h"
#include "fake_platform.h"
#include "finchat/chat_session.h"
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

struct Customer {
    std::unique_ptr<ChatSession> session;
    std::string participantToken;
    int sent = 0;
};

std::vector<Item> serverTranscript(connect_local::ChatService& service, const std::string& participantToken) {
    auto conn = decode<CreateParticipantConnectionResponse>(
        service.participant(Operation::CreateParticipantConnection, participantToken, R"({"Type":["CONNECTION_CREDENTIALS"]})").body);
    REQUIRE(conn.ok());
    std::vector<Item> all;
    std::string token;
    do {
        json req = {{"MaxResults", 100}, {"ScanDirection", "FORWARD"}, {"SortOrder", "ASCENDING"}};
        if (!token.empty()) req["NextToken"] = token;
        auto page = decode<GetTranscriptResponse>(
            service.participant(Operation::GetTranscript, conn->connectionCredentials->connectionToken, req.dump()).body);
        REQUIRE(page.ok());
        all.insert(all.end(), page->transcript.begin(), page->transcript.end());
        token = page->nextToken;
    } while (!token.empty());
    return all;
}

}  // namespace

TEST_CASE("core over real sockets against connect-local, randomized faults: transcripts identical on both sides",
          "[connect-local][integration]") {
    const auto seed = GENERATE(range(1, 7));
    INFO("seed " << seed);
    fake::Dice dice{fake::SeededRandom(static_cast<std::uint64_t>(seed) * 7919)};

    boost::asio::io_context io;
    finchat_native::AsioClock clock(io);
    fake::SeededRandom random(static_cast<std::uint64_t>(seed));
    connect_local::ChatService service(connect_local::Config::demo(), clock, random);
    service.setEchoAgent(true);
    connect_local::ServerOptions options;
    options.seed = static_cast<std::uint32_t>(seed);
    connect_local::Server server(io, service, options);
    std::string error;
    REQUIRE(server.start(error));

    finchat_native::BeastHttpClient http(io);
    finchat_native::BeastWebSocketFactory sockets(io);
    finchat_native::MemoryStorage storage;
    Platform platform{http, sockets, clock, random, builtinPiiDetector(), &storage};
    SessionConfig config;   // chatjs timings, compressed so a run takes about a second
    config.timings.heartbeatIntervalMs = 300;
    config.timings.reconnectBaseMs = 50;
    config.timings.reconnectMaxMs = 400;
    config.timings.socketOpenCheckMs = 500;
    config.timings.socketOpenRetryBaseMs = 50;
    config.timings.subscribeResendMs = 200;
    config.timings.requestRetryBaseMs = 20;
    config.timings.throttledRetryBaseMs = 40;

    std::vector<Customer> customers(4);
    for (std::size_t i = 0; i < customers.size(); ++i) {
        StartChatContactRequest r{"finaptic", "finaptic-l2", {"Customer " + std::to_string(i)}};
        auto ids = decode<StartChatContactResponse>(service.startChatContact(encode(r)).body);
        REQUIRE(ids.ok());
        customers[i].participantToken = ids->participantToken;
        customers[i].session = std::make_unique<ChatSession>(
            platform, ChatDetails{ids->contactId, ids->participantId, ids->participantToken, server.httpBase(), r.participantDetails.displayName}, config);
        customers[i].session->connect();
    }
    REQUIRE(runUntil(io, [&] {
        return std::all_of(customers.begin(), customers.end(), [](const Customer& c) { return c.session->state() == SessionState::Live; });
    }, std::chrono::seconds(10)));

    // Faults on: a chat goes on regardless.
    service.setFaults(R"({"duplicateFrames":0.15,"reorderFrames":0.15,"frameDelayMs":0})");
    for (int round = 0; round < 24; ++round) {
        const int action = dice.between(0, 9);
        if (action <= 4) {
            Customer& c = customers[static_cast<std::size_t>(dice.between(0, static_cast<int>(customers.size()) - 1))];
            if (c.session->sendMessage("m-" + std::to_string(round) + "-" + std::to_string(c.sent)).ok()) ++c.sent;
        } else if (action == 5) {
            service.setFaults(json{{"failOperation", {{"SendMessage", dice.between(1, 2)}, {"GetTranscript", 1}}},
                                   {"failAfterProcessing", {{"SendMessage", dice.between(0, 3)}}},
                                   {"failStatus", dice.chance(0.5) ? 429 : 500}}.dump());
        } else if (action == 6) {
            service.closeSockets(R"({"code":1001})");
        } else if (action == 7) {
            service.setFaults(json{{"dropHeartbeats", dice.chance(0.5)}}.dump());
        } else if (action == 8) {
            service.setFaults(R"({"failOperation":{"CreateParticipantConnection":1},"failStatus":500})");
        }
        fake::runFor(io, std::chrono::milliseconds(dice.between(5, 120)));
    }

    // Faults off; failed sends are retried by the customer (same ClientToken, so never doubled).
    service.setFaults(R"({"reset":true})");
    auto settled = [&] {
        bool all = true;
        for (auto& c : customers) {
            for (const TranscriptEntry* e : c.session->transcript().unsent())
                if (e->delivery == Delivery::Failed) (void)c.session->retrySend(e->localId);
            all = all && c.session->state() == SessionState::Live && c.session->transcript().unsent().empty();
        }
        return all;
    };
    REQUIRE(runUntil(io, settled, std::chrono::seconds(20)));
    // The echo agent answers every message; then one more loss and re-sync brings in what a dying
    // socket may have dropped before the faults stopped.
    fake::runFor(io, std::chrono::milliseconds(200));
    service.closeSockets(R"({"code":1001})");
    REQUIRE(runUntil(io, settled, std::chrono::seconds(20)));
    fake::runFor(io, std::chrono::milliseconds(300));

    for (auto& c : customers) {
        const auto server = serverTranscript(service, c.participantToken);
        std::vector<std::string> serverIds, clientIds;
        std::map<std::string, int> customerTexts, echoes;
        for (const Item& i : server) {
            if (!Transcript::storable(i)) continue;
            serverIds.push_back(i.id);
            if (i.type != ItemType::Message) continue;
            if (i.role() == ParticipantRole::Customer) ++customerTexts[i.content];
            if (i.content.rfind("echo: ", 0) == 0) ++echoes[i.content.substr(6)];
        }
        for (const auto& e : c.session->transcript().entries()) clientIds.push_back(e.item.id);
        CHECK(clientIds == serverIds);
        CHECK(static_cast<int>(customerTexts.size()) == c.sent);
        for (const auto& [text, n] : customerTexts) {
            INFO(text);
            CHECK(n == 1);
            CHECK(echoes[text] == 1);
        }
    }
    for (auto& c : customers) c.session.reset();
    server.stop();
    fake::runFor(io, std::chrono::milliseconds(50));
}
